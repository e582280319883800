"""/api/dyads: the busiest country pairs; one pair's weekly events by type and Goldstein mean."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from eventwire.reads.resources import dyad_detail
from eventwire.serving.encoding import ApiJSON
from eventwire.serving.lists import DYADS, list_response
from eventwire.serving.params import (
    FORMAT_PARAM,
    PAGING_PARAMS,
    Format,
    Paging,
    documented,
    output_format,
    paging,
    parse_side,
)
from eventwire.serving.state import server

router = APIRouter(prefix="/api", tags=["dyads"])


@router.get(
    "/dyads",
    summary="Pairs of countries with the most events between them",
    openapi_extra=documented(*PAGING_PARAMS, FORMAT_PARAM),
)
def list_dyads(
    request: Request, page: Paging = Depends(paging), fmt: Format = Depends(output_format)
) -> Response:
    return list_response(request, DYADS, {}, page, fmt)


@router.get("/dyads/{a}/{b}", summary="Events between two sides per week, by type, with mean Goldstein")
def get_dyad(request: Request, a: str, b: str) -> Response:
    """Each side is an ISO3 country code (CHN) or an actor id; both directions count."""
    side_a, side_b = parse_side(a, "a"), parse_side(b, "b")
    state = server(request)
    return ApiJSON(dyad_detail(state.database.reader(), state.settings.config, side_a, side_b))
