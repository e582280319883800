"""The event query: one filter object, one WHERE builder and one SELECT for every reader of events.

The command line (`eventwire events`, `export`), the JSON API and its downloads, the pages, the
map and the overview all select events with an `EventQuery`, turned into SQL by `where` alone;
the server's in-memory index (`event_index.EventIndex`) answers the same queries. `FILTERS`
lists the filters with their help, and `parse_event_query` reads them from text (a query
string, command-line flags): a filter added here reaches the CLI and the API at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from eventwire.store.database import Store

ACTOR_ID_CHARS = 16
"""Length of an `actor_id` ("a" + 15 hex digits); a dyad side of three letters is a country."""
MAX_TEXT = 200
"""Longest free-text filter accepted."""
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")

EVENT_SELECT = """
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

Order = Literal["newest", "oldest"]
ORDERS: dict[Order, str] = {
    # Browsing: newest first, events without a date last, ties in reading order so pages are stable.
    "newest": " ORDER BY e.date DESC NULLS LAST, e.doc_id, e.sentence_index, e.event_id",
    # Listings and exports: in time order, each article's events as it tells them (ids break ties,
    # so that an export is the same file every time).
    "oldest": " ORDER BY e.date NULLS LAST, e.doc_id, e.sentence_index, e.type, e.event_id",
}


@dataclass(frozen=True, slots=True)
class Filter:
    """One filter of events, as the command line and the API offer it."""

    param: str
    """The query-string parameter and the command-line flag (`--doc`)."""
    help: str
    kind: Literal["text", "role", "country", "dyad", "type", "date"]


FILTERS: tuple[Filter, ...] = (
    Filter("actor", "An actor id, or text in the source's or target's name.", "text"),
    Filter("role", "With actor: 'source' or 'target' only.", "role"),
    Filter("country", "ISO3 country of the source or the target, e.g. CHN.", "country"),
    Filter("dyad", "Two sides (ISO3 codes or actor ids), e.g. CHN-RUS: events between them.", "dyad"),
    Filter("type", "PLOVER type, e.g. CONSULT.", "type"),
    Filter("since", "Events on or after this date (YYYY-MM-DD).", "date"),
    Filter("until", "Events on or before this date (YYYY-MM-DD).", "date"),
    Filter("doc", "Only the events of this article id.", "text"),
)


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events; every given field narrows the selection.

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

    def params(self) -> dict[str, str]:
        """The parameters (`FILTERS`) that select this query again, for links and the next page."""
        values = {
            "actor": self.actor,
            "role": self.role,
            "country": self.country,
            "dyad": "-".join(self.dyad) if self.dyad else None,
            "type": self.type,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "doc": self.doc_id,
        }
        return {f.param: values[f.param] for f in FILTERS if values[f.param]}  # type: ignore[misc]


def is_actor_id(value: str) -> bool:
    return len(value) == ACTOR_ID_CHARS and value.startswith("a") and value.isalnum()


# -- SQL ------------------------------------------------------------------------------------


def _side(column: str, side: str) -> tuple[str, list[object]]:
    """SQL matching one side of an event (`e.source_id` or `e.target_id`) to an actor id or country.

    Sub-selects on the small actors table, not joins, so DuckDB filters events by id sets.
    """
    if is_actor_id(side):
        return f"{column} = ?", [side]
    return f"{column} IN (SELECT actor_id FROM actors WHERE country = ?)", [side.upper()]


