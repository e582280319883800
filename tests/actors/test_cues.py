"""The cheap pre-parse test of how many actors a sentence could name, and what it selects."""

from __future__ import annotations

import re

import pytest

from eventwire.actors import ActorDictionary
from eventwire.actors.cues import ActorCues
from eventwire.coder.patterns import PatternBook

WORD = re.compile(r"[a-z]+")


@pytest.fixture(scope="module")
def cues() -> ActorCues:
    return ActorCues(ActorDictionary.load())


def _count(cues: ActorCues, sentence: str) -> int:
    return cues(sentence, set(WORD.findall(sentence.lower())))


def test_cues_count_names_sector_words_and_pronouns(cues):
    assert _count(cues, "The currency lost 2 percent of its value against the dollar.") == 1  # "its"
    assert _count(cues, "The region produced 2,009 tonnes of cocoa last season.") == 0
    assert _count(cues, "Rebels attacked the army near Goma.") >= 3


def test_cues_ignore_the_function_words_of_multi_word_titles(cues):
    assert _count(cues, "Most of the cargo goes by sea in the winter.") == 0


def test_pattern_book_asks_more_of_a_sentence_only_the_dictionary_could_code():
    book = PatternBook.load()
    assert book.actors_needed({"met", "the", "minister"}) == 1  # a hand-written pattern
    assert book.actors_needed({"officials", "tortured", "detainees"}) == 2  # the dictionary only
    assert book.actors_needed({"the", "sky", "was", "blue"}) is None
