"""Events by place, for the maps: one point per resolved place with how many events are there."""

from __future__ import annotations

from typing import Any

from eventwire.store.database import Store, paged
from eventwire.store.events import EVENT_SELECT, ORDERS, EventQuery, and_where, where

POINT_SELECT = """
SELECT e.place_name, e.feature_type, e.place_country, e.geonames_id, e.lat, e.lon,
       count(*) AS n, avg(e.goldstein) AS goldstein,
       count(*) FILTER (WHERE contains(e.geo_reason, 'the country of the action')) AS n_fallback,
       mode(e.type) AS top_type, min(e.date) AS first_date, max(e.date) AS last_date
FROM events e
"""
POINT_GROUP = (
    " GROUP BY e.place_name, e.feature_type, e.place_country, e.geonames_id, e.lat, e.lon "
    "ORDER BY n DESC, e.place_name"
)
PLACE_KEY_SEPARATOR = "|"


def place_key(name: str, country: str | None) -> str:
    """How a point is named in links: its place name and country ("Moscow|RUS")."""
    return f"{name}{PLACE_KEY_SEPARATOR}{country or ''}"


def _points(store: Store, sql_where: str, params: list[object]) -> list[dict[str, Any]]:
    sql_where = and_where(sql_where, "e.lat IS NOT NULL AND e.lon IS NOT NULL")
    rows = store.query(POINT_SELECT + sql_where + POINT_GROUP, params)
    for row in rows:
        row["key"] = place_key(row["place_name"], row["place_country"])
        row["goldstein"] = round(row["goldstein"], 2) if row["goldstein"] is not None else None
    return rows


def event_points(store: Store, q: EventQuery = EventQuery()) -> list[dict[str, Any]]:
    """The places of the events matching `q` (the events page's filters), busiest first.

    `n_fallback` counts the events placed only at the country of the action (no place named,
    or one the gazetteer lacks), as their reasons say.
    """
    return _points(store, *where(q))


def story_points(store: Store, story_id: str) -> list[dict[str, Any]]:
    """The places of a story's events (the events of its articles)."""
    return _points(store, f" WHERE {STORY_WHERE}", [story_id])


STORY_WHERE = "e.doc_id IN (SELECT doc_id FROM story_articles WHERE story_id = ?)"


def events_at(
    store: Store,
    q: EventQuery,
    key: str,
    *,
    story_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """The events matching `q` (or of one story) at one point (`place_key`), newest first, and
    how many there are."""
    name, _, country = key.partition(PLACE_KEY_SEPARATOR)
    sql_where, params = where(q)
    sql_where = and_where(sql_where, "e.place_name = ? AND e.place_country IS NOT DISTINCT FROM ?")
    params = [*params, name, country or None]
    if story_id is not None:
        sql_where = and_where(sql_where, STORY_WHERE)
        params.append(story_id)
    total = store.count("SELECT count(*) FROM events e" + sql_where, params)
    return store.query(*paged(EVENT_SELECT + sql_where + ORDERS["newest"], params, limit, offset)), total
