"""Alert rules over a store built by hand (records written with `Store.write_batch`, then the story
stage): each kind matches what it should, once, and only among what arrived since the last run."""

from __future__ import annotations

import io
import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from eventwire.engines.stories import update_stories
from eventwire.errors import EventwireError
from eventwire.records import Actor, Article, BatchResult, Event, Processed, RawDocument
from eventwire.store import Store
from eventwire.store.alerts import list_alerts
from eventwire.watch.alerts import AlertEngine, AlertPlan, load_alerts
from eventwire.watch.rules import parse_rule

CHN = Actor("China", "CHN", "GOV", "state")
RUS = Actor("Russia", "RUS", "GOV", "state")
UKR = Actor("Ukraine", "UKR", "GOV", "state")
REBELS = Actor("Northern rebels", "UKR", "REB", "sector")

WORDS = (
    "harbour",
    "treaty",
    "convoy",
    "ballot",
    "tariff",
    "summit",
    "border",
    "pipeline",
    "envoy",
    "grain",
    "militia",
    "courier",
    "bridge",
    "census",
    "drought",
    "ferry",
    "garrison",
    "ledger",
    "quarry",
    "relay",
)

# (type, CAMEO, Goldstein) of a cooperative and a conflict event.
CONSULT = ("CONSULT", "040", 1.0)
ACCUSE = ("ACCUSE", "112", -2.0)
ASSAULT = ("ASSAULT", "190", -10.0)


def _article(
    store: Store, n: int, day: date, events: list[tuple[Actor, tuple[str, str, float], Actor]]
) -> None:
    # Words of its own, so that the story stage does not take one report for a copy of another.
    words = " ".join(random.Random(n).choices(WORDS, k=60))
    text = f"Report number {n} on the events of {day}: {words}."
    raw = RawDocument(
        text=text, format="text", source=f"feed-{n}", doc_id=f"doc-{n}", outlet=f"Outlet {n % 3}"
    )
    article = Article(
        doc_id=f"doc-{n}",
        text=text,
        title=f"Report {n}",
        outlet=f"Outlet {n % 3}",
        published=day,
        hash=raw.hash,
    )
    coded = [
        Event(
            doc_id=f"doc-{n}",
            type=t,
            source=s,
            target=o,
            cameo=c,
            goldstein=g,
            date=day,
            evidence=f"sentence {n}",
        )
        for s, (t, c, g), o in events
    ]
    store.write_batch(BatchResult(processed=[Processed(document=raw, article=article, events=coded)]))


def _engine(*rules: dict[str, object]) -> tuple[AlertEngine, io.StringIO]:
    plan = AlertPlan(rules=tuple(parse_rule(dict(r), "rule", "test") for r in rules))
    out = io.StringIO()
    return AlertEngine(plan, stdout=out), out


def test_rules_event_rule_fires_once_per_consolidated_event(tmp_path: Path) -> None:
    engine, out = _engine({"name": "accusations", "kind": "event", "types": ["ACCUSE"], "countries": ["CHN"]})
    with Store(tmp_path / "a.duckdb") as store:
        day = date(2025, 3, 20)
        _article(store, 1, day, [(CHN, ACCUSE, RUS), (CHN, CONSULT, RUS)])
        _article(store, 2, day, [(CHN, ACCUSE, RUS)])  # another outlet reports the same accusation
        _article(store, 3, day, [(UKR, ACCUSE, RUS)])  # not China
        update_stories(store)
        first = engine.run(store)
        _article(store, 4, day + timedelta(days=1), [(RUS, ACCUSE, CHN)])  # the other way round
        update_stories(store)
        second = engine.run(store)
        third = engine.run(store)
        alerts = list_alerts(store)

    assert first.fired == 1 and first.delivered == 1
    assert second.fired == 1  # Russia accusing China is another event
    assert third.fired == 0 and third.delivered == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 2
    oldest = alerts[-1]
    assert oldest["evidence"]["events"] == 2  # both outlets' reports in one alert
    assert len(oldest["evidence"]["articles"]) == 2
    assert all(link.startswith("/events/") for link in oldest["evidence"]["links"]["events"])
    assert oldest["deliveries"] == [
        {
            "channel": "stdout",
            "status": "delivered",
            "attempts": 1,
            "last_error": None,
            "delivered_at": oldest["deliveries"][0]["delivered_at"],
        }
    ]


