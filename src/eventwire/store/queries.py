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
       e.confidence, e.place_name, e.geonames_id, e.feature_type, e.place_country, e.admin1, e.lat, e.lon,
       e.geo_reason, a.outlet, a.published, a.url
FROM events e
JOIN actors s ON s.actor_id = e.source_id
JOIN actors t ON t.actor_id = e.target_id
JOIN articles a ON a.doc_id = e.doc_id
"""


def counts(store: Store) -> dict[str, int]:
    """How many rows each table holds."""
    tables = (
        "documents", "articles", "events", "quotes", "actors", "failures",
        "stories", "story_articles", "article_copies", "consolidated_events",
    )
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


# -- browsing: paged and filtered reads for the JSON API and the web pages ---------------------

ACTOR_ID_CHARS = 16
"""Length of an `actor_id` ("a" + 15 hex digits); a dyad side of three letters is a country."""

EVENT_PAGE_SELECT = """
SELECT e.event_id, e.doc_id, e.type, e.mode, e.cameo, e.goldstein,
       e.source_id, s.name AS source_name, s.country AS source_country, s.sector AS source_sector,
       s.kind AS source_kind,
       e.target_id, t.name AS target_name, t.country AS target_country, t.sector AS target_sector,
       t.kind AS target_kind,
       e.date, e.date_precision, e.date_reason, e.location, e.evidence, e.sentence_index, e.rule,
       e.confidence, e.place_name, e.geonames_id, e.feature_type, e.place_country, e.admin1, e.lat, e.lon,
       e.geo_reason, a.title, a.outlet, a.published, a.url
FROM events e
JOIN actors s ON s.actor_id = e.source_id
JOIN actors t ON t.actor_id = e.target_id
JOIN articles a ON a.doc_id = e.doc_id
"""

# Newest first; events without a date last; ties in reading order so pages are stable.
EVENT_PAGE_ORDER = " ORDER BY e.date DESC NULLS LAST, e.doc_id, e.sentence_index, e.event_id"


@dataclass(frozen=True, slots=True)
class EventQuery:
    """A filter over events for paged browsing; every given field narrows the selection.

    A side (`actor`, each half of `dyad`) is an actor id, or for `dyad` also an ISO3 country.
    """

    actor: str | None = None
    """An actor id, or text the source's or target's name contains (case-insensitive)."""
    role: str | None = None
    """With `actor`: "source" or "target" to match one side only."""
    country: str | None = None
    dyad: tuple[str, str] | None = None
    """Events between the two sides, in either direction."""
    type: str | None = None
    since: date | None = None
    until: date | None = None
    doc_id: str | None = None


def is_actor_id(value: str) -> bool:
    return len(value) == ACTOR_ID_CHARS and value.startswith("a") and value.isalnum()


def _side(column: str, side: str) -> tuple[str, list[object]]:
    """SQL matching one side of an event (`e.source_id` or `e.target_id`) to an actor id or country.

    Sub-selects on the small actors table, not joins, so DuckDB filters events by id sets.
    """
    if is_actor_id(side):
        return f"{column} = ?", [side]
    return f"{column} IN (SELECT actor_id FROM actors WHERE country = ?)", [side.upper()]


def event_where(q: EventQuery) -> tuple[str, list[object]]:
    where: list[str] = []
    params: list[object] = []
    if q.actor:
        if is_actor_id(q.actor):
            match, values = "{col} = ?", [q.actor]
        else:
            # contains(), not LIKE: a "%" or "_" typed in the filter is a character, not a wildcard.
            match = "{col} IN (SELECT actor_id FROM actors WHERE contains(lower(name), ?))"
            values = [q.actor.lower()]
        columns = {"source": ["e.source_id"], "target": ["e.target_id"]}.get(
            q.role or "", ["e.source_id", "e.target_id"]
        )
        where.append("(" + " OR ".join(match.format(col=c) for c in columns) + ")")
        params += values * len(columns)
    if q.country:
        where.append(
            "(e.source_id IN (SELECT actor_id FROM actors WHERE country = ?) "
            "OR e.target_id IN (SELECT actor_id FROM actors WHERE country = ?))"
        )
        params += [q.country.upper()] * 2
    if q.dyad:
        a, b = q.dyad
        parts = []
        for first, second in ((a, b), (b, a)):
            sql_s, p_s = _side("e.source_id", first)
            sql_t, p_t = _side("e.target_id", second)
            parts.append(f"({sql_s} AND {sql_t})")
            params += p_s + p_t
        where.append("(" + " OR ".join(parts) + ")")
    if q.type:
        where.append("e.type = ?")
        params.append(q.type.upper())
    if q.since:
        where.append("e.date >= ?")
        params.append(q.since)
    if q.until:
        where.append("e.date <= ?")
        params.append(q.until)
    if q.doc_id:
        where.append("e.doc_id = ?")
        params.append(q.doc_id)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def event_page(store: Store, q: EventQuery, *, limit: int | None, offset: int = 0) -> list[dict[str, Any]]:
    """One page of events matching `q`, newest first (`limit=None`: every match)."""
    where, params = event_where(q)
    sql = EVENT_PAGE_SELECT + where + EVENT_PAGE_ORDER
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    return store.query(sql, params)


def event_page_sql(q: EventQuery) -> tuple[str, list[object]]:
    """The SQL and parameters of every event matching `q`, for streaming downloads."""
    where, params = event_where(q)
    return EVENT_PAGE_SELECT + where + EVENT_PAGE_ORDER, params


def event_count(store: Store, q: EventQuery) -> int:
    where, params = event_where(q)
    row = store.con.execute("SELECT count(*) FROM events e" + where, params).fetchone()
    return int(row[0]) if row else 0


def event_by_id(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event with its actors and article, by its full id."""
    rows = store.query(EVENT_PAGE_SELECT + " WHERE e.event_id = ?", [event_id])
    return rows[0] if rows else None


