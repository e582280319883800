"""Alerts end to end: articles from a real site through the full pipeline (spaCy), rules from an
alerts file, delivery to a webhook receiver that is down at first, a JSON Lines file and stdout."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from site_server import SiteServer
from watch_helpers import Feed

from eventwire.config import Config
from eventwire.pipeline import Pipeline
from eventwire.store import Store
from eventwire.watch import AlertEngine, Watcher, load_alerts
from eventwire.watch.sources import FetchOptions, Source, SourcesPlan

pytestmark = pytest.mark.slow

ALERTS = """
[deliver]
stdout = true
jsonl = "fired.jsonl"
webhooks = ["{hook}"]
ui_url = "http://127.0.0.1:8000"
webhook_retries = 0

[[rule]]
name = "china-accuses"
kind = "event"
types = ["ACCUSE"]
countries = ["CHN"]

[[rule]]
name = "two-outlets"
kind = "story"
min_outlets = 2
"""


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Config(workers=1))


def test_alerts_fire_once_and_reach_the_webhook(site: SiteServer, tmp_path: Path, pipeline: Pipeline) -> None:
    northern, eastern = (
        Feed(site, "/northern.xml", "Northern Wire"),
        Feed(site, "/eastern.xml", "Eastern Herald"),
    )
    northern.add_story("river-accusation")
    northern.add_story("energy-northern")
    path = tmp_path / "alerts.toml"
    path.write_text(ALERTS.format(hook=site.url("/hook")), encoding="utf-8")
    stdout = io.StringIO()
    engine = AlertEngine(load_alerts(path), stdout=stdout, webhook_backoff=0.01)
    plan = SourcesPlan(
        sources=(Source(url=northern.url), Source(url=eastern.url)), fetch=FetchOptions(host_delay=0)
    )
    watcher = Watcher(plan, Config(workers=1), pipeline=pipeline, alerts=engine)
    site.post_failures = 1  # the receiver is down for the first delivery
    with Store(tmp_path / "w.duckdb") as store:
        first = watcher.cycle(store, due_only=False)
        eastern.add_story("energy-eastern")
        second = watcher.cycle(store, due_only=False)
        third = watcher.cycle(store, due_only=False)
        pending = store.query("SELECT count(*) AS n FROM alert_deliveries WHERE status <> 'delivered'")[0][
            "n"
        ]

    assert first.alerts is not None and second.alerts is not None and third.alerts is not None
    assert (first.alerts.fired, first.alerts.failed) == (1, 1)  # the accusation; its webhook delivery failed
    assert second.alerts.fired == 1  # the gas deal story now has two outlets
    assert (
        second.alerts.failed == 0 and second.alerts.delivered == 2 + 3 - 2 + 1
    )  # retried one + 3 channels of the new
    assert third.alerts.fired == 0 and third.alerts.delivered == 0
    assert pending == 0
    received = [post.json() for post in site.posts]
    assert sorted(r["rule"] for r in received) == ["china-accuses", "two-outlets"]
    assert len({r["key"] for r in received}) == 2
    accusation = next(r for r in received if r["rule"] == "china-accuses")
    assert accusation["evidence"]["type"] == "ACCUSE" and accusation["evidence"]["source"] == "China"
    assert all(
        link.startswith("http://127.0.0.1:8000/events/") for link in accusation["evidence"]["links"]["events"]
    )
    story = next(r for r in received if r["rule"] == "two-outlets")
    assert story["evidence"]["links"]["story"].startswith("http://127.0.0.1:8000/stories/")
    assert {a["outlet"] for a in story["evidence"]["articles"]} == {"Northern Wire", "Eastern Herald"}
    lines = (tmp_path / "fired.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["key"] for line in lines] == [
        r["key"] for r in sorted(received, key=lambda r: r["fired_at"])
    ]
    assert len(stdout.getvalue().splitlines()) == 2
