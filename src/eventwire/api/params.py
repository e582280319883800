"""Query parameters shared by the JSON API and the pages: parsed once, checked, turned into filters.

Filters arrive as text (a page's form sends empty fields as ""), so they are parsed here rather
than by FastAPI's types: an empty field means "no filter", and a bad value gets a message that
names the parameter and shows what is expected.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from fastapi import Request

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


@dataclass(frozen=True, slots=True)
class QueryParam:
    """A query parameter as the OpenAPI schema documents it."""

    name: str
    description: str
    schema: dict[str, Any]


PAGING_PARAMS = (
    QueryParam(
        "limit", f"Items per page (1-{MAX_PAGE}, default {DEFAULT_PAGE}).",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": DEFAULT_PAGE},
    ),
    QueryParam("offset", "Items to skip (default 0).", {"type": "integer", "minimum": 0, "default": 0}),
)  # fmt: skip
FORMAT_PARAM = QueryParam(
    "format",
    "json (default): one page; csv or jsonl: every matching row as a download.",
    {"type": "string", "enum": ["json", "csv", "jsonl"], "default": "json"},
)
_TEXT = {"type": "string"}
_DATE = {"type": "string", "format": "date"}
EVENT_PARAMS = (
    QueryParam("actor", "An actor id, or text in the source's or target's name.", _TEXT),
    QueryParam("role", "With actor: 'source' or 'target' only.", {"enum": ["source", "target"]}),
    QueryParam("country", "ISO3 country of the source or the target, e.g. CHN.", _TEXT),
    QueryParam("dyad", "Two sides (ISO3 codes or actor ids), e.g. CHN-RUS: events between them.", _TEXT),
    QueryParam("type", "PLOVER type, e.g. CONSULT.", _TEXT),
    QueryParam("since", "Events on or after this date (YYYY-MM-DD).", _DATE),
    QueryParam("until", "Events on or before this date (YYYY-MM-DD).", _DATE),
    QueryParam("doc", "Only the events of this article id.", _TEXT),
)  # fmt: skip


def documented(*params: QueryParam) -> dict[str, Any]:
    """`openapi_extra` for a route that reads these parameters itself."""
    return {
        "parameters": [
            {"name": p.name, "in": "query", "description": p.description, "schema": p.schema} for p in params
        ]
    }


def _int(params: Mapping[str, str], name: str, default: int, low: int, high: int | None) -> int:
    value = _blank(params.get(name))
    if value is None:
        return default
    bounds = f"from {low} to {high}" if high is not None else f"of at least {low}"
    try:
        number = int(value)
    except ValueError:
        raise ApiError(400, f"{name}: expected a whole number {bounds}, got {value!r}", param=name) from None
    if number < low or (high is not None and number > high):
        raise ApiError(400, f"{name}: expected a whole number {bounds}, got {value!r}", param=name)
    return number


# The dependencies below read the query string themselves (documented with `documented(...)`):
# FastAPI's per-parameter validation cost a fifth of the events endpoint's time under load.


def parse_paging(params: Mapping[str, str]) -> Paging:
    """`limit` and `offset`, checked."""
    return Paging(
        limit=_int(params, "limit", DEFAULT_PAGE, 1, MAX_PAGE), offset=_int(params, "offset", 0, 0, None)
    )


def parse_format(params: Mapping[str, str]) -> Format:
    value = _blank(params.get("format")) or "json"
    if value not in ("json", "csv", "jsonl"):
        raise ApiError(400, f"format: expected json, csv or jsonl, got {value!r}", param="format")
    return value  # type: ignore[return-value]


async def paging(request: Request) -> Paging:
    return parse_paging(request.query_params)


async def output_format(request: Request) -> Format:
    return parse_format(request.query_params)


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


async def event_filters(request: Request) -> EventQuery:
    """The event filter of a request; raises a 400 naming the first bad parameter."""
    return parse_event_query(request.query_params)


def parse_event_query(params: Mapping[str, str]) -> EventQuery:
    role = _blank(params.get("role"))
    if role is not None and role not in ("source", "target"):
        raise ApiError(400, f"role: expected 'source' or 'target', got {role!r}", param="role")
    query = EventQuery(
        actor=_text(params.get("actor"), "actor"),
        role=role,
        country=parse_country(params.get("country"), "country"),
        dyad=parse_dyad(params.get("dyad")),
        type=parse_type(params.get("type")),
        since=parse_date(params.get("since"), "since"),
        until=parse_date(params.get("until"), "until"),
        doc_id=_text(params.get("doc"), "doc"),
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
