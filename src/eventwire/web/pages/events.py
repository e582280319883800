"""/events (the filterable table) and /events/{id} (one event, linked to its evidence)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from eventwire.coding import plover_types
from eventwire.serving.errors import ApiError
from eventwire.serving.params import Paging, event_filters, paging
from eventwire.serving.state import server
from eventwire.store import queries
from eventwire.store.events import EventQuery, event_by_id, is_actor_id
from eventwire.store.shapes import event_api
from eventwire.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request, query: EventQuery = Depends(event_filters), page: Paging = Depends(paging)
) -> HTMLResponse:
    state = server(request)
    store = state.database.reader()
    rows, total = state.events.page(query, limit=page.limit, offset=page.offset)
    actor_name = None
    if query.actor and is_actor_id(query.actor):
        actor = queries.actor_by_id(store, query.actor)
        actor_name = actor["name"] if actor else None
    params = query.params()
    return render(
        request,
        "events.html",
        title="Events",
        events=[event_api(r) for r in rows],
        total=total,
        page=page,
        params=params,
        actor_name=actor_name,
        types=plover_types(),
        download_query=params,
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    row = event_by_id(server(request).database.reader(), event_id)
    if row is None:
        raise ApiError(404, f"no event with id {event_id!r}")
    event = event_api(row)
    return render(request, "event.html", title=f"{event['type']}: {event['source']['name']}", event=event)
