"""/api/stories: stories newest first; one story with its consolidated events; outlet comparison."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from eventwire.api.downloads import rows_download
from eventwire.api.errors import ApiError
from eventwire.api.listing import page_body
from eventwire.api.params import (
    FORMAT_PARAM,
    PAGING_PARAMS,
    Format,
    Paging,
    documented,
    output_format,
    paging,
)
from eventwire.api.serialize import ApiJSON
from eventwire.api.state import server
from eventwire.reads import stories as story_reads
from eventwire.store import stories as story_queries

router = APIRouter(prefix="/api", tags=["stories"])

STORY_COLUMNS = ("id", "title", "first_published", "last_published", "n_articles", "n_outlets", "outlets")


def _links(story: dict[str, Any]) -> dict[str, Any]:
    story["links"] = {
        "page": f"/stories/{story['id']}",
        "api": f"/api/stories/{story['id']}",
        "compare": f"/api/stories/{story['id']}/compare",
    }
    return story


def _flat(story: dict[str, Any]) -> dict[str, Any]:
    return {**story, "outlets": "; ".join(o or "" for o in story["outlets"])}


@router.get(
    "/stories",
    summary="Stories, newest first, with their outlets and article counts",
    openapi_extra=documented(*PAGING_PARAMS, FORMAT_PARAM),
)
def list_stories(
    request: Request, page: Paging = Depends(paging), fmt: Format = Depends(output_format)
) -> Response:
    store = server(request).database.reader()
    if fmt != "json":
        rows = [_links(s) for s in story_queries.list_stories(store)]
        if fmt == "csv":
            rows = [_flat(r) for r in rows]
        return rows_download(rows, fmt=fmt, columns=STORY_COLUMNS, to_json=dict, filename="stories")
    # One extra row tells whether there is a next page without counting every story.
    rows = story_queries.list_stories(store, limit=page.limit + 1, offset=page.offset)
    items = [_links(s) for s in rows[: page.limit]]
    body = page_body(items, None, page, request)
    if len(rows) <= page.limit:
        body["next"] = None
        body["total"] = page.offset + len(items)
    return ApiJSON(body)


@router.get("/stories/{story_id}", summary="One story: articles, timeline, consolidated events and reports")
def get_story(request: Request, story_id: str) -> Response:
    detail = story_queries.story_detail(server(request).database.reader(), story_id)
    if detail is None:
        raise ApiError(404, f"no story with id {story_id!r}", param="story_id")
    return ApiJSON(_links(detail))


@router.get(
    "/stories/{story_id}/compare", summary="Side by side: what each outlet reported, shared or unique"
)
def compare_story(request: Request, story_id: str) -> Response:
    comparison = story_reads.compare_story(server(request).database.reader(), story_id)
    if comparison is None:
        raise ApiError(404, f"no story with id {story_id!r}", param="story_id")
    return ApiJSON(comparison)
