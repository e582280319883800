"""/ (the overview: the first page), /search and /map (events by place, with the event filters)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from eventwire.coding import plover_types
from eventwire.serving.errors import ApiError
from eventwire.serving.params import event_filters
from eventwire.serving.state import server
from eventwire.store import overview, places, search
from eventwire.store import stories as story_queries
from eventwire.store.events import MAX_TEXT, EventQuery
from eventwire.store.shapes import event_api, json_ready
from eventwire.web.templating import render

router = APIRouter(include_in_schema=False)

PLACE_EVENTS_SHOWN = 100


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request) -> HTMLResponse:
    data = overview.overview(server(request).database.reader())
    # The charts link a bar to its events: the page knows the period, charts.js builds the URL.
    chart = overview.chart_data(data["over_time"]) | {
        "period": data["over_time"]["period"],
        "link": "/events",
    }
    return render(request, "overview.html", title="Overview", data=data, chart=chart)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = Query("", max_length=MAX_TEXT)) -> HTMLResponse:
    found = search.search(server(request).database.reader(), q) if q.strip() else None
    return render(request, "search.html", title=f"Search: {q}" if q else "Search", q=q, found=found)


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request,
    query: EventQuery = Depends(event_filters),
    place: str | None = Query(None, max_length=MAX_TEXT),
    story: str | None = Query(None, max_length=MAX_TEXT),
) -> HTMLResponse:
    store = server(request).database.reader()
    story_id = None
    if story:
        story_id = story_queries.find_story(store, story)
        if story_id is None:
            raise ApiError(404, f"no story with id {story!r}")
        points = places.story_points(store, story_id)
    else:
        points = places.event_points(store, query)
    params = {"story": story_id} if story_id else query.params()
    here = None
    if place:
        rows, total = places.events_at(
            store, EventQuery() if story_id else query, place, story_id=story_id, limit=PLACE_EVENTS_SHOWN
        )
        # The events table shows each mutual pair as one row (see the `pair_events` filter).
        here = {"key": place, "total": total, "events": [event_api(r) for r in rows]}
    return render(
        request,
        "map.html",
        title="Map",
        params=params,
        types=plover_types(),
        story_id=story_id,
        here=here,
        points=points,
        map_data={"points": json_ready(points), "fit": bool(story_id), "link": params},
    )
