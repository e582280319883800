"""Delivering alerts: standard output, a JSON Lines file, webhooks (POST JSON, with retries).

Every (alert, channel) pair is a row of `alert_deliveries`, pending until the channel took it:
a delivery that fails stays pending and is tried again next cycle, so none is lost. Delivery is
at least once: an alert sent just before a crash, and not yet marked, is sent again; receivers
tell repeats apart by the alert's `key`.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol, TextIO

import httpx

from eventwire.errors import E
from eventwire.store import Store
from eventwire.store import alerts as tables
from eventwire.version import __version__


class DeliveryError(Exception):
    pass


class Channel(Protocol):
    @property
    def name(self) -> str:
        """How the channel is known in `alert_deliveries`: stdout, jsonl:PATH or webhook:URL."""

    def send(self, message: dict[str, Any]) -> None:
        """Deliver one alert; raises DeliveryError (or OSError) when it did not arrive."""


def _json_default(value: Any) -> str:
    return value.isoformat() if isinstance(value, date | datetime) else str(value)


def encode(message: dict[str, Any]) -> str:
    return json.dumps(message, ensure_ascii=False, sort_keys=True, default=_json_default)


@dataclass
class StdoutChannel:
    stream: TextIO | None = None
    name: str = "stdout"

    def send(self, message: dict[str, Any]) -> None:
        stream = self.stream or sys.stdout
        stream.write(encode(message) + "\n")
        stream.flush()


@dataclass
class JsonlChannel:
    path: Path

    @property
    def name(self) -> str:
        return f"jsonl:{self.path}"

    def send(self, message: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(encode(message) + "\n")


@dataclass
class WebhookChannel:
    url: str
    retries: int = 2
    backoff: float = 1.0
    timeout: float = 10.0

    @property
    def name(self) -> str:
        return f"webhook:{self.url}"

    def send(self, message: dict[str, Any]) -> None:
        body = encode(message).encode("utf-8")
        headers = {"Content-Type": "application/json", "User-Agent": f"eventwire/{__version__}"}
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = httpx.post(self.url, content=body, headers=headers, timeout=self.timeout)
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {exc}"[:200]
                continue
            if 200 <= response.status_code < 300:
                return
            problem = f"HTTP {response.status_code}"
            if response.status_code < 500 and response.status_code not in (408, 429):
                break  # the receiver refuses it: trying again at once will not help
        raise DeliveryError(problem)


@dataclass(slots=True)
class Delivered:
    delivered: int = 0
    failed: int = 0
    errors: list[str] | None = None


def absolute(payload: dict[str, Any], ui_url: str | None) -> dict[str, Any]:
    """The payload with its links made absolute against the web UI's address, when known."""
    if not ui_url:
        return payload
    base = ui_url.rstrip("/")

    def fix(value: Any) -> Any:
        if isinstance(value, str) and value.startswith("/"):
            return base + value
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        return value

    evidence = dict(payload.get("evidence", {}))
    if "links" in evidence:
        evidence["links"] = fix(evidence["links"])
    return {**payload, "evidence": evidence, "link": fix(payload.get("link"))}


def deliver_pending(store: Store, channels: list[Channel], ui_url: str | None) -> Delivered:
    """Send every pending delivery to the configured channels, oldest alert first; each outcome
    is committed at once, so a crash repeats at most the delivery in flight."""
    result = Delivered(errors=[])
    by_name = {c.name: c for c in channels}
    if not by_name:
        return result
    for row in tables.pending_deliveries(store, list(by_name)):
        key, channel = row["alert_key"], row["channel"]
        message = absolute(json.loads(row["payload"]), ui_url)
        try:
            by_name[channel].send(message)
        except (DeliveryError, OSError) as exc:
            detail = str(exc) or type(exc).__name__
            tables.delivery_failed(store, key, channel, detail)
            result.failed += 1
            assert result.errors is not None
            result.errors.append(
                f"{E.E816.name} " + E.E816.value.format(key=key, channel=channel, detail=detail)
            )
            continue
        tables.delivered(store, key, channel)
        result.delivered += 1
    return result
