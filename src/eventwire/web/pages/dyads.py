"""/dyads (busiest pairs) and /dyads/{a}/{b}: weekly events by type, mean Goldstein, the list."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from eventwire.reads.resources import dyad_detail
from eventwire.serving.params import Paging, paging, parse_side
from eventwire.serving.state import server
from eventwire.store import queries
from eventwire.store.events import EventQuery, event_rows
from eventwire.store.shapes import event_api
from eventwire.web.templating import render

router = APIRouter(include_in_schema=False)

DYADS_SHOWN = 100


@router.get("/dyads", response_class=HTMLResponse)
def dyads_page(request: Request) -> HTMLResponse:
    rows = queries.dyad_top(server(request).database.reader(), limit=DYADS_SHOWN)
    return render(request, "dyads.html", title="Dyads", dyads=rows)


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad_page(request: Request, a: str, b: str, page: Paging = Depends(paging)) -> HTMLResponse:
    side_a, side_b = parse_side(a, "a"), parse_side(b, "b")
    state = server(request)
    store = state.database.reader()
    detail = dyad_detail(store, state.settings.config, side_a, side_b)
    rows = event_rows(store, EventQuery(dyad=(side_a, side_b)), limit=page.limit, offset=page.offset)
    weeks = detail["weeks"]
    chart = {
        "labels": [w["week"].isoformat() for w in weeks],
        "types": detail["types"],
        "counts": {t: [w["by_type"].get(t, 0) for w in weeks] for t in detail["types"]},
        "goldstein": [w["goldstein"] for w in weeks],
    }
    a_name = detail["a"]["name"] or side_a
    b_name = detail["b"]["name"] or side_b
    return render(
        request,
        "dyad.html",
        title=f"{a_name} – {b_name}",
        dyad=detail,
        chart=chart,
        events=[event_api(r) for r in rows],
        page=page,
        params={},
        dyad_param=f"{side_a}-{side_b}",
    )