def where(q: EventQuery) -> tuple[str, list[object]]:
    """` WHERE ...` over `events e` (empty for no filter) and its parameters."""
    clauses: list[str] = []
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
        clauses.append("(" + " OR ".join(match.format(col=c) for c in columns) + ")")
        params += values * len(columns)
    if q.country:
        clauses.append(
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
        clauses.append("(" + " OR ".join(parts) + ")")
    if q.type:
        clauses.append("e.type = ?")
        params.append(q.type.upper())
    if q.since:
        clauses.append("e.date >= ?")
        params.append(q.since)
    if q.until:
        clauses.append("e.date <= ?")
        params.append(q.until)
    if q.doc_id:
        clauses.append("e.doc_id = ?")
        params.append(q.doc_id)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def and_where(sql_where: str, condition: str) -> str:
    """`sql_where` (from `where`) narrowed by one more condition."""
    return sql_where + (" AND " if sql_where else " WHERE ") + condition


def select_sql(
    q: EventQuery = EventQuery(), *, order: Order = "newest", columns: Collection[str] | None = None
) -> tuple[str, list[object]]:
    """The SQL and parameters of every event matching `q` (for streamed downloads and exports).

    Args:
        columns: the columns to keep, in this order (default: all of `EVENT_SELECT`).
    """
    sql_where, params = where(q)
    sql = EVENT_SELECT + sql_where + ORDERS[order]
    if columns is not None:
        sql = f"SELECT {', '.join(columns)} FROM ({sql})"
    return sql, params


def event_rows(
    store: Store,
    q: EventQuery = EventQuery(),
    *,
    order: Order = "newest",
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The events matching `q` with their actors and article (`limit=None`: every match)."""
    sql, params = select_sql(q, order=order)
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    return store.query(sql, params)


def event_count(store: Store, q: EventQuery = EventQuery()) -> int:
    sql_where, params = where(q)
    return store.count("SELECT count(*) FROM events e" + sql_where, params)


def event_page(
    store: Store, q: EventQuery, *, limit: int, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """One page of the events matching `q`, newest first, and how many match in all (the
    interface the server's `EventBrowser` answers from its index)."""
    return event_rows(store, q, limit=limit, offset=offset), event_count(store, q)


def event_by_id(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event with its actors and article, by its full id."""
    rows = store.query(EVENT_SELECT + " WHERE e.event_id = ?", [event_id])
    return rows[0] if rows else None


def event_by_prefix(store: Store, prefix: str) -> dict[str, Any] | None:
    """The one event whose id starts with `prefix` (None when none or several do)."""
    rows = store.query(EVENT_SELECT + " WHERE e.event_id LIKE ? ORDER BY e.event_id LIMIT 2", [prefix + "%"])
    return rows[0] if len(rows) == 1 else None


def event_types(store: Store) -> list[str]:
    """The PLOVER types present in the store, for filter menus."""
    return [r["type"] for r in store.query("SELECT DISTINCT type FROM events ORDER BY type")]


# -- parsing --------------------------------------------------------------------------------


class QueryError(ValueError):
    """A filter given as text that means nothing; names the parameter and what it expects."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param
        self.message = message


def blank(value: str | None) -> str | None:
    """The value stripped, None for a missing or empty one (a form sends empty fields as "")."""
    value = value.strip() if value is not None else None
    return value or None


def parse_text(value: str | None, param: str) -> str | None:
    value = blank(value)
    if value is not None and len(value) > MAX_TEXT:
        raise QueryError(param, f"{param}: at most {MAX_TEXT} characters")
    return value


def parse_date(value: str | None, param: str) -> date | None:
    value = blank(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(param, f"{param}: expected a date like 2025-05-14, got {value!r}") from None


def parse_country(value: str | None, param: str) -> str | None:
    value = blank(value)
    if value is None:
        return None
    if not _COUNTRY.match(value):
        expected = "a three-letter ISO 3166 country code like CHN"
        raise QueryError(param, f"{param}: expected {expected}, got {value!r}")
    return value.upper()


def parse_side(value: str, param: str) -> str:
    """One side of a dyad: an ISO3 country code or an actor id."""
    value = value.strip()
    if is_actor_id(value):
        return value
    if _COUNTRY.match(value):
        return value.upper()
    raise QueryError(param, f"{param}: expected an ISO3 country code (CHN) or an actor id, got {value!r}")


def parse_dyad(value: str | None, param: str = "dyad") -> tuple[str, str] | None:
    value = blank(value)
    if value is None:
        return None
    parts = re.split(r"[-,/ ]+", value)
    if len(parts) != 2:
        raise QueryError(param, f"{param}: expected two sides like CHN-RUS, got {value!r}")
    return parse_side(parts[0], param), parse_side(parts[1], param)


def parse_type(value: str | None, known: Callable[[], Collection[str]], param: str = "type") -> str | None:
    """A PLOVER type; `known()` gives the types there are (asked only when a type is given)."""
    value = blank(value)
    if value is None:
        return None
    types = known()
    if value.upper() not in types:
        raise QueryError(param, f"{param}: unknown PLOVER type {value!r} (one of {', '.join(sorted(types))})")
    return value.upper()


def parse_event_query(params: Mapping[str, str | None], types: Callable[[], Collection[str]]) -> EventQuery:
    """The query of text parameters named as in `FILTERS` (others are ignored).

    Args:
        types: the PLOVER types a `type` may name (`coding.plover_types`).

    Raises:
        QueryError: naming the first parameter that means nothing.
    """
    role = blank(params.get("role"))
    if role is not None and role not in ("source", "target"):
        raise QueryError("role", f"role: expected 'source' or 'target', got {role!r}")
    query = EventQuery(
        actor=parse_text(params.get("actor"), "actor"),
        role=role,
        country=parse_country(params.get("country"), "country"),
        dyad=parse_dyad(params.get("dyad")),
        type=parse_type(params.get("type"), types),
        since=parse_date(params.get("since"), "since"),
        until=parse_date(params.get("until"), "until"),
        doc_id=parse_text(params.get("doc"), "doc"),
    )
    if query.role and not query.actor:
        raise QueryError("role", "role: only meaningful with actor")
    if query.since and query.until and query.since > query.until:
        raise QueryError("since", f"since ({query.since}) is after until ({query.until})")
    return query
