"""Exports of stories and consolidated events: JSON Lines, CSV, Parquet, and GDELT's Event table."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from eventwire.errors import E, EventwireError
from eventwire.store.database import Store
from eventwire.stories import queries
from eventwire.stories.gdelt import gdelt_row
from eventwire.stories.update import OUTLET_SQL

WHAT = ("events", "stories", "consolidated")
STORY_FORMATS = ("jsonl", "csv", "parquet")
CONSOLIDATED_FORMATS = ("jsonl", "csv", "parquet", "gdelt")

STORY_TABLE_SQL = f"""
SELECT s.story_id AS id, s.title, s.first_published, s.last_published, s.n_articles, s.n_outlets,
       list(sa.doc_id ORDER BY sa.seq) AS articles,
       list(DISTINCT {OUTLET_SQL}) AS outlets
FROM stories s JOIN story_articles sa USING (story_id) JOIN articles a ON a.doc_id = sa.doc_id
GROUP BY ALL ORDER BY s.last_published DESC NULLS LAST, s.story_id
"""


def _jsonl(out: Path, rows: list[dict[str, Any]]) -> int:
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(queries.json_ready(row), ensure_ascii=False) + "\n")
    return len(rows)


def _copy(store: Store, sql: str, fmt: str, out: Path) -> int:
    target = str(out).replace("'", "''")
    options = "FORMAT PARQUET" if fmt == "parquet" else "FORMAT CSV, HEADER"
    store.con.execute(f"COPY ({sql}) TO '{target}' ({options})")
    row = store.con.execute(f"SELECT count(*) FROM ({sql})").fetchone()
    return int(row[0]) if row else 0


def _stories(store: Store, fmt: str, out: Path) -> int:
    if fmt == "jsonl":
        return _jsonl(out, queries.list_stories(store))
    return _copy(store, STORY_TABLE_SQL, fmt, out)


def _consolidated(store: Store, fmt: str, out: Path) -> int:
    if fmt in ("jsonl", "gdelt"):
        events = queries.consolidated_events(store)
        behind = queries.reports(store, [e["id"] for e in events]) if events else {}
        for event in events:
            event["reports"] = behind[event["id"]]
        if fmt == "jsonl":
            return _jsonl(out, events)
        return _gdelt(store, out, events)
    return _copy(store, queries.CONSOLIDATED_SELECT + queries.ORDER_BY_DATE, fmt, out)


def _gdelt(store: Store, out: Path, events: list[dict[str, Any]]) -> int:
    urls = dict(store.con.execute("SELECT doc_id, coalesce(url, source) FROM articles").fetchall())
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
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        return writer(store, fmt, out)
    except (OSError, duckdb.Error) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise EventwireError(E.E404, path=out, detail=detail) from exc
