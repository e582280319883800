"""POST /api/ingest: files (multipart) or a JSON Lines body, with the token, into the store."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from eventwire.api.auth import check_token, presented_token
from eventwire.api.errors import ApiError
from eventwire.api.ingest import JSONL_NAME
from eventwire.api.serialize import ApiJSON
from eventwire.api.state import server
from eventwire.ingest import Blob

router = APIRouter(prefix="/api", tags=["ingest"])

JSONL_TYPES = (
    "application/x-ndjson",
    "application/jsonl",
    "application/json-lines",
    "application/x-jsonlines",
)


async def read_uploads(request: Request) -> tuple[list[Blob], str | None]:
    """The uploaded files of a request, and a token sent as a form field.

    Raises:
        ApiError: 415 for a body that is neither multipart nor JSON Lines.
    """
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        form = await request.form()
        uploads = []
        for value in form.getlist("files"):
            if isinstance(value, UploadFile):
                uploads.append(Blob(value.filename or "upload", await value.read()))
        token = form.get("token")
        return uploads, token if isinstance(token, str) and token else None
    if content_type in JSONL_TYPES:
        body = await request.body()
        return ([Blob(JSONL_NAME, body)] if body.strip() else []), None
    raise ApiError(
        415,
        f"send files as multipart/form-data (field 'files') or JSON Lines as {JSONL_TYPES[0]}, "
        f"not {content_type or 'no content type'}",
    )


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
