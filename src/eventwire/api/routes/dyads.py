"""/api/dyads: the busiest country pairs; one pair's weekly events by type and Goldstein mean."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from eventwire.reads.resources import dyad_detail
from eventwire.serving.encoding import ApiJSON
from eventwire.serving.lists import DYADS, list_route
from eventwire.serving.params import parse_side
from eventwire.serving.state import server

router = APIRouter(prefix="/api", tags=["dyads"])
list_route(router, "/dyads", DYADS, "Pairs of countries with the most events between them")


@router.get("/dyads/{a}/{b}", summary="Events between two sides per week, by type, with mean Goldstein")
def get_dyad(request: Request, a: str, b: str) -> Response:
    """Each side is an ISO3 country code (CHN) or an actor id; both directions count."""
    side_a, side_b = parse_side(a, "a"), parse_side(b, "b")
    state = server(request)
    return ApiJSON(dyad_detail(state.database.reader(), state.settings.config, side_a, side_b))
