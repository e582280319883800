"""/ingest: a form to upload files with the token; the same ingest as POST /api/ingest."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from eventwire.ingest import SUPPORTED_SUFFIXES
from eventwire.serving.auth import check_token
from eventwire.serving.errors import ApiError
from eventwire.serving.ingest import read_uploads
from eventwire.serving.state import server
from eventwire.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request) -> HTMLResponse:
    return render(
        request, "ingest.html", title="Ingest", result=None, error=None, suffixes=SUPPORTED_SUFFIXES
    )


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_upload(request: Request) -> HTMLResponse:
    state = server(request)
    try:
        if state.settings.read_only:
            check_token(state.settings, None)
        uploads, token = await read_uploads(request)
        check_token(state.settings, token)
        result = await run_in_threadpool(state.ingestor.ingest, uploads)
    except ApiError as exc:
        return render(
            request,
            "ingest.html",
            status=exc.status,
            title="Ingest",
            result=None,
            error=exc.message,
            suffixes=SUPPORTED_SUFFIXES,
        )
    return render(
        request, "ingest.html", title="Ingest", result=result, error=None, suffixes=SUPPORTED_SUFFIXES
    )
