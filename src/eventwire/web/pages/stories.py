"""/stories (newest first) and /stories/{id} (articles, map, timeline, events, outlet comparison)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from eventwire.reads.stories import compare_story
from eventwire.serving.errors import ApiError
from eventwire.serving.lists import STORIES
from eventwire.serving.params import Paging, paging
from eventwire.serving.state import server
from eventwire.store import places
from eventwire.store import stories as story_queries
from eventwire.store.shapes import json_ready
from eventwire.stories.mutual import pair_mutual
from eventwire.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, page: Paging = Depends(paging)) -> HTMLResponse:
    rows, total = STORIES.page(server(request).database.reader(), {}, page)
    return render(
        request,
        "stories.html",
        title="Stories",
        stories=rows,
        page=page,
        more=page.offset + len(rows) < total,
        params={},
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    store = server(request).database.reader()
    detail = story_queries.story_detail(store, story_id)
    if detail is None:
        raise ApiError(404, f"no story with id {story_id!r}")
    comparison = compare_story(store, detail["id"])
    outlets = comparison["outlets"] if comparison else []
    for outlet in outlets:
        outlet["events"] = pair_mutual(outlet["events"], source="source", target="target")
    return render(
        request,
        "story.html",
        title=detail["title"] or detail["id"],
        story=detail,
        timeline=pair_mutual(detail["timeline"], source="source", target="target"),
        events=pair_mutual(detail["events"]),
        outlets=outlets,
        map_data={
            "points": json_ready(places.story_points(store, detail["id"])),
            "fit": True,
            "link": {"story": detail["id"]},
        },
    )
