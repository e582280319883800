"""States whose names hold another state's name, and a person "of" a state, through the real
pipeline with sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coding import code_text
from eventwire.pipeline import Pipeline

pytestmark = pytest.mark.slow

DAY = date(2025, 2, 3)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _sides(text: str, pipeline: Pipeline) -> set[tuple[str, str | None, str | None]]:
    events = code_text(text, published=DAY, pipeline=pipeline).events
    return {(e.type, e.source.country, e.target.country) for e in events}


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        ("Papua New Guinean police arrested two Australian reporters.", ("COERCE", "PNG", "AUS"), "GIN"),
        ("Equatorial Guinea's army clashed with rebels from Cameroon.", ("ASSAULT", "GNQ", "CMR"), "GIN"),
        ("Officials of the Central African Republic met Chadian envoys.", ("CONSULT", "CAF", "TCD"), None),
        ("Envoys of the People's Republic of China met Cuban officials.", ("CONSULT", "CHN", "CUB"), "TWN"),
    ],
)
def test_a_state_name_inside_a_longer_one_is_not_that_state(pipeline, text, expected, wrong):
    sides = _sides(text, pipeline)
    assert expected in sides
    assert wrong is None or all(wrong not in (s, t) for _, s, t in sides)


def test_a_named_office_holder_of_a_state_belongs_to_it(pipeline):
    sides = _sides("Prime Minister Kalani Moana of Papua New Guinea met Fiji's leader on Monday.", pipeline)
    assert ("CONSULT", "PNG", "FJI") in sides


def test_a_police_body_of_a_long_state_name_is_named_once(pipeline):
    text = "Papua New Guinean police arrested two Australian reporters."
    events = code_text(text, published=DAY, pipeline=pipeline).events
    assert [e.source.name for e in events if e.type == "COERCE"] == ["Papua New Guinean Police"]


@pytest.mark.parametrize(
    "text",
    [
        "Boko Haram fighters attacked a fishing village on the shores of Lake Chad on Sunday.",
        "ISWAP fighters raided a market on an island in Lake Chad.",
    ],
)
def test_a_lake_named_after_a_state_is_not_the_state(pipeline, text):
    assert all("TCD" not in (s, t) for _, s, t in _sides(text, pipeline))


def test_the_state_itself_is_still_the_state(pipeline):
    assert ("ACCUSE", "TCD", "SDN") in _sides("Chad accused Sudan of arming the rebels.", pipeline)
