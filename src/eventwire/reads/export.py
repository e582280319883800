"""Exports of stories and consolidated events: JSON Lines, CSV, Parquet, and GDELT's Event table."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventwire.store import stories as tables
from eventwire.store.database import Store
from eventwire.store.export import write_file, write_jsonl
from eventwire.stories.gdelt import gdelt_row

WHAT = ("events", "stories", "consolidated")
STORY_FORMATS = ("jsonl", "csv", "parquet")
CONSOLIDATED_FORMATS = ("jsonl", "csv", "parquet", "gdelt")


def _stories(store: Store, fmt: str, out: Path) -> int:
    if fmt == "jsonl":
        return write_jsonl(out, tables.list_stories(store))
    return store.copy_to(tables.STORY_TABLE_SQL, [], out, fmt)


def _consolidated(store: Store, fmt: str, out: Path) -> int:
    if fmt == "jsonl":
        return write_jsonl(out, tables.with_reports(store, tables.consolidated_events(store)))
    if fmt == "gdelt":
        return _gdelt(store, out, tables.with_reports(store, tables.consolidated_events(store)))
    return store.copy_to(tables.CONSOLIDATED_SELECT + tables.ORDER_BY_DATE, [], out, fmt)


def _gdelt(store: Store, out: Path, events: list[dict[str, Any]]) -> int:
    rows = store.query("SELECT doc_id, coalesce(url, source) AS url FROM articles")
    urls = {r["doc_id"]: r["url"] for r in rows}
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        for event in events:
            reports = event["reports"]
            published = [r["published"] for r in reports if r["published"] is not None]
            writer.writerow(
                gdelt_row(
                    event,
                    urls.get(reports[0]["doc_id"]) if reports else None,
                    min(published) if published else None,
                    max(published) if published else None,
                )
            )
    return len(events)


WRITERS: dict[str, tuple[tuple[str, ...], Callable[[Store, str, Path], int]]] = {
    "stories": (STORY_FORMATS, _stories),
    "consolidated": (CONSOLIDATED_FORMATS, _consolidated),
}


def export_stories(store: Store, what: str, fmt: str, out: str | Path) -> int:
    """Write stories or consolidated events to `out`.

    Returns:
        The number of rows written.

    Raises:
        ValueError: for an unknown `what` or a format that `what` has not.
        EventwireError: E404 when `out` cannot be written.
    """
    if what not in WRITERS:
        raise ValueError(f"unknown table {what!r} (choose from {', '.join(WRITERS)})")
    formats, writer = WRITERS[what]
    if fmt not in formats:
        raise ValueError(f"{what} export as {fmt!r} is not offered (choose from {', '.join(formats)})")
    return write_file(out, lambda path: writer(store, fmt, path))
