"""/api/overview (the store at a glance), /api/search and /api/map (events by place)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from eventwire.serving.encoding import ApiJSON
from eventwire.serving.errors import ApiError
from eventwire.serving.params import EVENT_PARAMS, QueryParam, documented, parse_event_query
from eventwire.serving.state import server
from eventwire.store import overview, places, search
from eventwire.store import stories as story_queries
from eventwire.store.events import MAX_TEXT
from eventwire.store.shapes import event_api

router = APIRouter(prefix="/api", tags=["overview"])

PLACE_PARAM = QueryParam(
    "place", "A point's key (`Moscow|RUS`): its events are listed too.", {"type": "string"}
)
STORY_PARAM = QueryParam(
    "story", "A story id: the places of its events (the other filters are ignored).", {"type": "string"}
)
PLACE_EVENTS_SHOWN = 100


@router.get("/overview", summary="Events over time by type, mean Goldstein, top dyads, stories, outlets")
def get_overview(request: Request) -> Response:
    body = overview.overview(server(request).database.reader())
    body["chart"] = overview.chart_data(body["over_time"])
    return ApiJSON(body)


@router.get("/search", summary="Actors, stories and articles matching every word of q")
def get_search(
    request: Request,
    q: str = Query(
        ..., min_length=1, max_length=MAX_TEXT, description="Words to find (case and accents ignored)."
    ),
    limit: int = Query(search.DEFAULT_LIMIT, ge=1, le=100, description="At most this many of each kind."),
) -> Response:
    return ApiJSON(search.search(server(request).database.reader(), q, limit=limit))


@router.get(
    "/map",
    summary="Events by place: one point per resolved place with its count",
    openapi_extra=documented(*EVENT_PARAMS, PLACE_PARAM, STORY_PARAM),
)
def get_map(request: Request) -> Response:
    """Points for the events matching the event filters (as /api/events takes them), or for one
    story's events; with `place`, the events at that point too (newest first, up to 100)."""
    params = request.query_params
    store = server(request).database.reader()
    story = params.get("story")
    if story:
        found = story_queries.find_story(store, story)
        if found is None:
            raise ApiError(404, f"no story with id {story!r}", param="story")
        return ApiJSON({"story": found, "points": places.story_points(store, found)})
    query = parse_event_query(params)
    body: dict[str, object] = {"points": places.event_points(store, query)}
    key = params.get("place")
    if key:
        rows, total = places.events_at(store, query, key, limit=PLACE_EVENTS_SHOWN)
        body["place"] = {"key": key, "total": total, "events": [event_api(r) for r in rows]}
    return ApiJSON(body)
