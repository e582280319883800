"""/actors (search) and /actors/{id}: who, roles over time, events as source and target, quotes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from eventwire.reads.resources import actor_detail
from eventwire.serving.errors import ApiError
from eventwire.serving.lists import ACTORS
from eventwire.serving.params import Paging, paging
from eventwire.serving.state import server
from eventwire.store.events import EventQuery, event_rows
from eventwire.store.shapes import event_api
from eventwire.web.templating import render

router = APIRouter(include_in_schema=False)

EVENTS_SHOWN = 20
"""Events listed per side on an actor's page; the rest are a link to the events table away."""


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, page: Paging = Depends(paging)) -> HTMLResponse:
    filters = ACTORS.filter_values(request.query_params)
    rows, total = ACTORS.page(server(request).database.reader(), filters, page)
    params = {k: v for k, v in filters.items() if v}
    return render(request, "actors.html", title="Actors", actors=rows, total=total, page=page, params=params)


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str) -> HTMLResponse:
    state = server(request)
    store = state.database.reader()
    actor = actor_detail(store, state.settings.config, actor_id)
    if actor is None:
        raise ApiError(404, f"no actor with id {actor_id!r}")
    as_source = event_rows(store, EventQuery(actor=actor_id, role="source"), limit=EVENTS_SHOWN)
    as_target = event_rows(store, EventQuery(actor=actor_id, role="target"), limit=EVENTS_SHOWN)
    return render(
        request,
        "actor.html",
        title=actor["name"],
        actor=actor,
        as_source=[event_api(r) for r in as_source],
        as_target=[event_api(r) for r in as_target],
        chart={
            "labels": [m["month"] for m in actor["monthly"]],
            "source": [m["n_source"] for m in actor["monthly"]],
            "target": [m["n_target"] for m in actor["monthly"]],
        },
    )
