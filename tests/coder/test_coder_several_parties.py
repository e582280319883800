"""Acts of several parties at once (coordinated subjects, joint bodies, "both sides"), and domestic
bodies named without their country: sentences written for these tests (none comes from an
evaluation set), real spaCy parsing through the real pipeline."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coding import code_text
from eventwire.pipeline import Pipeline

pytestmark = pytest.mark.slow

DAY = date(2024, 3, 11)
Key = tuple[str, str | None, str | None]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _keys(text: str, pipeline: Pipeline) -> set[Key]:
    """(type, source country or name, target country or name) of every event."""
    events = code_text(text, published=DAY, pipeline=pipeline).events
    return {(e.type, e.source.country or e.source.name, e.target.country or e.target.name) for e in events}


@pytest.mark.parametrize(
    "text",
    [
        "Armenia and Azerbaijan exchanged fire near the border on Sunday.",
        "Armenian and Azerbaijani border troops exchanged fire on Sunday.",
    ],
)
def test_coordinated_subjects_exchanging_fire_assault_each_other(pipeline, text):
    keys = _keys(text, pipeline)
    assert {("ASSAULT", "ARM", "AZE"), ("ASSAULT", "AZE", "ARM")} <= keys


def test_exchanging_envoys_is_no_assault(pipeline):
    keys = _keys("Sweden and Denmark exchanged ambassadors on Friday.", pipeline)
    assert not {k for k in keys if k[0] == "ASSAULT"}


@pytest.mark.parametrize(
    "text",
    [
        "Swedish and Danish prosecutors have set up a joint investigation team.",
        "Swedish and Danish police opened a joint investigation into the sabotage.",
    ],
)
def test_a_joint_team_of_two_states_bodies_is_cooperation(pipeline, text):
    keys = _keys(text, pipeline)
    assert {("COOPERATE", "SWE", "DNK"), ("COOPERATE", "DNK", "SWE")} <= keys


def test_one_states_own_investigation_is_no_cooperation(pipeline):
    keys = _keys("Swedish police opened an investigation into the sabotage.", pipeline)
    assert not {k for k in keys if k[0] == "COOPERATE"}
