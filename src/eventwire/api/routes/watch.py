"""/api/alerts, /api/sources and /api/watch: what the watcher fired, what it watches, how it runs."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from eventwire.serving.encoding import ApiJSON
from eventwire.serving.lists import ALERTS, list_route
from eventwire.serving.state import server
from eventwire.store.crawl import list_sources

router = APIRouter(prefix="/api", tags=["watch"])


list_route(
    router,
    "/alerts",
    ALERTS,
    "Fired alerts, newest first, with their evidence (links into the pages) and deliveries",
)


@router.get("/sources", summary="Watched sources with their last poll, status and counts")
def sources(request: Request) -> Response:
    rows = list_sources(server(request).database.reader())
    return ApiJSON({"items": rows, "total": len(rows)})


@router.get("/watch", summary="Whether this server watches sources; its cycles so far")
def watch_state(request: Request) -> Response:
    state = server(request)
    progress = state.watch.progress.to_dict() if state.watch is not None else None
    # Pages poll this to notice that a cycle (or an ingest) committed new data.
    return ApiJSON(
        {"watching": state.watch is not None, "generation": state.database.generation, **(progress or {})}
    )
