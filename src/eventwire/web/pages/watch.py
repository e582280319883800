"""/alerts (fired alerts with their evidence) and /sources (what is watched, how the polls went)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from eventwire.serving.lists import ALERTS
from eventwire.serving.params import Paging, paging
from eventwire.serving.state import server
from eventwire.store.crawl import list_sources
from eventwire.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, page: Paging = Depends(paging)) -> HTMLResponse:
    alerts, total = ALERTS.page(server(request).database.reader(), {}, page)
    return render(request, "alerts.html", title="Alerts", alerts=alerts, total=total, page=page, params={})


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> HTMLResponse:
    state = server(request)
    return render(
        request,
        "sources.html",
        title="Sources",
        sources=list_sources(state.database.reader()),
        progress=state.watch.progress.to_dict() if state.watch is not None else None,
    )
