"""Alerts: rules from a TOML file, fired once each (stored with a key), then delivered.

An alerts file holds `[[rule]]` tables (see `eventwire.watch.rules`) and a `[deliver]` table:

    [deliver]
    stdout = true                            # one JSON object a line on standard output (default)
    jsonl = "alerts.jsonl"                   # append to this file (relative to the alerts file)
    webhooks = ["https://hooks.example.org/eventwire"]   # POST the JSON object to each
    ui_url = "http://127.0.0.1:8000"         # makes the evidence links absolute
    webhook_retries = 2                      # extra tries within a cycle (then next cycle)

A cycle's new alerts, the deliveries they need and the watermark (how far the rules have
looked) are committed in one transaction (`store.alerts`); deliveries are then made one by one.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from eventwire.errors import E, EventwireError
from eventwire.store import Store
from eventwire.store import alerts as tables
from eventwire.store.database import now_utc
from eventwire.watch.deliver import (
    Channel,
    JsonlChannel,
    StdoutChannel,
    WebhookChannel,
    deliver_pending,
    encode,
)
from eventwire.watch.rules import Candidate, Rule, evaluate, parse_rule
from eventwire.watch.sources import is_web_url

_DELIVER_KEYS = {"stdout", "jsonl", "webhooks", "ui_url", "webhook_retries", "webhook_timeout"}


@dataclass(frozen=True, slots=True)
class AlertPlan:
    rules: tuple[Rule, ...]
    stdout: bool = True
    jsonl: Path | None = None
    webhooks: tuple[str, ...] = ()
    ui_url: str | None = None
    webhook_retries: int = 2
    webhook_timeout: float = 10.0


@dataclass(slots=True)
class AlertReport:
    fired: int = 0
    delivered: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def load_alerts(path: str | Path) -> AlertPlan:
    """The rules and delivery settings of an alerts file.

    Raises:
        EventwireError: E812 naming the file, the rule and what is wrong.
    """
    where = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise EventwireError(E.E812, path=where, detail=str(exc).splitlines()[0]) from exc
    unknown = set(data) - {"rule", "deliver"}
    if unknown:
        raise EventwireError(
            E.E812, path=where, detail=f"unknown table(s) {sorted(unknown)} (known: [deliver], [[rule]])"
        )
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not tables:
        raise EventwireError(E.E812, path=where, detail="no [[rule]] tables")
    rules = tuple(parse_rule(t, f"rule {n}", where) for n, t in enumerate(tables, start=1))
    names = [r.name for r in rules]
    if len(set(names)) < len(names):
        raise EventwireError(E.E812, path=where, detail="two rules share a name (names key the alerts)")
    deliver = data.get("deliver", {})
    if not isinstance(deliver, dict) or set(deliver) - _DELIVER_KEYS:
        raise EventwireError(
            E.E812, path=where, detail=f"[deliver] takes only {', '.join(sorted(_DELIVER_KEYS))}"
        )
    return _plan(rules, deliver, where, Path(path).parent)


def _plan(rules: tuple[Rule, ...], deliver: dict[str, Any], where: str, folder: Path) -> AlertPlan:
    def bad(detail: str) -> EventwireError:
        return EventwireError(E.E812, path=where, detail=f"[deliver]: {detail}")

    stdout = deliver.get("stdout", True)
    if not isinstance(stdout, bool):
        raise bad("'stdout' must be true or false")
    jsonl = deliver.get("jsonl")
    if jsonl is not None and (not isinstance(jsonl, str) or not jsonl.strip()):
        raise bad("'jsonl' must be a file name")
    webhooks = deliver.get("webhooks", [])
    if not isinstance(webhooks, list) or not all(isinstance(u, str) and is_web_url(u) for u in webhooks):
        raise bad("'webhooks' must be a list of http(s) URLs")
    ui_url = deliver.get("ui_url")
    if ui_url is not None and (not isinstance(ui_url, str) or not is_web_url(ui_url)):
        raise bad("'ui_url' must be an http(s) URL")
    retries = deliver.get("webhook_retries", 2)
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise bad("'webhook_retries' must be a whole number >= 0")
    timeout = deliver.get("webhook_timeout", 10.0)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise bad("'webhook_timeout' must be a number of seconds above 0")
    return AlertPlan(
        rules=rules,
        stdout=stdout,
        jsonl=(folder / jsonl) if jsonl else None,
        webhooks=tuple(webhooks),
        ui_url=ui_url,
        webhook_retries=retries,
        webhook_timeout=float(timeout),
    )


class AlertEngine:
    """Runs the rules after each cycle, stores new alerts once, and delivers them."""

    def __init__(self, plan: AlertPlan, stdout: TextIO | None = None, webhook_backoff: float = 1.0) -> None:
        self.plan = plan
        channels: list[Channel] = []
        if plan.stdout:
            channels.append(StdoutChannel(stdout))
        if plan.jsonl is not None:
            channels.append(JsonlChannel(plan.jsonl))
        channels.extend(
            WebhookChannel(
                u, retries=plan.webhook_retries, backoff=webhook_backoff, timeout=plan.webhook_timeout
            )
            for u in plan.webhooks
        )
        self.channels = channels

    def run(self, store: Store) -> AlertReport:
        report = AlertReport()
        report.fired = self.fire(store)
        delivered = deliver_pending(store, self.channels, self.plan.ui_url)
        report.delivered, report.failed = delivered.delivered, delivered.failed
        report.errors.extend(delivered.errors or [])
        return report

    def fire(self, store: Store) -> int:
        """Store the alerts of new matches (with a pending delivery per channel); returns how many."""
        with store.transaction():
            since = tables.watermark(store)
            latest = tables.latest_ingest(store)
            candidates = evaluate(store, self.plan.rules, since)
            known = tables.fired_keys(store, [c.key for c in candidates])
            fresh = [c for c in {c.key: c for c in candidates}.values() if c.key not in known]
            when = now_utc()
            alerts = [
                (c.key, c.rule, c.kind, c.title, c.subjects, encode(_payload(c, when)), when) for c in fresh
            ]
            deliveries = [(c.key, ch.name) for c in fresh for ch in self.channels]
            tables.record_fired(store, alerts, deliveries, latest)
        return len(fresh)


def _payload(candidate: Candidate, fired_at: datetime) -> dict[str, Any]:
    return {
        "key": candidate.key,
        "rule": candidate.rule,
        "kind": candidate.kind,
        "title": candidate.title,
        "fired_at": fired_at,
        "link": f"/alerts#{candidate.key}",
        "evidence": candidate.evidence,
    }
