"""Which verb attributes a quotation when the parse runs sentences together or misreads a name,
on an article written for this test (the real pipeline)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coding import code_text

pytestmark = pytest.mark.slow

ARTICLE = """\
Port strike spreads along the coast

Dockworkers at three ports stopped work on Tuesday, the transport ministry said, as talks over \
pay broke down for a second time.

In a statement on Tuesday, union spokesman Tomasz Wierzbicki said the rally had been banned and \
accused its organisers of "trying to sow disorder in the ports". He gave no figures.

Harbour officials said the backlog had reached its highest level in a decade. "We have waited \
eleven months for an answer," harbour master Ewa Nowak said.

"We have waited long enough," Wierzbicki said. "Nobody can accuse us of haste."

"We came here to negotiate, not to be insulted," Kowalczyk told reporters on her way out of the \
meeting.
"""


@pytest.fixture(scope="module")
def speakers() -> dict[str, str]:
    quotes = code_text(ARTICLE, published=date(2024, 3, 12)).quotes
    return {q.text.strip('“”",.'): q.speaker for q in quotes}


def test_accused_of_partial_quote_takes_the_subject_of_the_reporting_verb(speakers):
    # "the rally had been banned": the reported clause's subject is not the speaker.
    assert speakers["trying to sow disorder in the ports"] == "Tomasz Wierzbicki"


def test_verb_of_the_previous_sentence_does_not_attribute_a_quotation(speakers):
    # The parser runs "Harbour officials said ..." and the quotation together.
    assert speakers["We have waited eleven months for an answer"] == "Ewa Nowak"


def test_quoted_sentence_ended_by_a_full_stop_keeps_its_speaker(speakers):
    assert speakers["Nobody can accuse us of haste"] == "Tomasz Wierzbicki"


def test_unknown_name_read_as_an_adverb_after_the_marks_is_the_speaker(speakers):
    assert speakers["We came here to negotiate, not to be insulted"] == "Kowalczyk"
