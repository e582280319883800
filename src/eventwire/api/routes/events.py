"""/api/events: the filtered, paged event table (or all of it as CSV/JSON Lines); one event."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from eventwire.serving.downloads import stream_query
from eventwire.serving.encoding import ApiJSON, dumps_bytes
from eventwire.serving.errors import ApiError
from eventwire.serving.lists import page_body
from eventwire.serving.params import (
    EVENT_PARAMS,
    FORMAT_PARAM,
    PAGING_PARAMS,
    documented,
    parse_event_query,
    parse_format,
    parse_paging,
)
from eventwire.serving.state import server
from eventwire.store.events import event_by_id, select_sql
from eventwire.store.shapes import EVENT_ROW_COLUMNS, event_api

router = APIRouter(prefix="/api", tags=["events"])


@router.get(
    "/events",
    summary="Events, newest first, filtered and paged",
    openapi_extra=documented(*EVENT_PARAMS, *PAGING_PARAMS, FORMAT_PARAM),
)
async def list_events(request: Request) -> Response:
    """Events matching every given filter. `format=csv` or `jsonl` downloads every match.

    The busiest endpoint, so it takes no FastAPI dependencies (their resolution cost a sixth of
    its time) and serves pages from the index and the cache of encoded events when it can.
    """
    params = request.query_params
    query, page, fmt = parse_event_query(params), parse_paging(params), parse_format(params)
    state = server(request)
    if fmt != "json":
        sql, sql_params = select_sql(query)
        return stream_query(
            state.database,
            sql,
            sql_params,
            fmt=fmt,
            columns=EVENT_ROW_COLUMNS,
            to_json=event_api,
            filename="events",
        )
    items, total = await state.events.page_encoded(
        query, limit=page.limit, offset=page.offset, encode=lambda row: dumps_bytes(event_api(row))
    )
    # The page is assembled from the events' cached JSON: `{"items": [...], "total": ...}`.
    rest = dumps_bytes(page_body([], total, page, request, shown=len(items)))
    body = b'{"items":[' + b",".join(items) + b"]," + rest[len(b'{"items":[],') :]
    return Response(body, media_type="application/json")


@router.get("/events/{event_id}", summary="One event with its evidence, rule and date reasoning")
def get_event(request: Request, event_id: str) -> Response:
    row = event_by_id(server(request).database.reader(), event_id)
    if row is None:
        raise ApiError(404, f"no event with id {event_id!r}", param="event_id")
    return ApiJSON(event_api(row))
