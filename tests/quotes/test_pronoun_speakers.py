"""Who "he" and "she" stand for: the text's gender cues rule out the wrong person, on an article
written for this test (the real pipeline)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coding import code_text

pytestmark = pytest.mark.slow

ARTICLE = """\
Neighbours sign river accord

Peruvian Energy Minister Pablo Ortega and Ecuador's Finance Minister Lucia Medina signed a river \
accord in Lima on Monday.

Ortega said his government wanted lower tolls on the river, a request that Medina turned down. \
"That door is shut," she told reporters.

Opposition leader Daniel Tembe was not present.

Police spokesman Carlos Mabunda said officers had fired warning shots near the market.

Tembe, who left the country in May after two of his aides were arrested, called on his \
supporters on Wednesday to keep marching. "We will not go home," he said.
"""


@pytest.fixture(scope="module")
def speakers() -> dict[str, str]:
    quotes = code_text(ARTICLE, published=date(2024, 3, 12)).quotes
    return {q.text.strip('“”",.'): q.speaker for q in quotes}


def test_she_skips_the_nearer_subject_the_text_calls_he(speakers):
    # "Ortega said his government": Ortega is a man, so "she" is Medina.
    assert speakers["That door is shut"] == "Lucia Medina"


def test_he_is_the_subject_of_the_sentence_before_not_an_earlier_spokesman(speakers):
    assert speakers["We will not go home"] == "Daniel Tembe"
