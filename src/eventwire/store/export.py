"""Exports of events: JSON Lines in the scorer's format (with quotes), CSV and Parquet as flat rows."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from itertools import chain
from pathlib import Path
from typing import Any

import duckdb

from eventwire.errors import E, EventwireError
from eventwire.store import queries
from eventwire.store.database import Store
from eventwire.store.events import event_rows, select_sql
from eventwire.store.shapes import EVENT_ROW_COLUMNS, event_export, json_ready, quote_export

EXPORT_FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")


def write_file(out: str | Path, write: Callable[[Path], int]) -> int:
    """`write(out)` into a file whose folder is made first; returns what `write` counted.

    Raises:
        EventwireError: E404 when `out` cannot be written.
    """
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        return write(out)
    except (OSError, duckdb.Error) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise EventwireError(E.E404, path=out, detail=detail) from exc


def write_jsonl(out: Path, rows: Iterable[dict[str, Any]]) -> int:
    """One JSON object a line (dates as ISO strings); returns how many lines."""
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(json_ready(row), ensure_ascii=False) + "\n")
            n += 1
    return n


def export(store: Store, fmt: str, out: str | Path) -> int:
    """Write events (and, for JSON Lines, quotes) to `out`.

    Returns:
        The number of lines or rows written.

    Raises:
        ValueError: for an unknown format.
        EventwireError: E404 when `out` cannot be written.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
    return write_file(out, lambda path: _write(store, fmt, path))


def _write(store: Store, fmt: str, out: Path) -> int:
    if fmt == "jsonl":
        events = map(event_export, event_rows(store, order="oldest"))
        return write_jsonl(out, chain(events, map(quote_export, queries.quotes(store))))
    return store.copy_to(*select_sql(order="oldest", columns=EVENT_ROW_COLUMNS), out, fmt)
