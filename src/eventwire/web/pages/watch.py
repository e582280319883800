"""/alerts (fired alerts with their evidence) and /sources (what is watched, how the polls went)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from eventwire.api.params import Paging, paging
from eventwire.api.state import server
from eventwire.store.alerts import count_alerts, list_alerts
from eventwire.store.crawl import list_sources
from eventwire.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, page: Paging = Depends(paging)) -> HTMLResponse:
    store = server(request).database.reader()
    return render(
        request,
        "alerts.html",
        title="Alerts",
        alerts=list_alerts(store, limit=page.limit, offset=page.offset),
        total=count_alerts(store),
        page=page,
        params={},
    )


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
