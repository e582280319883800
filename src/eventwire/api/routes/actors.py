"""/api/actors: actors with their event counts; one actor with roles, activity and quotes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from eventwire.api.downloads import rows_download
from eventwire.api.errors import ApiError
from eventwire.api.listing import page_body
from eventwire.api.params import (
    FORMAT_PARAM,
    PAGING_PARAMS,
    Format,
    Paging,
    documented,
    output_format,
    paging,
    parse_country,
)
from eventwire.api.resources import actor_detail
from eventwire.api.serialize import ApiJSON
from eventwire.api.state import server
from eventwire.store import queries
from eventwire.store.shapes import actor_api

router = APIRouter(prefix="/api", tags=["actors"])

ACTOR_COLUMNS = ("id", "name", "country", "sector", "kind", "n_source", "n_target")


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
    store = server(request).database.reader()
    name, country = name or None, parse_country(country, "country")
    if fmt != "json":
        rows = queries.actor_page(store, name=name, country=country, limit=None)
        return rows_download(rows, fmt=fmt, columns=ACTOR_COLUMNS, to_json=actor_api, filename="actors")
    rows = queries.actor_page(store, name=name, country=country, limit=page.limit, offset=page.offset)
    total = queries.actor_count(store, name=name, country=country)
    return ApiJSON(page_body([actor_api(r) for r in rows], total, page, request))


@router.get("/actors/{actor_id}", summary="One actor: who, roles over time, activity by month, quotes")
def get_actor(request: Request, actor_id: str) -> Response:
    state = server(request)
    detail = actor_detail(state.database.reader(), state.settings.config, actor_id)
    if detail is None:
        raise ApiError(404, f"no actor with id {actor_id!r}", param="actor_id")
    return ApiJSON(detail)
