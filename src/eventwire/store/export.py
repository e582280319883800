"""Exports of events: JSON Lines in the scorer's format (with quotes), CSV and Parquet as flat rows."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from eventwire.errors import E, EventwireError
from eventwire.store import queries
from eventwire.store.database import Store
from eventwire.store.events import event_rows, select_sql
from eventwire.store.shapes import EVENT_ROW_COLUMNS, event_export, quote_export

EXPORT_FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")


def export(store: Store, fmt: str, out: str | Path) -> int:
    """Write events (and, for JSON Lines, quotes) to `out`.

    Returns:
        The number of lines or rows written.

    Raises:
        ValueError: for an unknown format.
        EventwireError: E404 when `out` cannot be written.
    """
    out = Path(out)
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        return _write(store, fmt, out)
    except (OSError, duckdb.Error) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise EventwireError(E.E404, path=out, detail=detail) from exc


def _write(store: Store, fmt: str, out: Path) -> int:
    if fmt == "jsonl":
        rows = event_rows(store, order="oldest")
        quotes = queries.quotes(store)
        with out.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(event_export(row), ensure_ascii=False) + "\n")
            for q in quotes:
                fh.write(json.dumps(quote_export(q), ensure_ascii=False) + "\n")
        return len(rows) + len(quotes)
    return store.copy_to(*select_sql(order="oldest", columns=EVENT_ROW_COLUMNS), out, fmt)
