"""A speaker name the parser misreads right after the closing mark, on a parse built by hand
(the small model reads some unknown surnames as adverbs: '"...," Okonkwo-Eze told reporters')."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from eventwire.quotes.attribution import find_attribution

WORDS = ['"', "We", "will", "wait", ",", '"', "Abiodun", "told", "reporters", "."]
HEADS = [7, 3, 3, 7, 7, 7, 7, 7, 7, 7]
DEPS = ["punct", "nsubj", "aux", "ccomp", "punct", "punct", "advmod", "ROOT", "dobj", "punct"]
POS = ["PUNCT", "PRON", "AUX", "VERB", "PUNCT", "PUNCT", "ADV", "VERB", "NOUN", "PUNCT"]
LEMMAS = ['"', "we", "will", "wait", ",", '"', "abiodun", "tell", "reporter", "."]


def test_a_capitalised_word_after_the_marks_is_the_subject_the_parser_missed():
    doc = Doc(spacy.blank("en").vocab, words=WORDS, heads=HEADS, deps=DEPS, pos=POS, lemmas=LEMMAS)
    found = find_attribution(doc, set(range(6)))
    assert found is not None and found.mention.text == "Abiodun"
