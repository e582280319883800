"""Generic actors, titles and pronouns as the coder resolves them, on sentences written here."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coding import code_text
from eventwire.pipeline import Pipeline

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _events(text: str, pipeline: Pipeline):
    return code_text(text, published=date(2024, 5, 6), pipeline=pipeline).events


def test_group_people_take_the_sector_of_their_group(pipeline):
    events = _events("Rebel fighters ambushed an army convoy in northern Mali on Monday.", pipeline)
    assert [(e.source.country, e.source.sector) for e in events] == [("MLI", "REB")]


def test_title_in_a_body_that_is_not_a_state_is_no_state_office(pipeline):
    text = (
        "Maria Lopez, the president of the National Farmers Association, met Spanish Agriculture "
        "Minister Luis Planas in Madrid on Monday.\n\nThe president urged Spain to cut fuel taxes."
    )
    events = _events(text, pipeline)
    # "the president" is not Spain's head of state, nor a government official.
    assert all(e.source.sector != "GOV" or e.source.name != "Maria Lopez" for e in events)
    assert not [e for e in events if e.type == "REQUEST" and e.source.kind == "state"]


def test_pronoun_does_not_reach_across_unrelated_paragraphs(pipeline):
    text = (
        "Chinese Foreign Minister Wang Yi visited Moscow on Monday.\n\n"
        "Oil prices rose on Tuesday.\n\nTraders said supplies were tight.\n\n"
        "Markets in Asia were calm.\n\nShe urged Japan to lift its export ban."
    )
    assert [e for e in _events(text, pipeline) if e.type == "REQUEST"] == []


def test_acronym_is_no_persons_surname(pipeline):
    events = _events("U.N. helicopters evacuated wounded civilians from the town on Friday.", pipeline)
    assert all(e.source.kind != "person" for e in events)
