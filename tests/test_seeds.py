"""The canonical example: the two seed pages about Wang Yi and Sergei Lavrov in Moscow, May 2017."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.config import Config
from eventwire.engines.local import run_local
from eventwire.store import Store
from eventwire.store.events import event_rows

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout"),
]


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> list[dict]:
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    with Store(db) as store:
        run_local([SEEDS], Config(db=str(db), workers=1), store)
        return event_rows(store)


def _find(events, type_, source, target):
    return [
        e for e in events if e["type"] == type_ and e["source_name"] == source and e["target_name"] == target
    ]


def test_seeds_wang_lavrov_meeting_in_moscow_on_may_26(events):
    found = _find(events, "CONSULT", "Wang Yi", "Sergei Lavrov") + _find(
        events, "CONSULT", "Sergei Lavrov", "Wang Yi"
    )
    assert found
    assert any(e["date"] == date(2017, 5, 26) and e["location"] == "Moscow" for e in found)


def test_seeds_wang_putin_meeting_at_the_kremlin_on_may_25(events):
    found = _find(events, "CONSULT", "Wang Yi", "Vladimir Putin")
    assert found and found[0]["date"] == date(2017, 5, 25) and found[0]["location"] == "Kremlin"
    assert _find(events, "CONSULT", "Vladimir Putin", "Wang Yi")


def test_seeds_thaad_criticism_is_accuse_south_korea(events):
    found = [e for e in events if e["type"] == "ACCUSE" and e["target_country"] == "KOR"]
    assert found and "THAAD" in found[0]["evidence"]
    assert found[0]["source_country"] == "CHN"


def test_seeds_reader_comment_yields_nothing(events):
    assert not [e for e in events if "becouse" in e["evidence"] or "bully" in e["evidence"]]


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("seed-stories") / "seeds.duckdb"
    with Store(db) as store:
        run_local([SEEDS], Config(db=str(db), workers=1), store)
    return db


def test_seeds_are_one_story_from_two_outlets(seed_store):
    from eventwire.store.stories import list_stories

    with Store(seed_store, read_only=True) as store:
        stories = list_stories(store)
    assert len(stories) == 1
    assert len(stories[0]["articles"]) == 2
    assert len(stories[0]["outlets"]) == 2
    assert stories[0]["first_published"] == date(2017, 5, 27)


def test_seed_comparison_shows_what_each_outlet_carries(seed_store):
    from eventwire.reads.stories import compare_story
    from eventwire.store.stories import list_stories

    with Store(seed_store, read_only=True) as store:
        comparison = compare_story(store, list_stories(store)[0]["id"])
    assert comparison is not None
    news, embassy = sorted(comparison["outlets"], key=lambda o: "Embassy" in o["outlet"])
    assert "Embassy" in embassy["outlet"]

    def events(outlet, shared):
        return {(e["type"], e["source"], e["target"]) for e in outlet["events"] if e["shared"] is shared}

    # Both report the Wang Yi-Lavrov talks.
    assert ("CONSULT", "Wang Yi", "Sergei Lavrov") in events(news, True)
    assert ("CONSULT", "Wang Yi", "Sergei Lavrov") in events(embassy, True)
    # Only the news page reports the Putin meeting.
    assert ("CONSULT", "Wang Yi", "Vladimir Putin") in events(news, False)

    def passages(outlet):
        return " ".join(outlet["unique_passages"])

    def shared_passages(outlet):
        return " ".join(p["text"] for p in outlet["shared_passages"])

    # Both carry the THAAD opposition.
    assert "THAAD" in shared_passages(news)
    assert "Terminal High Altitude Area Defense" in shared_passages(embassy)
    # Only the news page: the Putin meeting, the Astana memorandum, the investment fund.
    for words in ("Putin", "Memorandum of De-Escalation", "investment fund"):
        assert words in passages(news)
        assert words not in passages(embassy)
    # Only the embassy page: the SCO and the Belt and Road-Eurasian Economic Union integration.
    for words in ("Shanghai Cooperation Organization", "Eurasia Economic Union"):
        assert words in passages(embassy)
        assert words not in passages(news)
