"""The canonical example: the two seed pages about Wang Yi and Sergei Lavrov in Moscow, May 2017."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.config import Config
from eventwire.engines.local import run_local
from eventwire.store import Store, queries

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
        return queries.events(store)


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
