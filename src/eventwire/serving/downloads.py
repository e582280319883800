"""CSV and JSON Lines downloads of a filtered table, streamed in chunks.

A download may be every event in the store, so rows are read from DuckDB a chunk at a time.
The stream's chunks are produced on whichever worker thread is free, so a download reads from a
cursor of its own, closed when the stream ends (not the thread's shared read handle, whose
pending result another request on that thread would discard).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from fastapi.responses import StreamingResponse

from eventwire.serving.database import Database
from eventwire.serving.encoding import dumps

CHUNK_ROWS = 2000
"""Rows fetched and encoded per chunk of a download."""

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


def _csv_chunk(rows: Sequence[dict[str, Any]], columns: Sequence[str], header: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return buffer.getvalue()


def _jsonl_chunk(rows: Sequence[dict[str, Any]], to_json: Callable[[dict[str, Any]], Any]) -> str:
    return "".join(dumps(to_json(row)) + "\n" for row in rows)


def stream_query(
    database: Database,
    sql: str,
    params: list[object],
    *,
    fmt: str,
    columns: Sequence[str],
    to_json: Callable[[dict[str, Any]], Any],
    filename: str,
) -> StreamingResponse:
    """A streamed download of every row of `sql`: CSV with `columns`, or JSON Lines of `to_json(row)`."""
    handle = database.cursor()

    def chunks() -> Iterator[str]:
        try:
            for n, rows in enumerate(handle.stream(sql, params, CHUNK_ROWS)):
                yield _csv_chunk(rows, columns, n == 0) if fmt == "csv" else _jsonl_chunk(rows, to_json)
        finally:
            handle.close()

    return StreamingResponse(
        chunks(),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}.{fmt}"'},
    )


def rows_download(
    rows: Sequence[dict[str, Any]],
    *,
    fmt: str,
    columns: Sequence[str],
    to_json: Callable[[dict[str, Any]], Any],
    filename: str,
) -> StreamingResponse:
    """A download of rows already read (small tables: actors, dyads, stories)."""

    def chunks() -> Iterator[str]:
        for start in range(0, max(len(rows), 1), CHUNK_ROWS):
            batch = rows[start : start + CHUNK_ROWS]
            yield _csv_chunk(batch, columns, start == 0) if fmt == "csv" else _jsonl_chunk(batch, to_json)

    return StreamingResponse(
        chunks(),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}.{fmt}"'},
    )
