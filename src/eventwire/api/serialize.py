"""Rows from the store as the API sends them: nested JSON objects, or flat rows for CSV."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from fastapi.responses import Response

from eventwire.store.export import place_line


def _default(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _dumps_json(content: Any) -> bytes:
    return json.dumps(content, ensure_ascii=False, default=_default, separators=(",", ":")).encode("utf-8")


try:
    # orjson encodes a page of events about ten times faster than json: under load, encoding
    # was a quarter of the events endpoint's time.
    import orjson

    def dumps_bytes(content: Any) -> bytes:
        """UTF-8 JSON with dates as ISO strings."""
        return orjson.dumps(content, default=_default)

except ImportError:  # the web extra brings orjson; without it the standard library does the same
    dumps_bytes = _dumps_json


def dumps(content: Any) -> str:
    return dumps_bytes(content).decode("utf-8")


class ApiJSON(Response):
    """JSON with dates as ISO strings, encoded once without a validation pass (the rows are ours)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps_bytes(content)


def _actor(row: Mapping[str, Any], side: str) -> dict[str, Any]:
    return {
        "id": row[f"{side}_id"],
        "name": row[f"{side}_name"],
        "country": row[f"{side}_country"],
        "sector": row[f"{side}_sector"],
        "kind": row[f"{side}_kind"],
    }


def event_json(row: Mapping[str, Any]) -> dict[str, Any]:
    """An event with its actors, its article and links to its pages."""
    event_id, doc_id = row["event_id"], row["doc_id"]
    return {
        "id": event_id,
        "type": row["type"],
        "mode": row["mode"],
        "cameo": row["cameo"],
        "goldstein": row["goldstein"],
        "source": _actor(row, "source"),
        "target": _actor(row, "target"),
        "date": row["date"],
        "date_precision": row["date_precision"],
        "date_reason": row["date_reason"],
        "location": row["location"],
        "place": place_line(row),
        "evidence": row["evidence"],
        "sentence_index": row["sentence_index"],
        "rule": row["rule"],
        "confidence": row["confidence"],
        "article": {
            "id": doc_id,
            "title": row["title"],
            "outlet": row["outlet"],
            "published": row["published"],
            "url": row["url"],
        },
        "links": {
            "api": f"/api/events/{event_id}",
            "page": f"/events/{event_id}",
            "evidence": f"/articles/{doc_id}?event={event_id}#evidence",
        },
    }


EVENT_CSV_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_id", "date", "date_precision", "type", "mode", "cameo", "goldstein",
    "source_id", "source_name", "source_country", "source_sector", "source_kind",
    "target_id", "target_name", "target_country", "target_sector", "target_kind",
    "location", "evidence", "sentence_index", "rule", "confidence", "title", "outlet", "published", "url",
    "date_reason", "place_name", "geonames_id", "feature_type", "place_country", "admin1", "lat", "lon",
    "geo_reason",
)  # fmt: skip
"""Columns of an events download, in this order (a subset of `queries.EVENT_PAGE_SELECT`)."""


def article_json(row: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["links"] = {"api": f"/api/articles/{row['id']}", "page": f"/articles/{row['id']}"}
    return out


def actor_json(row: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["links"] = {
        "api": f"/api/actors/{row['id']}",
        "page": f"/actors/{row['id']}",
        "events": f"/api/events?actor={row['id']}",
    }
    return out
