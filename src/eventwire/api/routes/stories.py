"""/api/stories: stories newest first; one story with its consolidated events; outlet comparison."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from eventwire.reads.stories import compare_story
from eventwire.serving.encoding import ApiJSON
from eventwire.serving.errors import ApiError
from eventwire.serving.lists import STORIES, list_route
from eventwire.serving.state import server
from eventwire.store.stories import story_detail

router = APIRouter(prefix="/api", tags=["stories"])


list_route(router, "/stories", STORIES, "Stories, newest first, with their outlets and article counts")


@router.get("/stories/{story_id}", summary="One story: articles, timeline, consolidated events and reports")
def get_story(request: Request, story_id: str) -> Response:
    detail = story_detail(server(request).database.reader(), story_id)
    if detail is None:
        raise ApiError(404, f"no story with id {story_id!r}", param="story_id")
    return ApiJSON(STORIES.to_json(detail))


@router.get(
    "/stories/{story_id}/compare", summary="Side by side: what each outlet reported, shared or unique"
)
def compare(request: Request, story_id: str) -> Response:
    comparison = compare_story(server(request).database.reader(), story_id)
    if comparison is None:
        raise ApiError(404, f"no story with id {story_id!r}", param="story_id")
    return ApiJSON(comparison)
