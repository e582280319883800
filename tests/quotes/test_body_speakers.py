"""A body speaks under the name its phrase gives it ("<demonym> <body>"), not as a bare sector or
its state, on an article written for this test (the real pipeline)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coding import code_text

pytestmark = pytest.mark.slow

ARTICLE = """\
Floods in Kenya

NAIROBI - Heavy rain flooded parts of Nairobi on Monday.

The interior ministry said 40 people had been evacuated for "their own safety". Ministry \
spokesman Paul Otieno said more rain was expected.

Kenya's National Disaster Council on Tuesday called the response "too slow" and asked for more \
funds.

A spokesman for Kenya's health ministry said clinics had stayed open to treat "hundreds of \
cases" of cholera.
"""


@pytest.fixture(scope="module")
def speakers() -> dict[str, str]:
    quotes = code_text(ARTICLE, published=date(2024, 4, 22)).quotes
    return {q.text.strip('“”",.'): q.speaker for q in quotes}


def test_a_ministry_named_by_its_portfolio_keeps_it(speakers):
    assert speakers["their own safety"] == "Kenyan Interior Ministry"


def test_a_states_named_body_is_not_the_state(speakers):
    assert speakers["too slow"] == "Kenyan National Disaster Council"


def test_an_unnamed_spokesman_speaks_as_the_body_his_phrase_names(speakers):
    assert speakers["hundreds of cases"] == "Kenyan Health Ministry"
