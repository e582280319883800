"""What one page shows and its JSON twin returns: an article, an actor, a dyad, assembled once.

The page routes render these dictionaries; the API routes send them as they are.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.config import Config
from eventwire.store import Store, queries
from eventwire.store.events import EventQuery, event_count, event_rows, is_actor_id
from eventwire.store.overview import period_series
from eventwire.store.shapes import article_api, event_api

ACTOR_QUOTES = 100
"""Quotes listed on an actor's page (newest first)."""

_dictionary_lock = threading.Lock()
_dictionaries: dict[tuple[str, ...], Any] = {}


def _dictionary(config: Config) -> Any:
    """The actor dictionary (bundled plus the user's files), loaded once per process on first use."""
    key = tuple(config.actor_files)
    with _dictionary_lock:
        if key not in _dictionaries:
            from eventwire.actors import ActorDictionary

            _dictionaries[key] = ActorDictionary.load([Path(p) for p in config.actor_files])
        return _dictionaries[key]


def article_detail(store: Store, doc_id: str) -> dict[str, Any] | None:
    """An article with its clean text, its events (in reading order) and its quotes."""
    row = queries.article_by_id(store, doc_id)
    if row is None:
        return None
    article = article_api(row)
    events = event_rows(store, EventQuery(doc_id=doc_id))
    article["events"] = [
        event_api(e) for e in sorted(events, key=lambda e: (e["sentence_index"], e["event_id"]))
    ]
    article["quotes"] = queries.quote_page(store, doc_id=doc_id, limit=None)
    return article


def actor_roles(config: Config, actor: dict[str, Any]) -> list[dict[str, Any]]:
    """The actor's terms of office from the dictionary, earliest first (people and groups)."""
    if actor["kind"] not in ("person", "group"):
        return []
    entries = _dictionary(config).entries(actor["name"])
    roles = [
        {
            "role": e.role,
            "country": e.actor.country,
            "sector": e.actor.sector,
            "organisation": e.organisation,
            "start": e.start,
            "end": e.end,
        }
        for e in entries
        if e.actor.name == actor["name"]
    ]
    return sorted(roles, key=lambda r: r["start"] or date.min)


def actor_detail(store: Store, config: Config, actor_id: str) -> dict[str, Any] | None:
    """Who an actor is, its roles over time, how often it acts and is acted on, and its quotes."""
    actor = queries.actor_by_id(store, actor_id)
    if actor is None:
        return None
    monthly = queries.actor_monthly_roles(store, actor_id)
    return {
        **actor,
        "roles": actor_roles(config, actor),
        "n_source": event_count(store, EventQuery(actor=actor_id, role="source")),
        "n_target": event_count(store, EventQuery(actor=actor_id, role="target")),
        "monthly": monthly,
        "quotes": queries.actor_quotes(store, actor_id, limit=ACTOR_QUOTES),
        "links": {
            "page": f"/actors/{actor_id}",
            "as_source": f"/api/events?actor={actor_id}&role=source",
            "as_target": f"/api/events?actor={actor_id}&role=target",
        },
    }


def side_name(store: Store, config: Config, side: str) -> str | None:
    """A dyad side's name: the actor's, or the state's (from the dictionary when the store has no row)."""
    name = queries.dyad_side_name(store, side)
    if name is None and not is_actor_id(side):
        state = _dictionary(config).state(side.upper())
        name = state.name if state else None
    return name


def dyad_detail(store: Store, config: Config, a: str, b: str) -> dict[str, Any]:
    """Events between two sides per week: counts by type and the mean Goldstein score.

    Every week from the first to the last event is listed (empty weeks too), so a chart's
    time axis is even.
    """
    weekly = period_series(store, EventQuery(dyad=(a, b)), "week")
    series = [
        {"week": p["start"], "n": p["n"], "by_type": p["by_type"], "goldstein": p["goldstein"]}
        for p in weekly["series"]
    ]
    total = event_count(store, EventQuery(dyad=(a, b)))
    dated = weekly["dated"]
    return {
        "a": {"id": a, "name": side_name(store, config, a)},
        "b": {"id": b, "name": side_name(store, config, b)},
        "total": total,
        "undated": total - dated,
        "types": weekly["types"],
        "mean_goldstein": weekly["mean_goldstein"],
        "weeks": series,
        "links": {"page": f"/dyads/{a}/{b}", "events": f"/api/events?dyad={a}-{b}"},
    }
