"""Quotes by people the actor dictionary does not know, on an article written for this test."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coding import code_text

pytestmark = pytest.mark.slow

ARTICLE = """\
Farmers block roads in Lyon over fuel prices

Thousands of farmers blocked roads around Lyon on Monday to protest against rising fuel prices.

"We cannot live like this any more," said Pierre-Alain Dumoulin, a dairy farmer from the Rhone \
valley who has joined every blockade since September.

Dumoulin, 54, said the movement would continue. "They have left us no choice," he added.

Agnes Varenne, spokeswoman for the regional farmers' union, told reporters the union had asked for \
a meeting with the prefect. "We are ready to talk tomorrow," Varenne said.

"Nobody wants to see tractors on the motorway," according to Lyon's deputy mayor, Karim Benali.
"""


@pytest.fixture(scope="module")
def quotes():
    return code_text(ARTICLE, published=date(2024, 2, 5)).quotes


def test_unknown_speaker_keeps_the_full_name_the_article_gave(quotes):
    speakers = {q.text.strip('“”",'): q.speaker for q in quotes}
    assert speakers["We cannot live like this any more"] == "Pierre-Alain Dumoulin"


def test_surname_and_pronoun_later_stand_for_the_full_name(quotes):
    speakers = {q.text.strip('“”",'): q.speaker for q in quotes}
    assert speakers["They have left us no choice"] == "Pierre-Alain Dumoulin"
    # The small model tags "Varenne" as a work of art: the name the article introduced wins.
    assert speakers["We are ready to talk tomorrow"] == "Agnes Varenne"


def test_place_in_the_phrase_does_not_speak_for_a_named_person(quotes):
    speakers = {q.text.strip('“”",'): q.speaker for q in quotes}
    assert speakers["Nobody wants to see tractors on the motorway"] == "Karim Benali"
