"""/api/quotes: direct quotes with their speakers, newest article first."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from eventwire.serving.lists import QUOTES, list_response
from eventwire.serving.params import (
    FORMAT_PARAM,
    PAGING_PARAMS,
    Format,
    Paging,
    documented,
    output_format,
    paging,
)

router = APIRouter(prefix="/api", tags=["quotes"])


@router.get(
    "/quotes",
    summary="Direct quotes with their speakers",
    openapi_extra=documented(*PAGING_PARAMS, FORMAT_PARAM),
)
def list_quotes(
    request: Request,
    speaker: str | None = Query(None, description="Speaker name contains this."),
    doc: str | None = Query(None, description="Only the quotes of this article id."),
    page: Paging = Depends(paging),
    fmt: Format = Depends(output_format),
) -> Response:
    return list_response(request, QUOTES, {"speaker": speaker or None, "doc_id": doc or None}, page, fmt)
