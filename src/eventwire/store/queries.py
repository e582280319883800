"""Read queries over the store, shared by the CLI, exports and (later) the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from eventwire.store.database import Store

EVENT_SELECT = """
SELECT e.event_id, e.doc_id, e.type, e.mode, e.cameo, e.goldstein,
       s.name AS source_name, s.country AS source_country, s.sector AS source_sector, s.kind AS source_kind,
       t.name AS target_name, t.country AS target_country, t.sector AS target_sector, t.kind AS target_kind,
       e.date, e.date_precision, e.date_reason, e.location, e.evidence, e.sentence_index, e.rule,
       e.confidence, a.outlet, a.published, a.url
FROM events e
JOIN actors s ON s.actor_id = e.source_id
JOIN actors t ON t.actor_id = e.target_id
JOIN articles a ON a.doc_id = e.doc_id
"""


def counts(store: Store) -> dict[str, int]:
    """How many rows each table holds."""
    tables = ("documents", "articles", "events", "quotes", "actors", "failures")
    return {t: store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # type: ignore[index]


def failures(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT source, record, stage, code, reason FROM failures ORDER BY source, record, code"
    )


def articles(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT doc_id AS id, title, outlet, published, url, source, record, text "
        "FROM articles ORDER BY source, record, doc_id"
    )


def article(store: Store, doc_id: str) -> dict[str, Any] | None:
    rows = store.query(
        "SELECT a.doc_id AS id, a.title, a.outlet, a.author, a.published, a.url, a.language, a.source, "
        "a.record, d.format, d.encoding, d.hash, a.text FROM articles a JOIN documents d ON d.hash = a.hash "
        "WHERE a.doc_id = ? OR a.doc_id LIKE ? ORDER BY a.doc_id LIMIT 2",
        [doc_id, doc_id + "%"],
    )
    exact = [r for r in rows if r["id"] == doc_id]
    if exact:
        return exact[0]
    return rows[0] if len(rows) == 1 else None


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to list; every given field narrows the selection."""

    actor: str | None = None
    country: str | None = None
    type: str | None = None
    since: date | None = None
    until: date | None = None
    doc_id: str | None = None


def events(store: Store, flt: EventFilter = EventFilter()) -> list[dict[str, Any]]:
    where: list[str] = []
    params: list[object] = []
    if flt.actor:
        where.append("(lower(s.name) LIKE ? OR lower(t.name) LIKE ?)")
        params += [f"%{flt.actor.lower()}%"] * 2
    if flt.country:
        where.append("(s.country = ? OR t.country = ?)")
        params += [flt.country.upper()] * 2
    if flt.type:
        where.append("e.type = ?")
        params.append(flt.type.upper())
    if flt.since:
        where.append("e.date >= ?")
        params.append(flt.since)
    if flt.until:
        where.append("e.date <= ?")
        params.append(flt.until)
    if flt.doc_id:
        where.append("e.doc_id = ?")
        params.append(flt.doc_id)
    sql = EVENT_SELECT + (" WHERE " + " AND ".join(where) if where else "")
    return store.query(sql + " ORDER BY e.date NULLS LAST, e.doc_id, e.sentence_index, e.type", params)


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    rows = store.query(
        EVENT_SELECT + " WHERE e.event_id LIKE ? ORDER BY e.event_id LIMIT 2", [event_id + "%"]
    )
    return rows[0] if len(rows) == 1 else None


def quotes(store: Store, speaker: str | None = None, doc_id: str | None = None) -> list[dict[str, Any]]:
    where, params = [], []
    if speaker:
        where.append("lower(q.speaker) LIKE ?")
        params.append(f"%{speaker.lower()}%")
    if doc_id:
        where.append("q.doc_id = ?")
        params.append(doc_id)
    sql = (
        "SELECT q.quote_id, q.doc_id, q.speaker, a.country AS speaker_country, q.text, q.sentence_index, "
        "q.rule "
        "FROM quotes q LEFT JOIN actors a ON a.actor_id = q.speaker_id"
    )
    sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY q.doc_id, q.sentence_index"
    return store.query(sql, params)
