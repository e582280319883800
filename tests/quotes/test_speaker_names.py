"""A speaker is the person as the article names them when the dictionary's person is not
certainly the same one, on articles written for this test (the real pipeline)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coding import code_text

pytestmark = pytest.mark.slow

ARTICLE = """\
Fishermen protest over port closure

Hundreds of fishermen marched through the harbour town on Monday to protest against the closure \
of the old port.

"The ministry has forgotten us," said Mariam Sisi, a net maker.

The port authority said the closure was temporary. "Repairs will take six weeks," the spokesman, \
Captain Idris Mahdi, told reporters.

"Anyone who fishes in the closed zone will be fined," port director Salma Nour said.
"""

SPELLINGS = """\
Talks on the front line

"We will not give up our land," Ukrainian President Volodymyr Zelenskiy said on Monday.

"We are ready to talk," Russian Foreign Minister Sergey Lavrov said.
"""


def _speakers(text: str) -> dict[str, str]:
    quotes = code_text(text, published=date(2024, 3, 12)).quotes
    return {q.text.strip('“”",.'): q.speaker for q in quotes}


@pytest.fixture(scope="module")
def speakers() -> dict[str, str]:
    return _speakers(ARTICLE)


def test_an_unknown_person_sharing_a_famous_surname_keeps_their_own_name(speakers):
    assert speakers["The ministry has forgotten us"] == "Mariam Sisi"


def test_a_title_speaks_under_the_name_apposed_to_it(speakers):
    assert speakers["Repairs will take six weeks"] == "Idris Mahdi"
    assert speakers["Anyone who fishes in the closed zone will be fined"] == "Salma Nour"


def test_the_articles_spelling_of_a_known_surname_is_kept():
    speakers = _speakers(SPELLINGS)
    assert speakers["We will not give up our land"] == "Volodymyr Zelenskiy"
    # A first name spelt another way is the same person under the dictionary's name.
    assert speakers["We are ready to talk"].endswith("Lavrov")
