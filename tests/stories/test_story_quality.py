"""Story quality is guarded like behaviour: scores on the labelled tuning set stay above floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.config import Config
from eventwire.evaluation.stories import score_labelled_set

ROOT = Path(__file__).resolve().parents[2]
TUNE = ROOT / "tests" / "data" / "stories" / "tune"
FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scores():
    result = score_labelled_set(TUNE, Config(workers=1))
    print(json.dumps(result.as_dict()))
    return result


def test_story_bcubed_f1_above_floor(scores):
    assert scores.stories.f1 >= FLOORS["story_bcubed_f1"], scores.as_dict()


def test_copy_links_above_floor(scores):
    assert scores.copies.f1 >= FLOORS["copy_link_f1"], scores.as_dict()


def test_report_linkage_above_floors(scores):
    assert scores.report_linkage.precision >= FLOORS["report_linkage_precision"], scores.as_dict()
    assert scores.report_linkage.recall >= FLOORS["report_linkage_recall"], scores.as_dict()


def test_every_article_has_a_story_or_an_original(scores):
    assert scores.articles == 100
    assert scores.predicted_stories >= scores.gold_stories - 3