def event_types(store: Store) -> list[str]:
    """The PLOVER types present in the store, for filter menus."""
    return [r["type"] for r in store.query("SELECT DISTINCT type FROM events ORDER BY type")]


ARTICLE_LIST_SELECT = """
SELECT a.doc_id AS id, a.title, a.outlet, a.author, a.published, a.url, a.source, a.record,
       (SELECT count(*) FROM events e WHERE e.doc_id = a.doc_id) AS n_events
FROM articles a
"""


def article_page(
    store: Store, *, outlet: str | None = None, limit: int | None, offset: int = 0
) -> list[dict[str, Any]]:
    """Articles without their text, newest first."""
    where = "" if outlet is None else " WHERE a.outlet = ?"
    params: list[object] = [] if outlet is None else [outlet]
    sql = ARTICLE_LIST_SELECT + where + " ORDER BY a.published DESC NULLS LAST, a.doc_id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    return store.query(sql, params)


def article_count(store: Store, *, outlet: str | None = None) -> int:
    where, params = ("", []) if outlet is None else (" WHERE outlet = ?", [outlet])
    row = store.con.execute("SELECT count(*) FROM articles" + where, params).fetchone()
    return int(row[0]) if row else 0


def article_by_id(store: Store, doc_id: str) -> dict[str, Any] | None:
    """One article with its clean text, by its full id (no prefix matching: ids come from links)."""
    rows = store.query(
        "SELECT a.doc_id AS id, a.title, a.outlet, a.author, a.published, a.url, a.language, a.source, "
        "a.record, d.format, d.encoding, d.hash, a.text FROM articles a JOIN documents d ON d.hash = a.hash "
        "WHERE a.doc_id = ?",
        [doc_id],
    )
    return rows[0] if rows else None


ACTOR_SELECT = "SELECT actor_id AS id, name, country, sector, kind FROM actors"


def actor_by_id(store: Store, actor_id_: str) -> dict[str, Any] | None:
    rows = store.query(ACTOR_SELECT + " WHERE actor_id = ?", [actor_id_])
    return rows[0] if rows else None


def actor_page(
    store: Store, *, name: str | None = None, country: str | None = None, limit: int | None, offset: int = 0
) -> list[dict[str, Any]]:
    """Actors with how many events they are the source and the target of, busiest first."""
    where, params = _actor_where(name, country)
    sql = (
        "WITH src AS (SELECT source_id AS id, count(*) AS n FROM events GROUP BY source_id), "
        "tgt AS (SELECT target_id AS id, count(*) AS n FROM events GROUP BY target_id) "
        "SELECT a.actor_id AS id, a.name, a.country, a.sector, a.kind, "
        "coalesce(src.n, 0) AS n_source, coalesce(tgt.n, 0) AS n_target "
        "FROM actors a LEFT JOIN src ON src.id = a.actor_id LEFT JOIN tgt ON tgt.id = a.actor_id"
        + where
        + " ORDER BY n_source + n_target DESC, a.name, a.actor_id"
    )
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    return store.query(sql, params)


