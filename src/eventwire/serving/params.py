"""Query parameters shared by the JSON API and the pages: parsed once, checked, turned into filters.

Filters arrive as text (a page's form sends empty fields as ""), so they are parsed by the event
query's own parser (`store.events`) rather than by FastAPI's types: an empty field means "no
filter", and a bad value gets a 400 that names the parameter and shows what is expected.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, ParamSpec, TypeVar

from fastapi import Request

from eventwire.coding import plover_types
from eventwire.serving.errors import ApiError
from eventwire.serving.settings import DEFAULT_PAGE, MAX_PAGE
from eventwire.store import events
from eventwire.store.events import FILTERS, EventQuery, QueryError

Format = Literal["json", "csv", "jsonl"]
P = ParamSpec("P")
R = TypeVar("R")


def _as_api_error(parse: Callable[P, R]) -> Callable[P, R]:
    """`parse`, with its `QueryError` answered as a 400 naming the parameter."""

    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return parse(*args, **kwargs)
        except QueryError as exc:
            raise ApiError(400, exc.message, param=exc.param) from None

    return checked


parse_date = _as_api_error(events.parse_date)
parse_country = _as_api_error(events.parse_country)
parse_side = _as_api_error(events.parse_side)
parse_dyad = _as_api_error(events.parse_dyad)


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class QueryParam:
    """A query parameter as the OpenAPI schema documents it."""

    name: str
    description: str
    schema: dict[str, Any]


PAGING_PARAMS = (
    QueryParam(
        "limit", f"Items per page (1-{MAX_PAGE}, default {DEFAULT_PAGE}).",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": DEFAULT_PAGE},
    ),
    QueryParam("offset", "Items to skip (default 0).", {"type": "integer", "minimum": 0, "default": 0}),
)  # fmt: skip
FORMAT_PARAM = QueryParam(
    "format",
    "json (default): one page; csv or jsonl: every matching row as a download.",
    {"type": "string", "enum": ["json", "csv", "jsonl"], "default": "json"},
)
FILTER_SCHEMAS: dict[str, dict[str, Any]] = {
    "text": {"type": "string"},
    "role": {"enum": ["source", "target"]},
    "country": {"type": "string"},
    "dyad": {"type": "string"},
    "type": {"type": "string"},
    "date": {"type": "string", "format": "date"},
}
EVENT_PARAMS = tuple(QueryParam(f.param, f.help, FILTER_SCHEMAS[f.kind]) for f in FILTERS)


def documented(*params: QueryParam) -> dict[str, Any]:
    """`openapi_extra` for a route that reads these parameters itself."""
    return {
        "parameters": [
            {"name": p.name, "in": "query", "description": p.description, "schema": p.schema} for p in params
        ]
    }


def _int(params: Mapping[str, str], name: str, default: int, low: int, high: int | None) -> int:
    value = events.blank(params.get(name))
    if value is None:
        return default
    bounds = f"from {low} to {high}" if high is not None else f"of at least {low}"
    try:
        number = int(value)
    except ValueError:
        raise ApiError(400, f"{name}: expected a whole number {bounds}, got {value!r}", param=name) from None
    if number < low or (high is not None and number > high):
        raise ApiError(400, f"{name}: expected a whole number {bounds}, got {value!r}", param=name)
    return number


# The dependencies below read the query string themselves (documented with `documented(...)`):
# FastAPI's per-parameter validation cost a fifth of the events endpoint's time under load.


def parse_paging(params: Mapping[str, str]) -> Paging:
    """`limit` and `offset`, checked."""
    return Paging(
        limit=_int(params, "limit", DEFAULT_PAGE, 1, MAX_PAGE), offset=_int(params, "offset", 0, 0, None)
    )


def parse_format(params: Mapping[str, str]) -> Format:
    value = events.blank(params.get("format")) or "json"
    if value not in ("json", "csv", "jsonl"):
        raise ApiError(400, f"format: expected json, csv or jsonl, got {value!r}", param="format")
    return value  # type: ignore[return-value]


async def paging(request: Request) -> Paging:
    return parse_paging(request.query_params)


async def event_filters(request: Request) -> EventQuery:
    """The event filter of a request; raises a 400 naming the first bad parameter."""
    return parse_event_query(request.query_params)


@_as_api_error
def parse_event_query(params: Mapping[str, str]) -> EventQuery:
    return events.parse_event_query(params, plover_types)
