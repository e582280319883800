"""Load the cue patterns of the scraped-text line classifier from its data files.

The patterns live in `eventwire/data/extract/scraped_cues.toml` (one table per furniture
kind) and the function-word list in `stopwords.toml`; this module compiles them once.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from eventwire.datafiles import data_toml

__all__ = ["Cues", "KindCues", "load_cues", "reads_as_sentence", "uncased"]

# Defaults for a kind's length limits (see the data file's header).
DEFAULT_START_MAX_WORDS = 80
DEFAULT_ANYWHERE_MAX_WORDS = 12

# Full stops of Latin, CJK, Devanagari, Arabic and Ethiopic scripts, then closing quotes.
_SENTENCE_END = re.compile(r"[.!?。！？।؟።…][\"'”’»」』)\]]*$")
# A letter of a script without letter case (CJK, Arabic, Hebrew, Thai, Indic): its lines
# have no lower-case words to tell sentences from headlines.
_UNCASED = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff]")
# A line ending in a colon introduces a quote or a list when it is this long ("The minister
# issued the following statement:"); shorter ones are labels ("Share this:").
COLON_SENTENCE_MIN_WORDS = 4


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def uncased(text: str) -> bool:
    """Whether the line is mostly in a script without letter case (CJK, Arabic, Thai...)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if _UNCASED.match(c)) * 2 > len(letters)


def reads_as_sentence(text: str) -> bool:
    """A line that ends like a sentence and has lower-case words in it (or no letter case)."""
    words = text.split()
    ends = bool(_SENTENCE_END.search(text)) or (text.endswith(":") and len(words) >= COLON_SENTENCE_MIN_WORDS)
    return ends and (any(w[:1].islower() for w in words[1:]) or uncased(text))


@dataclass(frozen=True, slots=True)
class KindCues:
    """The compiled patterns of one furniture kind."""

    kind: str
    whole: re.Pattern[str] | None
    start: re.Pattern[str] | None
    anywhere: re.Pattern[str] | None
    fragment: re.Pattern[str] | None
    start_max_words: int
    anywhere_max_words: int
    start_in_sentences: bool

    def matches(self, text: str, words: int, sentence: bool) -> bool:
        """Whether `text` (whitespace collapsed, `words` long) is a line of this kind."""
        if self.whole and self.whole.fullmatch(text):
            return True
        if (
            self.start
            and words <= self.start_max_words
            and (self.start_in_sentences or not sentence)
            and self.start.match(text)
        ):
            return True
        if words > self.anywhere_max_words:
            return False
        if self.anywhere and self.anywhere.search(text):
            return True
        return bool(self.fragment and not sentence and self.fragment.search(text))

    @classmethod
    def from_table(cls, kind: str, table: dict[str, Any]) -> KindCues:
        return cls(
            kind=kind,
            whole=_alternation(table.get("whole", [])),
            start=_alternation(table.get("start", [])),
            anywhere=_alternation(table.get("anywhere", [])),
            fragment=_alternation(table.get("fragment", [])),
            start_max_words=int(table.get("start_max_words", DEFAULT_START_MAX_WORDS)),
            anywhere_max_words=int(table.get("anywhere_max_words", DEFAULT_ANYWHERE_MAX_WORDS)),
            start_in_sentences=bool(table.get("start_in_sentences", True)),
        )


@dataclass(frozen=True, slots=True)
class Cues:
    """Everything the line classifier knows about page furniture, from data files."""

    kinds: tuple[KindCues, ...]
    """Furniture kinds in the order they are tried."""
    caption: KindCues
    closing: frozenset[str]
    """Kinds that end the article (comment sections, copyright footers)."""
    lists: frozenset[str]
    """Kinds that head a list of links ("Related stories")."""
    social_words: frozenset[str]
    separators: tuple[str, ...]
    stopwords: frozenset[str]

    def match(self, text: str) -> str | None:
        """The first furniture kind whose cue matches the normalised line `text`, or None."""
        words = len(text.split())
        sentence = reads_as_sentence(text)
        for kind in self.kinds:
            if kind.matches(text, words, sentence):
                return kind.kind
        return None

    def is_caption(self, text: str) -> bool:
        """Whether the line carries a photo-caption or photo-credit cue."""
        return self.caption.matches(text, len(text.split()), reads_as_sentence(text))


def _read_toml(name: str) -> dict[str, Any]:
    return data_toml("extract", name)


def _build(data: dict[str, Any], stopwords: list[str]) -> Cues:
    sections = data["sections"]
    return Cues(
        kinds=tuple(KindCues.from_table(kind, data[kind]) for kind in sections["order"]),
        caption=KindCues.from_table("caption", data["caption"]),
        closing=frozenset(sections["closing"]),
        lists=frozenset(sections["lists"]),
        social_words=frozenset(data["social"]["words"]),
        separators=tuple(data["breadcrumb"]["separators"]),
        stopwords=frozenset(stopwords),
    )


@cache
def _default_cues() -> Cues:
    return _build(_read_toml("scraped_cues.toml"), _read_toml("stopwords.toml")["words"])


def load_cues(path: Path | None = None) -> Cues:
    """The classifier's cues: the packaged ones, or those of a user's file in the same format.

    Args:
        path: a TOML file shaped like `eventwire/data/extract/scraped_cues.toml`; None for
            the packaged file.

    Returns:
        The compiled cues (the packaged ones are compiled once and shared).
    """
    if path is None:
        return _default_cues()
    stopwords = _read_toml("stopwords.toml")["words"]
    return _build(tomllib.loads(path.read_text(encoding="utf-8")), stopwords)
