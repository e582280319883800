"""POST /api/ingest: files (multipart) or a JSON Lines body, with the token, into the store."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from eventwire.serving.auth import check_token, presented_token
from eventwire.serving.encoding import ApiJSON
from eventwire.serving.ingest import read_uploads
from eventwire.serving.state import server

router = APIRouter(prefix="/api", tags=["ingest"])

@router.post(
    "/ingest",
    summary="Ingest files or JSON Lines through the pipeline (needs the token)",
    responses={
        401: {"description": "missing or wrong token"},
        403: {"description": "read-only server"},
        413: {"description": "body over the size limit"},
    },
)
async def ingest(request: Request) -> Response:
    """Multipart `files` (.txt, .html, .jsonl, .warc.gz, feeds) or a JSON Lines body
    (`Content-Type: application/x-ndjson`, one `{"text" or "html", "id", "url", "outlet",
    "published", "title"}` a line). Send the token as `Authorization: Bearer TOKEN`."""
    state = server(request)
    # The token is checked before the body is parsed: a read-only server or a wrong header
    # costs nothing; a browser form carries the token in the form itself, checked after.
    header_token = presented_token(request)
    if header_token is not None or state.settings.read_only:
        check_token(state.settings, header_token)
    uploads, form_token = await read_uploads(request)
    if header_token is None:
        check_token(state.settings, form_token)
    result = await run_in_threadpool(state.ingestor.ingest, uploads)
    return ApiJSON(result, status_code=200)
