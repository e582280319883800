"""The alert tables: alerts fired once each (by key), their deliveries per channel, and the watermark.

The watcher's rules (`watch.rules`) decide what fires; this module keeps what fired and what
was delivered. A cycle's new alerts, the deliveries they need and the watermark (how far the
rules have looked) are written in one transaction by `record_fired`; each delivery's outcome is
written as soon as it is known.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from eventwire.store.database import Store, now_utc, paged
from eventwire.store.rows import Row

WATERMARK_KEY = "alerts_watermark"
"""meta key: the latest `documents.ingested_at` the rules have looked at."""


def watermark(store: Store) -> datetime | None:
    """How far the rules have looked (None: they have looked at nothing yet)."""
    value = store.scalar("SELECT value FROM meta WHERE key = ?", [WATERMARK_KEY])
    return datetime.fromisoformat(value) if value else None


def latest_ingest(store: Store) -> datetime | None:
    """When the last document was stored: the watermark the rules reach by looking at all."""
    latest: datetime | None = store.scalar("SELECT max(ingested_at) FROM documents")
    return latest


def fired_keys(store: Store, keys: list[str]) -> set[str]:
    """Which of these alert keys have fired before."""
    if not keys:
        return set()
    return {r["alert_key"] for r in store.query("SELECT alert_key FROM alerts WHERE alert_key IN ?", [keys])}


def fired_subjects(store: Store, rule: str) -> set[str]:
    """Every id the alerts of `rule` were about."""
    rows = store.query("SELECT unnest(subjects) AS subject FROM alerts WHERE rule = ?", [rule])
    return {r["subject"] for r in rows}


def record_fired(store: Store, alerts: list[Row], deliveries: list[Row], looked_to: datetime | None) -> None:
    """New alerts (alert_key, rule, kind, title, subjects, payload, fired_at), their pending
    deliveries (alert_key, channel) and the watermark, inside the caller's transaction."""
    store.insert_rows("INSERT INTO alerts", alerts)
    store.insert_rows(
        "INSERT OR IGNORE INTO alert_deliveries",
        [(key, channel, "pending", 0, None, None, None) for key, channel in deliveries],
    )
    if looked_to is not None:
        store.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [WATERMARK_KEY, looked_to.isoformat()])


def pending_deliveries(store: Store, channels: list[str]) -> list[dict[str, Any]]:
    """The deliveries still to make on these channels, oldest alert first, with their payloads."""
    return store.query(
        """SELECT d.alert_key, d.channel, a.payload FROM alert_deliveries d JOIN alerts a USING (alert_key)
        WHERE d.status = 'pending' AND d.channel IN ? ORDER BY a.fired_at, d.alert_key, d.channel""",
        [channels],
    )


def delivery_failed(store: Store, key: str, channel: str, detail: str) -> None:
    store.con.execute(
        "UPDATE alert_deliveries SET attempts = attempts + 1, last_error = ?, last_attempt = ? "
        "WHERE alert_key = ? AND channel = ?",
        [detail, now_utc(), key, channel],
    )


def delivered(store: Store, key: str, channel: str) -> None:
    when = now_utc()
    store.con.execute(
        "UPDATE alert_deliveries SET status = 'delivered', attempts = attempts + 1, last_error = NULL, "
        "last_attempt = ?, delivered_at = ? WHERE alert_key = ? AND channel = ?",
        [when, when, key, channel],
    )


def list_alerts(store: Store, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Fired alerts, newest first, each with its payload and the state of its deliveries."""
    rows = store.query(
        *paged("SELECT alert_key, payload FROM alerts ORDER BY fired_at DESC, alert_key", [], limit, offset)
    )
    keys = [r["alert_key"] for r in rows]
    deliveries: dict[str, list[dict[str, Any]]] = {k: [] for k in keys}
    if keys:
        for d in store.query(
            "SELECT alert_key, channel, status, attempts, last_error, delivered_at FROM alert_deliveries "
            "WHERE alert_key IN ? ORDER BY channel",
            [keys],
        ):
            deliveries[d.pop("alert_key")].append(d)
    return [{**json.loads(r["payload"]), "deliveries": deliveries[r["alert_key"]]} for r in rows]


def count_alerts(store: Store) -> int:
    return store.count("SELECT count(*) FROM alerts")
