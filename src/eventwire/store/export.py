"""Exports: JSON Lines in the scorer's format, CSV and Parquet of events (and quotes)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from eventwire.errors import E, EventwireError
from eventwire.store import queries
from eventwire.store.database import Store

EXPORT_FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")


def _actor(row: dict[str, Any], side: str) -> dict[str, Any]:
    return {
        "name": row[f"{side}_name"],
        "country": row[f"{side}_country"],
        "sector": row[f"{side}_sector"],
    }


def event_line(row: dict[str, Any]) -> dict[str, Any]:
    """One event as the scorer reads it, with our extra fields beside the scored ones."""
    return {
        "doc_id": row["doc_id"],
        "kind": "event",
        "event_id": row["event_id"],
        "type": row["type"],
        "mode": row["mode"],
        "cameo": row["cameo"],
        "goldstein": row["goldstein"],
        "source": _actor(row, "source"),
        "target": _actor(row, "target"),
        "date": row["date"].isoformat() if isinstance(row["date"], date) else row["date"],
        "date_precision": row["date_precision"],
        "location": row["location"],
        "place": place_line(row),
        "evidence": row["evidence"],
        "rule": row["rule"],
        "confidence": row["confidence"],
    }


def place_line(row: dict[str, Any]) -> dict[str, Any] | None:
    """An event's resolved place (`eventwire.geo`), or None for an event stored without one."""
    if row.get("place_name") is None:
        return None
    return {
        "name": row["place_name"],
        "feature": row["feature_type"],
        "country": row["place_country"],
        "geonames_id": row["geonames_id"],
        "admin1": row["admin1"],
        "lat": row["lat"],
        "lon": row["lon"],
        "reason": row["geo_reason"],
    }


def quote_line(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "doc_id": row["doc_id"],
        "kind": "quote",
        "quote_id": row["quote_id"],
        "speaker": row["speaker"],
        "text": row["text"],
        "rule": row["rule"],
    }


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
    rows = queries.events(store)
    if fmt == "jsonl":
        quotes = queries.quotes(store)
        with out.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(event_line(row), ensure_ascii=False) + "\n")
            for q in quotes:
                fh.write(json.dumps(quote_line(q), ensure_ascii=False) + "\n")
        return len(rows) + len(quotes)
    # csv or parquet: DuckDB writes both natively; the path is quoted as an SQL string literal.
    target = str(out).replace("'", "''")
    options = "FORMAT PARQUET" if fmt == "parquet" else "FORMAT CSV, HEADER"
    sql = queries.EVENT_SELECT + " ORDER BY e.date NULLS LAST, e.doc_id, e.sentence_index"
    store.con.execute(f"COPY ({sql}) TO '{target}' ({options})")
    return len(rows)
