"""The lists of the API and the pages, each resource declared once, and the one view answering them.

A `Listing` says what filters a resource takes, how to read a page of it, how many match in all,
and how a row looks as JSON and as a line of CSV. `list_route` adds its API route: a download
(CSV or JSON Lines) of every match, else one page with the total and links to the neighbouring
pages; the pages show `Listing.page`. (The events, the busiest list, have a view of their own over
the in-memory index: `api.routes.events`.)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from eventwire.serving.downloads import rows_download
from eventwire.serving.encoding import ApiJSON
from eventwire.serving.params import (
    FORMAT_PARAM,
    PAGING_PARAMS,
    Paging,
    QueryParam,
    documented,
    parse_country,
    parse_format,
    parse_paging,
)
from eventwire.serving.state import server
from eventwire.store import Store, queries
from eventwire.store import alerts as alert_tables
from eventwire.store import stories as story_tables
from eventwire.store.events import blank
from eventwire.store.shapes import actor_api, article_api

Row = dict[str, Any]


def _link(request: Request, offset: int | None) -> str | None:
    """This request's path and query with another offset (built by hand: Starlette's URL
    objects cost a tenth of a fast endpoint's time)."""
    if offset is None:
        return None
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
    path = request.scope.get("root_path", "") + request.scope["path"]
    return f"{path}?{urlencode([*params, ('offset', str(offset))])}"


def page_body(
    items: list[Any], total: int | None, paging: Paging, request: Request, *, shown: int | None = None
) -> dict[str, Any]:
    """`{"items", "total", "limit", "offset", "next", "prev"}`; total None when not counted.

    Without a total, a next page is offered when this page is full.

    Args:
        shown: how many items the page holds, when `items` is left empty to be filled in later.
    """
    count = len(items) if shown is None else shown
    more = paging.offset + count < total if total is not None else count == paging.limit
    return {
        "items": items,
        "total": total,
        "limit": paging.limit,
        "offset": paging.offset,
        "next": _link(request, paging.offset + paging.limit if more else None),
        "prev": _link(request, max(0, paging.offset - paging.limit) if paging.offset > 0 else None),
    }


@dataclass(frozen=True, slots=True)
class ListFilter:
    """A filter of a list, given as a query parameter."""

    param: str
    description: str
    key: str = ""
    """The keyword the listing's functions take it as (default: `param`)."""
    parse: Callable[[str | None, str], Any] = lambda value, _param: blank(value)
    """(text, parameter name) -> the value; raises `ApiError` naming the parameter."""


@dataclass(frozen=True, slots=True)
class Listing:
    name: str
    """What a download is called (`articles.csv`)."""
    rows: Callable[..., list[Row]]
    """(store, limit=, offset=, **filters) -> the rows of one page (`limit=None`: all)."""
    count: Callable[..., int]
    """(store, **filters) -> how many rows match."""
    filters: tuple[ListFilter, ...] = ()
    columns: tuple[str, ...] = ()
    """The columns of a CSV download; none: the list is not offered as a download."""
    to_json: Callable[[Row], Any] = dict
    to_row: Callable[[Row], Row] = dict
    """A row as one line of CSV (a list in a cell joined into text)."""

    def filter_values(self, params: Mapping[str, str]) -> dict[str, Any]:
        """The filters a request's query string gives, checked."""
        return {f.key or f.param: f.parse(params.get(f.param), f.param) for f in self.filters}

    def page(self, store: Store, filters: Mapping[str, Any], paging: Paging) -> tuple[list[Row], int]:
        """One page of rows and how many match in all."""
        rows = self.rows(store, limit=paging.limit, offset=paging.offset, **filters)
        return rows, self.count(store, **filters)

    def respond(self, request: Request) -> Response:
        """Every matching row as a download (`format` csv or jsonl), else one page as JSON."""
        params = request.query_params
        filters, paging = self.filter_values(params), parse_paging(params)
        store = server(request).database.reader()
        fmt = parse_format(params) if self.columns else "json"
        if fmt != "json":
            rows = self.rows(store, limit=None, offset=0, **filters)
            return rows_download(
                [self.to_row(r) for r in rows] if fmt == "csv" else rows,
                fmt=fmt,
                columns=self.columns,
                to_json=self.to_json,
                filename=self.name,
            )
        rows, total = self.page(store, filters, paging)
        return ApiJSON(page_body([self.to_json(r) for r in rows], total, paging, request))


def list_route(router: APIRouter, path: str, listing: Listing, summary: str) -> None:
    """Add the GET route of a list to `router`, its parameters documented from the listing."""
    params = [QueryParam(f.param, f.description, {"type": "string"}) for f in listing.filters]
    params += [*PAGING_PARAMS, *([FORMAT_PARAM] if listing.columns else [])]

    def view(request: Request) -> Response:
        return listing.respond(request)

    documentation = documented(*params)
    router.add_api_route(
        path, view, methods=["GET"], name=f"list_{listing.name}", summary=summary, openapi_extra=documentation
    )


def _story_json(story: Row) -> Row:
    return {
        **story,
        "links": {
            "page": f"/stories/{story['id']}",
            "api": f"/api/stories/{story['id']}",
            "compare": f"/api/stories/{story['id']}/compare",
        },
    }


def _dyad_json(dyad: Row) -> Row:
    pair = f"{dyad['a']}/{dyad['b']}"
    return {**dyad, "links": {"page": f"/dyads/{pair}", "api": f"/api/dyads/{pair}"}}


ARTICLES = Listing(
    "articles",
    queries.article_page,
    queries.article_count,
    filters=(ListFilter("outlet", "Only this outlet's articles."),),
    columns=("id", "title", "outlet", "author", "published", "url", "source", "record", "n_events"),
    to_json=article_api,
)
QUOTES = Listing(
    "quotes",
    queries.quote_page,
    queries.quote_count,
    filters=(
        ListFilter("speaker", "Speaker name contains this."),
        ListFilter("doc", "Only the quotes of this article id.", key="doc_id"),
    ),
    columns=(
        "id", "doc_id", "speaker", "speaker_id", "text", "sentence_index", "title", "outlet", "published"
    ),
)
ACTORS = Listing(
    "actors",
    queries.actor_page,
    queries.actor_count,
    filters=(
        ListFilter("name", "Name contains this (case-insensitive)."),
        ListFilter("country", "ISO3 country, e.g. RUS.", parse=parse_country),
    ),
    columns=("id", "name", "country", "sector", "kind", "n_source", "n_target"),
    to_json=actor_api,
)
DYADS = Listing(
    "dyads",
    queries.dyad_top,
    queries.dyad_count,
    columns=("a", "b", "n", "goldstein", "first_date", "last_date"),
    to_json=_dyad_json,
)
STORIES = Listing(
    "stories",
    story_tables.list_stories,
    story_tables.story_count,
    columns=("id", "title", "first_published", "last_published", "n_articles", "n_outlets", "outlets"),
    to_json=_story_json,
    to_row=lambda story: {**story, "outlets": "; ".join(o or "" for o in story["outlets"])},
)
ALERTS = Listing("alerts", alert_tables.list_alerts, alert_tables.count_alerts)