def actor_count(store: Store, *, name: str | None = None, country: str | None = None) -> int:
    where, params = _actor_where(name, country)
    row = store.con.execute("SELECT count(*) FROM actors a" + where, params).fetchone()
    return int(row[0]) if row else 0


def _actor_where(name: str | None, country: str | None) -> tuple[str, list[object]]:
    where: list[str] = []
    params: list[object] = []
    if name:
        where.append("lower(a.name) LIKE ?")
        params.append(f"%{name.lower()}%")
    if country:
        where.append("a.country = ?")
        params.append(country.upper())
    return (" WHERE " + " AND ".join(where) if where else ""), params


def actor_monthly_roles(store: Store, actor_id_: str) -> list[dict[str, Any]]:
    """Per month: how many dated events the actor was the source of and the target of."""
    return store.query(
        "SELECT strftime(date_trunc('month', date), '%Y-%m') AS month, "
        "count(*) FILTER (WHERE source_id = ?) AS n_source, "
        "count(*) FILTER (WHERE target_id = ?) AS n_target "
        "FROM events WHERE (source_id = ? OR target_id = ?) AND date IS NOT NULL "
        "GROUP BY month ORDER BY month",
        [actor_id_] * 4,
    )


def actor_quotes(store: Store, actor_id_: str, *, limit: int | None = None) -> list[dict[str, Any]]:
    """The quotes attributed to an actor, newest article first."""
    sql = (
        "SELECT q.quote_id, q.doc_id, q.speaker, q.text, q.sentence_index, a.title, a.outlet, a.published "
        "FROM quotes q JOIN articles a ON a.doc_id = q.doc_id WHERE q.speaker_id = ? "
        "ORDER BY a.published DESC NULLS LAST, q.doc_id, q.sentence_index"
    )
    params: list[object] = [actor_id_]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return store.query(sql, params)


def dyad_side_name(store: Store, side: str) -> str | None:
    """What a dyad side is called: the actor's name, or the state's name for a country code."""
    if is_actor_id(side):
        row = actor_by_id(store, side)
        return row["name"] if row else None
    rows = store.query(
        "SELECT name FROM actors WHERE country = ? AND kind = 'state' ORDER BY name LIMIT 1", [side.upper()]
    )
    return rows[0]["name"] if rows else None


def dyad_top(store: Store, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Pairs of countries with the most events between them (either way), busiest first."""
    sql = (
        "SELECT least(s.country, t.country) AS a, greatest(s.country, t.country) AS b, count(*) AS n, "
        "avg(e.goldstein) AS goldstein, min(e.date) AS first_date, max(e.date) AS last_date "
        "FROM events e JOIN actors s ON s.actor_id = e.source_id JOIN actors t ON t.actor_id = e.target_id "
        "WHERE s.country IS NOT NULL AND t.country IS NOT NULL AND s.country <> t.country "
        "GROUP BY a, b ORDER BY n DESC, a, b"
    )
    params: list[object] = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return store.query(sql, params)


def _quote_where(speaker: str | None, doc_id: str | None) -> tuple[str, list[object]]:
    where: list[str] = []
    params: list[object] = []
    if speaker:
        where.append("lower(q.speaker) LIKE ?")
        params.append(f"%{speaker.lower()}%")
    if doc_id:
        where.append("q.doc_id = ?")
        params.append(doc_id)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def quote_page(
    store: Store, *, speaker: str | None = None, doc_id: str | None = None, limit: int | None, offset: int = 0
) -> list[dict[str, Any]]:
    """Quotes with their speaker's actor id and article, newest article first."""
    where, params = _quote_where(speaker, doc_id)
    sql = (
        "SELECT q.quote_id AS id, q.doc_id, q.speaker, q.speaker_id, q.text, q.sentence_index, "
        "a.title, a.outlet, a.published FROM quotes q JOIN articles a ON a.doc_id = q.doc_id"
        + where
        + " ORDER BY a.published DESC NULLS LAST, q.doc_id, q.sentence_index"
    )
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return store.query(sql, params)


def quote_count(store: Store, *, speaker: str | None = None, doc_id: str | None = None) -> int:
    where, params = _quote_where(speaker, doc_id)
    row = store.con.execute("SELECT count(*) FROM quotes q" + where, params).fetchone()
    return int(row[0]) if row else 0
