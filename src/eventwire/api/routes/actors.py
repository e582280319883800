"""/api/actors: actors with their event counts; one actor with roles, activity and quotes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from eventwire.reads.resources import actor_detail
from eventwire.serving.encoding import ApiJSON
from eventwire.serving.errors import ApiError
from eventwire.serving.lists import ACTORS, list_response
from eventwire.serving.params import (
    FORMAT_PARAM,
    PAGING_PARAMS,
    Format,
    Paging,
    documented,
    output_format,
    paging,
    parse_country,
)
from eventwire.serving.state import server

router = APIRouter(prefix="/api", tags=["actors"])


@router.get(
    "/actors", summary="Actors, busiest first", openapi_extra=documented(*PAGING_PARAMS, FORMAT_PARAM)
)
def list_actors(
    request: Request,
    name: str | None = Query(None, description="Name contains this (case-insensitive)."),
    country: str | None = Query(None, description="ISO3 country, e.g. RUS."),
    page: Paging = Depends(paging),
    fmt: Format = Depends(output_format),
) -> Response:
    filters = {"name": name or None, "country": parse_country(country, "country")}
    return list_response(request, ACTORS, filters, page, fmt)


@router.get("/actors/{actor_id}", summary="One actor: who, roles over time, activity by month, quotes")
def get_actor(request: Request, actor_id: str) -> Response:
    state = server(request)
    detail = actor_detail(state.database.reader(), state.settings.config, actor_id)
    if detail is None:
        raise ApiError(404, f"no actor with id {actor_id!r}", param="actor_id")
    return ApiJSON(detail)
