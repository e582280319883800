"""Quality is guarded like behaviour: dev-set scores from the project's scorer stay above floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.config import Config
from eventwire.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
PLOVER = ROOT.parent / "shared" / "eval" / "plover-dev"
FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (DEV.is_dir() and (DEV.parent / "score.py").is_file()),
        reason="../shared/eval (gold files and score.py) is not beside this checkout",
    ),
]


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict:
    result = evaluate(DEV, Config(workers=2), workdir=tmp_path_factory.mktemp("eval"))
    print(result.table)
    return result.scores


def test_quality_event_f1_above_floor(scores):
    assert scores["f1"] >= FLOORS["event_f1"], scores


def test_quality_event_precision_above_floor(scores):
    assert scores["precision"] >= FLOORS["event_precision"], scores


def test_quality_date_accuracy_above_floor(scores):
    assert scores["date_accuracy"] >= FLOORS["date_accuracy"], scores


def test_quality_quote_f1_above_floor(scores):
    assert scores["quotes"]["f1"] >= FLOORS["quote_f1"], scores["quotes"]


def test_quality_location_accuracy_above_floor(scores):
    assert scores["location_accuracy"] >= FLOORS["location_accuracy"], scores


@pytest.fixture(scope="module")
def plover_scores(tmp_path_factory) -> dict:
    if not PLOVER.is_dir():
        pytest.skip("../shared/eval/plover-dev is not beside this checkout")
    result = evaluate(PLOVER, Config(workers=2), workdir=tmp_path_factory.mktemp("plover"))
    print(result.table)
    return result.scores


def test_quality_plover_event_f1_above_floor(plover_scores):
    assert plover_scores["f1"] >= FLOORS["plover_event_f1"], plover_scores


def test_quality_plover_event_precision_above_floor(plover_scores):
    assert plover_scores["precision"] >= FLOORS["plover_event_precision"], plover_scores

