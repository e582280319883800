"""A cheap test, before parsing, of whether a sentence can name an actor at all.

An event needs a source and a target; a sentence that names no one (no capitalised word after its
first, no sector word, demonym or title, no personal pronoun) cannot give one, however many event
verbs it holds ("The currency has lost 2 percent of its value this year"). The annotator parses
only sentences that name as many possible actors as the pattern book asks for (one for a
hand-written pattern, two for the CAMEO dictionary alone).
"""

from __future__ import annotations

import re

from eventwire.actors.dictionary import ActorDictionary
from eventwire.actors.resolver import GROUP_NOUNS_PEOPLE, GROUP_NOUNS_STATES, GROUP_SIZES

# A run of capitalised words that does not open the sentence: a name, most likely.
_NAME_RUN = re.compile(r"(?<=[\s(“\"'‘-])[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+|al-|bin\s+)?[A-Z][\w'’.-]*)*")
PRONOUNS = frozenset({"he", "she", "they", "we", "it", "his", "her", "their", "its"})
CUE_KINDS = ("sector", "demonym", "title", "capital")


class ActorCues:
    """Words that can name an actor without a capital: "rebels", "the ministry", "protesters"."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        # Single words only: a phrase's parts ("of", "the") name no one by themselves.
        self.words = frozenset(
            s.lower() for s, kind in dictionary.names() if kind in CUE_KINDS and " " not in s
        ) | PRONOUNS

    def __call__(self, sentence: str, words: set[str]) -> int:
        """How many actors the sentence could name, at most: its names (runs of capitalised
        words after the first) and its cue words."""
        names = len(_NAME_RUN.findall(sentence))
        # "Both countries have met since then": a counted group ("both sides", "the two
        # leaders") names several actors named before, with no capital or cue word of its own.
        group = 2 if words & GROUP_SIZES.keys() and words & (GROUP_NOUNS_PEOPLE | GROUP_NOUNS_STATES) else 0
        return names + len(self.words & words) + group
