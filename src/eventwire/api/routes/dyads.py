"""/api/dyads: the busiest country pairs; one pair's weekly events by type and Goldstein mean."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from eventwire.api.downloads import rows_download
from eventwire.api.listing import page_body
from eventwire.api.params import (
    FORMAT_PARAM,
    PAGING_PARAMS,
    Format,
    Paging,
    documented,
    output_format,
    paging,
    parse_side,
)
from eventwire.api.resources import dyad_detail
from eventwire.api.serialize import ApiJSON
from eventwire.api.state import server
from eventwire.store import queries

router = APIRouter(prefix="/api", tags=["dyads"])

DYAD_COLUMNS = ("a", "b", "n", "goldstein", "first_date", "last_date")


@router.get(
    "/dyads",
    summary="Pairs of countries with the most events between them",
    openapi_extra=documented(*PAGING_PARAMS, FORMAT_PARAM),
)
def list_dyads(
    request: Request, page: Paging = Depends(paging), fmt: Format = Depends(output_format)
) -> Response:
    rows = queries.dyad_top(server(request).database.reader())
    for row in rows:
        row["links"] = {"page": f"/dyads/{row['a']}/{row['b']}", "api": f"/api/dyads/{row['a']}/{row['b']}"}
    if fmt != "json":
        return rows_download(rows, fmt=fmt, columns=DYAD_COLUMNS, to_json=dict, filename="dyads")
    items = rows[page.offset : page.offset + page.limit]
    return ApiJSON(page_body(items, len(rows), page, request))


@router.get("/dyads/{a}/{b}", summary="Events between two sides per week, by type, with mean Goldstein")
def get_dyad(request: Request, a: str, b: str) -> Response:
    """Each side is an ISO3 country code (CHN) or an actor id; both directions count."""
    side_a, side_b = parse_side(a, "a"), parse_side(b, "b")
    state = server(request)
    return ApiJSON(dyad_detail(state.database.reader(), state.settings.config, side_a, side_b))
