"""Categories of wire sentence the coder reads, each with sentences written for these tests (none
comes from an evaluation set): real spaCy parsing through the real pipeline."""

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


def test_bare_preposition_reading_stays_with_its_own_verb(pipeline):
    # The dictionary's "head for" (a journey) is no reading of "controls ... for".
    keys = _keys(
        "Kenya imposed sanctions on the militia that controls Somalia for its backing of pirates.", pipeline
    )
    assert not {k for k in keys if k[0] == "CONSULT"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rebels in Chad on Monday dismissed an appeal from President Mahamat Deby to disarm.",
            ("REJECT", "TCD", "TCD"),
        ),
        (
            "Kenya's opposition turned down an offer from the Kenyan government on Tuesday.",
            ("REJECT", "KEN", "KEN"),
        ),
    ],
)
def test_dismissing_an_appeal_or_offer_rejects_its_author(pipeline, text, expected):
    keys = _keys(text, pipeline)
    assert expected in keys
    assert not {k for k in keys if k[0] == "ACCUSE"}


def test_mediation_runs_between_the_mediator_and_each_party_only(pipeline):
    keys = _keys("Oman launched a mediation effort between Egypt and Ethiopia on Sunday.", pipeline)
    assert {("CONSULT", "OMN", "EGY"), ("CONSULT", "EGY", "OMN"), ("CONSULT", "OMN", "ETH")} <= keys
    assert ("CONSULT", "EGY", "ETH") not in keys


def test_a_blockade_protests_when_civilians_make_it_and_restricts_when_forces_do(pipeline):
    protest = _keys("Chilean farmers said they would blockade Santiago from Monday.", pipeline)
    assert ("THREATEN", "CHL", "CHL") in protest
    forces = _keys("The Turkish navy blockaded the Cypriot port on Friday.", pipeline)
    assert not {k for k in forces if k[0] == "PROTEST"}
