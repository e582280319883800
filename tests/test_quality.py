"""Quality is guarded like behaviour: dev-set scores from the project's scorer stay above floors."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from eventwire.config import Config
from eventwire.evaluation import EvalResult, default_scorer, evaluate
from eventwire.evaluation.places import PlaceScores, load_labels, score_places, summary

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
PLOVER = ROOT.parent / "shared" / "eval" / "plover-dev"
SCRAPED_DEV = ROOT.parent / "shared" / "eval" / "scraped-dev"
FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (DEV.is_dir() and (DEV.parent / "score.py").is_file()),
        reason="../shared/eval (gold files and score.py) is not beside this checkout",
    ),
]


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory) -> EvalResult:
    result = evaluate(DEV, Config(workers=2), workdir=tmp_path_factory.mktemp("eval"))
    print(result.table)
    return result


@pytest.fixture(scope="module")
def scores(evaluated: EvalResult) -> dict:
    return evaluated.scores


@pytest.fixture(scope="module")
def places(evaluated: EvalResult) -> PlaceScores:
    labels = load_labels(ROOT / "tests" / "data" / "geo" / "dev_places.tsv")
    result = score_places(DEV, evaluated.predictions, labels, default_scorer(DEV))
    print(summary(result))
    return result


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


def _eval_scraped() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_scraped", ROOT / "scripts" / "eval_scraped.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scraped_scores() -> dict:
    module = _eval_scraped()
    if not module.available(SCRAPED_DEV):
        pytest.skip(
            "../shared/eval/scraped-dev (pages, ground-truth.json, score.py) is not beside this checkout"
        )
    return module.evaluate(SCRAPED_DEV)


def test_quality_scraped_dev_f1_above_floor(scraped_scores):
    assert scraped_scores["f1"] >= FLOORS["scraped_dev_f1"], scraped_scores


def test_quality_scraped_dev_precision_above_floor(scraped_scores):
    assert scraped_scores["precision"] >= FLOORS["scraped_dev_precision"], scraped_scores


def test_quality_geocoded_country_above_floor(places: PlaceScores):
    assert places.events >= 40, places  # the dev set's matched events with a gold place
    assert places.country_accuracy >= FLOORS["place_country_accuracy"], places.misses


def test_quality_geocoded_city_above_floor(places: PlaceScores):
    assert places.city_accuracy >= FLOORS["place_city_accuracy"], places.misses
