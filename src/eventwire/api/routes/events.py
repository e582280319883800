"""/api/events: the filtered, paged event table (or all of it as CSV/JSON Lines); one event."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from eventwire.api.downloads import stream_query
from eventwire.api.errors import ApiError
from eventwire.api.listing import page_body
from eventwire.api.params import (
    EVENT_PARAMS,
    FORMAT_PARAM,
    PAGING_PARAMS,
    Format,
    Paging,
    documented,
    event_filters,
    output_format,
    paging,
)
from eventwire.api.serialize import EVENT_CSV_COLUMNS, ApiJSON, event_json
from eventwire.api.state import server
from eventwire.store import queries
from eventwire.store.queries import EventQuery

router = APIRouter(prefix="/api", tags=["events"])


@router.get(
    "/events",
    summary="Events, newest first, filtered and paged",
    openapi_extra=documented(*EVENT_PARAMS, *PAGING_PARAMS, FORMAT_PARAM),
)
async def list_events(
    request: Request,
    query: EventQuery = Depends(event_filters),
    page: Paging = Depends(paging),
    fmt: Format = Depends(output_format),
) -> Response:
    """Events matching every given filter. `format=csv` or `jsonl` downloads every match."""
    database = server(request).database
    if fmt != "json":
        sql, params = queries.event_page_sql(query)
        return stream_query(
            database, sql, params, fmt=fmt, columns=EVENT_CSV_COLUMNS, to_json=event_json, filename="events"
        )
    # Async: most pages come from the index and the row cache without touching the store.
    rows, total = await server(request).events.page_async(query, limit=page.limit, offset=page.offset)
    return ApiJSON(page_body([event_json(r) for r in rows], total, page, request))


@router.get("/events/{event_id}", summary="One event with its evidence, rule and date reasoning")
def get_event(request: Request, event_id: str) -> Response:
    row = queries.event_by_id(server(request).database.reader(), event_id)
    if row is None:
        raise ApiError(404, f"no event with id {event_id!r}", param="event_id")
    return ApiJSON(event_json(row))
