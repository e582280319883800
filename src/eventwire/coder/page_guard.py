"""Pages and sentences that hold no political event: sports, show business, markets, weather.

A sports report is full of event verbs ("attacked", "fired a shot at", "beat", "fought"), and a
dictionary coder reads them as assaults unless it knows what kind of page it is on. Two sources of
cues are read from data files:

- `data/code/page_cues.tsv`, written for eventwire: words of sports play, show business, market
  results and weather, each for a whole page or for its own sentence;
- `data/code/discards.tsv`, converted from PETRARCH's discard list: leagues, tournaments, stars,
  outbreaks, festivals; a `page` phrase rules out the whole page, a `sentence` phrase its sentence.

A page is of a kind (and gives no events) when its distinct cues of that kind weigh at least
`PAGE_CUE_MIN` (a cue in the title and a page-level discard phrase weigh more); on a markets page,
and on any other, a sentence with a cue of sentence scope gives none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventwire.datafiles import data_rows

PAGE_CUE_MIN = 3
"""Distinct cues of one kind that make a page that kind (one or two appear in political news)."""
TITLE_CUE_MIN = 1
"""A title cue counts as this many more (a headline is what the page is about)."""
PAGE_DISCARD_WEIGHT = 2
"""What one of PETRARCH's page-level discard phrases counts for ("Champions League")."""
KEEP_SENTENCES_KINDS = frozenset({"markets"})
"""Kinds of page whose other sentences may still report politics ("shares fell after sanctions")."""


@dataclass(frozen=True, slots=True)
class _Cues:
    pattern: re.Pattern[str]
    """Every cue and discard phrase, as whole words."""
    kinds: dict[str, str]
    """cue -> kind ("discard" for discard phrases)."""
    sentence_level: frozenset[str]
    page_level_discards: frozenset[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    kinds: dict[str, str] = {}
    sentence_level: set[str] = set()
    for cue, kind, scope in data_rows("code", "page_cues.tsv"):
        kinds[cue.lower()] = kind
        if scope == "sentence":
            sentence_level.add(cue.lower())
    page_discards: set[str] = set()
    for phrase, scope in data_rows("code", "discards.tsv"):
        phrase = phrase.lower()
        kinds.setdefault(phrase, "discard")
        (page_discards if scope == "page" else sentence_level).add(phrase)
    alternatives = sorted(kinds, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w-])")
    return _Cues(pattern, kinds, frozenset(sentence_level), frozenset(page_discards))


def _found(text: str) -> set[str]:
    return set(_cues().pattern.findall(text.lower()))


@dataclass(slots=True)
class PageGuard:
    """What one page is, and which of its sentences to leave alone."""

    kind: str | None
    """"sports", "entertainment", "markets", "weather" or None for a political page."""
    reason: str = ""

    @classmethod
    def of(cls, text: str, title: str | None = None) -> PageGuard:
        cues = _cues()
        found = _found(text)
        title_found = _found(title) if title else set()
        by_kind: dict[str, set[str]] = {}
        for cue in found | title_found:
            kind = cues.kinds[cue]
            if kind != "discard" or cue in cues.page_level_discards:
                by_kind.setdefault("sports" if kind == "discard" else kind, set()).add(cue)
        best: tuple[int, str] | None = None
        for kind, kind_cues in by_kind.items():
            # A league, tournament or sports star (PETRARCH's page-level discards) weighs more.
            weight = len(kind_cues) + TITLE_CUE_MIN * len(kind_cues & title_found)
            weight += (PAGE_DISCARD_WEIGHT - 1) * len(kind_cues & cues.page_level_discards)
            if weight >= PAGE_CUE_MIN and (best is None or weight > best[0]):
                best = (weight, kind)
        if best is None:
            return cls(None)
        kind = best[1]
        return cls(kind, f"{kind} page: " + ", ".join(sorted(by_kind[kind])[:5]))

    @property
    def codes_nothing(self) -> bool:
        return self.kind is not None and self.kind not in KEEP_SENTENCES_KINDS

    def skips(self, sentence: str) -> str | None:
        """Why this sentence gives no events, or None."""
        if self.codes_nothing:
            return self.reason
        ruled_out = sorted(_found(sentence) & _cues().sentence_level)
        return f"sentence names '{ruled_out[0]}'" if ruled_out else None