def test_rules_goldstein_fall_between_windows(tmp_path: Path) -> None:
    engine, _ = _engine(
        {
            "name": "cooling",
            "kind": "goldstein",
            "dyad": ["RUS", "CHN"],
            "window_days": 7,
            "fall": 3.0,
            "min_events": 2,
        }
    )
    # 1970-01-01 was a Thursday, so 7-day periods start on Thursdays; events two days apart stay
    # separate consolidated events (reports a day apart are one).
    start = date(2025, 3, 6)
    with Store(tmp_path / "g.duckdb") as store:
        for n in range(3):  # cooperation in the first week
            _article(store, n, start + timedelta(days=2 * n), [(CHN, CONSULT, RUS)])
        update_stories(store)
        quiet = engine.run(store)
        for n in range(3, 6):  # conflict the week after
            _article(store, n, start + timedelta(days=7 + 2 * (n - 3)), [(CHN, ASSAULT, RUS)])
        update_stories(store)
        fired = engine.run(store)
        again = engine.run(store)
        alert = list_alerts(store)[0]

    assert quiet.fired == 0 and fired.fired == 1 and again.fired == 0
    assert alert["evidence"]["dyad"] == ["CHN", "RUS"]
    assert alert["evidence"]["change"] <= -3.0
    assert alert["evidence"]["links"]["dyad"] == "/dyads/CHN/RUS"
    assert "fell" in alert["title"]


def test_rules_new_pair_with_conflict_events(tmp_path: Path) -> None:
    engine, _ = _engine({"name": "new-conflict", "kind": "new_pair", "by": "actor", "min_events": 1})
    day = date(2025, 4, 1)
    with Store(tmp_path / "p.duckdb") as store:
        _article(store, 1, day, [(CHN, CONSULT, RUS)])
        update_stories(store)
        first = engine.run(store)  # a pair, but no conflict
        _article(store, 2, day, [(CHN, ACCUSE, RUS)])  # conflict, but the pair was known
        _article(store, 3, day, [(REBELS, ASSAULT, UKR)])  # a new pair in conflict
        update_stories(store)
        second = engine.run(store)
        alerts = list_alerts(store)

    assert first.fired == 0
    assert second.fired == 1
    assert set(alerts[0]["evidence"]["names"]) == {"Northern rebels", "Ukraine"}


def test_rules_story_reaching_outlets(tmp_path: Path) -> None:
    engine, _ = _engine({"name": "wide", "kind": "story", "min_outlets": 2})
    with Store(tmp_path / "s.duckdb") as store:
        body = "Russia and China signed an agreement on gas supplies through a new pipeline across Mongolia."
        for n, outlet in enumerate(["Northern Wire", "Eastern Herald"]):
            text = f"{body} Filed by {outlet}."
            raw = RawDocument(text=text, format="text", source="feed", doc_id=f"gas-{n}", outlet=outlet)
            article = Article(
                doc_id=f"gas-{n}",
                text=text,
                title="Gas deal",
                outlet=outlet,
                published=date(2025, 3, 12),
                hash=raw.hash,
            )
            store.write_batch(BatchResult(processed=[Processed(document=raw, article=article)]))
            update_stories(store)
            engine.run(store)
        alerts = list_alerts(store)
    assert len(alerts) == 1
    assert alerts[0]["evidence"]["outlets"] == 2 and alerts[0]["evidence"]["links"]["story"].startswith(
        "/stories/"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[rule]]\nname = "x"\nkind = "event"\ntypes = ["ATTACK"]\n', "unknown PLOVER type"),
        ('[[rule]]\nname = "x"\nkind = "event"\n', "needs 'types', 'countries' or 'actors'"),
        ('[[rule]]\nname = "x"\nkind = "goldstein"\n', "one of 'fall' or 'rise'"),
        ('[[rule]]\nname = "x"\nkind = "weather"\n', "'kind' must be one of"),
        ('[[rule]]\nname = "x"\nkind = "story"\nmin_outlets = 0\n', "'min_outlets'"),
        ('[[rule]]\nname = "x"\nkind = "story"\n[[rule]]\nname = "x"\nkind = "story"\n', "share a name"),
        ('[deliver]\nwebhooks = ["ftp://x"]\n[[rule]]\nname = "x"\nkind = "story"\n', "'webhooks'"),
        ("", "no [[rule]]"),
    ],
)
def test_rules_file_errors_are_coded(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "alerts.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EventwireError) as caught:
        load_alerts(path)
    assert caught.value.code == "E812"
    assert message in str(caught.value)
