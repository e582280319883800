"""Query parameters shared by the JSON API and the pages: parsed once, checked, turned into filters.

Filters arrive as text (a page's form sends empty fields as ""), so they are parsed here rather
than by FastAPI's types: an empty field means "no filter", and a bad value gets a message that
names the parameter and shows what is expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from fastapi import Query

from eventwire.api.errors import ApiError
from eventwire.api.settings import DEFAULT_PAGE, MAX_PAGE
from eventwire.store.queries import EventQuery, is_actor_id

_COUNTRY = re.compile(r"^[A-Za-z]{3}$")
MAX_TEXT = 200
"""Longest free-text filter accepted."""

Format = Literal["json", "csv", "jsonl"]


@lru_cache(maxsize=1)
def plover_types() -> tuple[str, ...]:
    """The 16 PLOVER types, from the ontology table the coder uses."""
    from eventwire.code.ontology import cameo_codes

    return tuple(sorted({c.plover for c in cameo_codes().values() if c.plover}))


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int
    offset: int


def paging(
    limit: int = Query(DEFAULT_PAGE, ge=1, le=MAX_PAGE, description=f"Items per page (1-{MAX_PAGE})."),
    offset: int = Query(0, ge=0, description="Items to skip."),
) -> Paging:
    return Paging(limit=limit, offset=offset)


def output_format(
    format: Format = Query(
        "json", description="json: one page; csv or jsonl: every matching row as a download."
    ),
) -> Format:
    return format


def _blank(value: str | None) -> str | None:
    value = value.strip() if value is not None else None
    return value or None


def _text(value: str | None, param: str) -> str | None:
    value = _blank(value)
    if value is not None and len(value) > MAX_TEXT:
        raise ApiError(400, f"{param}: at most {MAX_TEXT} characters", param=param)
    return value


def parse_date(value: str | None, param: str) -> date | None:
    value = _blank(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(400, f"{param}: expected a date like 2025-05-14, got {value!r}", param=param) from None


def parse_country(value: str | None, param: str) -> str | None:
    value = _blank(value)
    if value is None:
        return None
    if not _COUNTRY.match(value):
        raise ApiError(
            400,
            f"{param}: expected a three-letter ISO 3166 country code like CHN, got {value!r}",
            param=param,
        )
    return value.upper()


def parse_side(value: str, param: str) -> str:
    """One side of a dyad: an ISO3 country code or an actor id."""
    value = value.strip()
    if is_actor_id(value):
        return value
    if _COUNTRY.match(value):
        return value.upper()
    raise ApiError(
        400, f"{param}: expected an ISO3 country code (CHN) or an actor id, got {value!r}", param=param
    )


def parse_dyad(value: str | None, param: str = "dyad") -> tuple[str, str] | None:
    value = _blank(value)
    if value is None:
        return None
    parts = re.split(r"[-,/ ]+", value)
    if len(parts) != 2:
        raise ApiError(400, f"{param}: expected two sides like CHN-RUS, got {value!r}", param=param)
    return parse_side(parts[0], param), parse_side(parts[1], param)


def parse_type(value: str | None, param: str = "type") -> str | None:
    value = _blank(value)
    if value is None:
        return None
    if value.upper() not in plover_types():
        raise ApiError(
            400, f"{param}: unknown PLOVER type {value!r} (one of {', '.join(plover_types())})", param=param
        )
    return value.upper()


def event_filters(
    actor: str | None = Query(None, description="An actor id, or text in the source's or target's name."),
    role: str | None = Query(None, description="With actor: 'source' or 'target' only."),
    country: str | None = Query(None, description="ISO3 country of the source or the target, e.g. CHN."),
    dyad: str | None = Query(
        None, description="Two sides, ISO3 codes or actor ids, e.g. CHN-RUS: events between them either way."
    ),
    type: str | None = Query(None, description="PLOVER type, e.g. CONSULT."),
    since: str | None = Query(None, description="Events on or after this date (YYYY-MM-DD)."),
    until: str | None = Query(None, description="Events on or before this date (YYYY-MM-DD)."),
    doc: str | None = Query(None, description="Only the events of this article id."),
) -> EventQuery:
    """The event filter of a request; raises a 400 naming the first bad parameter."""
    role = _blank(role)
    if role is not None and role not in ("source", "target"):
        raise ApiError(400, f"role: expected 'source' or 'target', got {role!r}", param="role")
    query = EventQuery(
        actor=_text(actor, "actor"),
        role=role,
        country=parse_country(country, "country"),
        dyad=parse_dyad(dyad),
        type=parse_type(type),
        since=parse_date(since, "since"),
        until=parse_date(until, "until"),
        doc_id=_text(doc, "doc"),
    )
    if query.role and not query.actor:
        raise ApiError(400, "role: only meaningful with actor", param="role")
    if query.since and query.until and query.since > query.until:
        raise ApiError(400, f"since ({query.since}) is after until ({query.until})", param="since")
    return query


def filter_params(query: EventQuery) -> dict[str, str]:
    """The query-string parameters that select `query` again (for links and the next page)."""
    params: dict[str, str] = {}
    for key, value in (
        ("actor", query.actor),
        ("role", query.role),
        ("country", query.country),
        ("dyad", "-".join(query.dyad) if query.dyad else None),
        ("type", query.type),
        ("since", query.since.isoformat() if query.since else None),
        ("until", query.until.isoformat() if query.until else None),
        ("doc", query.doc_id),
    ):
        if value:
            params[key] = value
    return params
