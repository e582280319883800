"""/api/actors: actors with their event counts; one actor with roles, activity and quotes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from eventwire.reads.resources import actor_detail
from eventwire.serving.encoding import ApiJSON
from eventwire.serving.errors import ApiError
from eventwire.serving.lists import ACTORS, list_route
from eventwire.serving.state import server

router = APIRouter(prefix="/api", tags=["actors"])
list_route(router, "/actors", ACTORS, "Actors, busiest first")


@router.get("/actors/{actor_id}", summary="One actor: who, roles over time, activity by month, quotes")
def get_actor(request: Request, actor_id: str) -> Response:
    state = server(request)
    detail = actor_detail(state.database.reader(), state.settings.config, actor_id)
    if detail is None:
        raise ApiError(404, f"no actor with id {actor_id!r}", param="actor_id")
    return ApiJSON(detail)
