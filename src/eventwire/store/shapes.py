"""The shapes stored rows are sent in, each named and written once.

- row: an event as one flat record (`EVENT_ROW_COLUMNS`): CSV and Parquet, from the command line
  (`eventwire export`) and the API's downloads alike;
- API: an event nested with its actors, article and links (`event_api`), as the JSON API, its
  JSON Lines downloads and the pages show it; articles and actors likewise;
- export: an event or a quote as the project's scorer reads it (`event_export`, `quote_export`),
  for `eventwire export --format jsonl`, `eventwire events --json` and the evaluation.

Each takes a row of the event SELECT (`events.EVENT_SELECT`) or of the table's own query.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

EVENT_ROW_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_id", "date", "date_precision", "type", "mode", "cameo", "goldstein",
    "source_id", "source_name", "source_country", "source_sector", "source_kind",
    "target_id", "target_name", "target_country", "target_sector", "target_kind",
    "location", "evidence", "sentence_index", "rule", "confidence", "title", "outlet", "published", "url",
    "date_reason", "place_name", "geonames_id", "feature_type", "place_country", "admin1", "lat", "lon",
    "geo_reason",
)  # fmt: skip
"""The flat event record, column by column in this order (a subset of `events.EVENT_SELECT`)."""


def place_shape(row: Mapping[str, Any]) -> dict[str, Any] | None:
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


def _actor(row: Mapping[str, Any], side: str, *fields: str) -> dict[str, Any]:
    return {field: row[f"{side}_{field}"] for field in fields}


def event_api(row: Mapping[str, Any]) -> dict[str, Any]:
    """An event with its actors, its article and links to its pages."""
    event_id, doc_id = row["event_id"], row["doc_id"]
    return {
        "id": event_id,
        "type": row["type"],
        "mode": row["mode"],
        "cameo": row["cameo"],
        "goldstein": row["goldstein"],
        "source": _actor(row, "source", "id", "name", "country", "sector", "kind"),
        "target": _actor(row, "target", "id", "name", "country", "sector", "kind"),
        "date": row["date"],
        "date_precision": row["date_precision"],
        "date_reason": row["date_reason"],
        "location": row["location"],
        "place": place_shape(row),
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


def event_export(row: Mapping[str, Any]) -> dict[str, Any]:
    """One event as the scorer reads it, with our extra fields beside the scored ones."""
    return {
        "doc_id": row["doc_id"],
        "kind": "event",
        "event_id": row["event_id"],
        "type": row["type"],
        "mode": row["mode"],
        "cameo": row["cameo"],
        "goldstein": row["goldstein"],
        "source": _actor(row, "source", "name", "country", "sector"),
        "target": _actor(row, "target", "name", "country", "sector"),
        "date": row["date"].isoformat() if isinstance(row["date"], date) else row["date"],
        "date_precision": row["date_precision"],
        "location": row["location"],
        "place": place_shape(row),
        "evidence": row["evidence"],
        "rule": row["rule"],
        "confidence": row["confidence"],
    }


def quote_export(row: Mapping[str, Any]) -> dict[str, Any]:
    """One quote as the scorer reads it."""
    return {
        "doc_id": row["doc_id"],
        "kind": "quote",
        "quote_id": row["quote_id"],
        "speaker": row["speaker"],
        "text": row["text"],
        "rule": row["rule"],
    }


def article_api(row: Mapping[str, Any]) -> dict[str, Any]:
    return {**row, "links": {"api": f"/api/articles/{row['id']}", "page": f"/articles/{row['id']}"}}


def actor_api(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        **row,
        "links": {
            "api": f"/api/actors/{row['id']}",
            "page": f"/actors/{row['id']}",
            "events": f"/api/events?actor={row['id']}",
        },
    }


def json_ready(value: Any) -> Any:
    """Dates as ISO strings, recursively: what `json.dumps` and the API send."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_ready(v) for v in value]
    return value
