"""A cheap test, before parsing, of whether a sentence can name an actor at all.

An event needs a source and a target; a sentence that names no one (no capitalised word after its
first, no sector word, demonym or title, no personal pronoun) cannot give one, however many event
verbs it holds ("The currency has lost 2 percent of its value this year"). The annotator parses
only sentences that pass this test and the pattern book's.
"""

from __future__ import annotations

import re

from eventwire.actors.dictionary import ActorDictionary

# A capitalised word that does not open the sentence: a name, most likely.
_INNER_CAPITAL = re.compile(r"[\s(“\"'‘-][A-Z][\w'’.-]")
PRONOUNS = frozenset({"he", "she", "they", "we", "it", "his", "her", "their", "its"})
CUE_KINDS = ("sector", "demonym", "title", "capital")


class ActorCues:
    """Words that can name an actor without a capital: "rebels", "the ministry", "protesters"."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.words = frozenset(
            w for surface, kind in dictionary.names() if kind in CUE_KINDS for w in surface.lower().split()
        ) | PRONOUNS

    def __call__(self, sentence: str, words: set[str]) -> bool:
        return bool(_INNER_CAPITAL.search(sentence)) or not self.words.isdisjoint(words)
