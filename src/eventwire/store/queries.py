"""Read queries over the store's tables (events: `events.py`; stories: `stories.py`), shared by
the command line, the exports, the JSON API and the pages."""

from __future__ import annotations

from typing import Any

from eventwire.store.database import Store, paged
from eventwire.store.events import is_actor_id

COUNTED = (
    "documents", "articles", "events", "quotes", "actors", "failures",
    "stories", "story_articles", "article_copies", "consolidated_events",
)  # fmt: skip
"""The tables `counts` reports."""


def counts(store: Store) -> dict[str, int]:
    """How many rows each table holds."""
    return {t: store.count(f"SELECT count(*) FROM {t}") for t in COUNTED}


def failures(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT source, record, stage, code, reason FROM failures ORDER BY source, record, code"
    )


def articles(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT doc_id AS id, title, outlet, published, url, source, record, text "
        "FROM articles ORDER BY source, record, doc_id"
    )


ARTICLE_SELECT = (
    "SELECT a.doc_id AS id, a.title, a.outlet, a.author, a.published, a.url, a.language, a.source, "
    "a.record, d.format, d.encoding, d.hash, a.text FROM articles a JOIN documents d ON d.hash = a.hash"
)


def article(store: Store, doc_id: str) -> dict[str, Any] | None:
    """One article with its clean text, by its id or a unique prefix of it."""
    rows = store.query(
        ARTICLE_SELECT + " WHERE a.doc_id = ? OR a.doc_id LIKE ? ORDER BY a.doc_id LIMIT 2",
        [doc_id, doc_id + "%"],
    )
    exact = [r for r in rows if r["id"] == doc_id]
    if exact:
        return exact[0]
    return rows[0] if len(rows) == 1 else None


def quotes(store: Store, speaker: str | None = None, doc_id: str | None = None) -> list[dict[str, Any]]:
    """Quotes in reading order, with their speaker's country (the export's and the CLI's list)."""
    where, params = _quote_where(speaker, doc_id)
    return store.query(
        "SELECT q.quote_id, q.doc_id, q.speaker, a.country AS speaker_country, q.text, q.sentence_index, "
        "q.rule FROM quotes q LEFT JOIN actors a ON a.actor_id = q.speaker_id"
        + where
        + " ORDER BY q.doc_id, q.sentence_index",
        params,
    )


# -- browsing: paged and filtered reads for the JSON API and the web pages ---------------------

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
    return store.query(*paged(sql, params, limit, offset))


def article_count(store: Store, *, outlet: str | None = None) -> int:
    where, params = ("", []) if outlet is None else (" WHERE outlet = ?", [outlet])
    return store.count("SELECT count(*) FROM articles" + where, params)


def article_by_id(store: Store, doc_id: str) -> dict[str, Any] | None:
    """One article with its clean text, by its full id (no prefix matching: ids come from links)."""
    rows = store.query(ARTICLE_SELECT + " WHERE a.doc_id = ?", [doc_id])
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
    return store.query(*paged(sql, params, limit, offset))


def actor_count(store: Store, *, name: str | None = None, country: str | None = None) -> int:
    where, params = _actor_where(name, country)
    return store.count("SELECT count(*) FROM actors a" + where, params)


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


DYADS_SQL = (
    "SELECT least(s.country, t.country) AS a, greatest(s.country, t.country) AS b, count(*) AS n, "
    "avg(e.goldstein) AS goldstein, min(e.date) AS first_date, max(e.date) AS last_date "
    "FROM events e JOIN actors s ON s.actor_id = e.source_id JOIN actors t ON t.actor_id = e.target_id "
    "WHERE s.country IS NOT NULL AND t.country IS NOT NULL AND s.country <> t.country GROUP BY a, b"
)


def dyad_top(store: Store, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Pairs of countries with the most events between them (either way), busiest first."""
    return store.query(*paged(DYADS_SQL + " ORDER BY n DESC, a, b", [], limit, offset))


def dyad_count(store: Store) -> int:
    return store.count(f"SELECT count(*) FROM ({DYADS_SQL})")


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
    return store.query(*paged(sql, params, limit, offset))


def quote_count(store: Store, *, speaker: str | None = None, doc_id: str | None = None) -> int:
    where, params = _quote_where(speaker, doc_id)
    return store.count("SELECT count(*) FROM quotes q" + where, params)
