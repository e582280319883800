"""/api: what the API offers; /api/health: the database and the server's mode."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from eventwire.serving.encoding import ApiJSON
from eventwire.serving.state import server
from eventwire.store import queries
from eventwire.version import __version__

router = APIRouter(prefix="/api", tags=["meta"])


@router.get("", summary="The API's endpoints, from its OpenAPI schema")
def index(request: Request) -> Response:
    schema = request.app.openapi()
    endpoints = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", "")}
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
    ]
    return ApiJSON({"version": __version__, "openapi": "/api/openapi.json", "endpoints": endpoints})


@router.get("/health", summary="Row counts, and whether the server accepts ingest")
def health(request: Request) -> Response:
    state = server(request)
    return ApiJSON(
        {
            "status": "ok",
            "version": __version__,
            "database": state.settings.db,
            "read_only": state.settings.read_only,
            "counts": queries.counts(state.database.reader()),
            "event_cache": {"rows": state.events.cache.stats(), "encoded": state.events.encoded.stats()},
        }
    )
