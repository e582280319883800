"""Per-line features of scraped page text: what a line looks like, before context.

Prose lines are long, full of function words and end like sentences; page furniture is
short, capitalised, made of link words or matched by a cue pattern from the data file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.extract._scraped_cues import Cues, load_cues, reads_as_sentence

__all__ = ["LineFeatures", "is_prose", "line_features", "normalise_line"]

# A line this long with enough function words is prose whatever its ending.
PROSE_MIN_WORDS = 12
PROSE_MIN_STOPWORDS = 0.15
# A shorter line is prose when it also ends like a sentence.
SENTENCE_PROSE_MIN_WORDS = 7
SENTENCE_PROSE_MIN_STOPWORDS = 0.1
# Headlines: a few words, no final period, not a sentence of function words.
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 30
HEADLINE_MAX_STOPWORDS = 0.5
# Breadcrumb items and link-row items are this short.
CRUMB_MAX_WORDS = 4
CRUMB_LINE_MAX_WORDS = 14
# A list item or a clause ending in ";" or "," is part of a paragraph when this long.
CLAUSE_MIN_WORDS = 4
# Share of social-network words that makes a line a share row.
SHARE_ROW_MIN_SHARE = 0.6

_SPACES = re.compile(r"\s+")
# Menus flattened onto one line keep their items apart with runs of spaces.
_WIDE_GAP = re.compile(r"(?<=\S)[ \t\u00a0]{2,}(?=\S)")
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
_LIST_ITEM = re.compile(r"^([•·▪‣◦*–-]|\d{1,2}[.)])\s")
_HEADLINE_START = re.compile(r"^[\"'“‘(\[]?[A-Z0-9À-Ý]")


def normalise_line(line: str) -> str:
    """The line with no-break and other spaces collapsed to single spaces, stripped."""
    return _SPACES.sub(" ", line).strip()


@dataclass(slots=True)
class LineFeatures:
    """What one page line looks like on its own."""

    text: str
    """The normalised line."""
    words: int
    stop_share: float
    """Share of words that are English function words."""
    sentence: bool
    """Ends like a sentence and has lower-case words."""
    clause: bool
    """A list item or a clause cut at ";" or ",": part of a paragraph, if not a sentence."""
    prose: bool
    """Long or sentence-like with enough function words: a paragraph candidate."""
    headline: bool
    """Could be a title or subheading: a few words, no final period."""
    cue: str | None
    """The furniture kind a cue pattern names, if any."""
    caption: bool
    """Carries a photo-caption or photo-credit cue."""

    @property
    def blank(self) -> bool:
        return not self.text


def _is_breadcrumb(text: str, cues: Cues) -> bool:
    """Short items joined by separators: "Home > China News", "Privacy | Terms"."""
    if len(text.split()) > CRUMB_LINE_MAX_WORDS:
        return False
    for separator in cues.separators:
        parts = [p.strip() for p in text.split(separator)]
        if len(parts) >= 2 and all(0 < len(p.split()) <= CRUMB_MAX_WORDS for p in parts):
            return True
    return False


def _is_spaced_menu(line: str) -> bool:
    """Short items kept apart by runs of spaces: "News   Politics   World"."""
    parts = _WIDE_GAP.split(line.strip())
    return len(parts) >= 2 and all(0 < len(p.split()) <= CRUMB_MAX_WORDS for p in parts)


def _is_share_row(tokens: list[str], cues: Cues) -> bool:
    if not tokens:
        return False
    social = sum(1 for t in tokens if t.lower() in cues.social_words)
    return social / len(tokens) >= SHARE_ROW_MIN_SHARE


def line_features(line: str, cues: Cues | None = None) -> LineFeatures:
    """Measure one line.

    Args:
        line: the raw page line.
        cues: the classifier's cues; the packaged ones when None.

    Returns:
        The line's features; `cue` is already resolved to a kind ("share", "nav", ...).
    """
    cues = cues or load_cues()
    text = normalise_line(line)
    tokens = _WORD.findall(text)
    words = len(text.split())
    stop_share = sum(1 for t in tokens if t.lower() in cues.stopwords) / len(tokens) if tokens else 0.0
    sentence = reads_as_sentence(text)
    clause = (
        not sentence
        and words >= CLAUSE_MIN_WORDS
        and (text.endswith((";", ",")) or bool(_LIST_ITEM.match(text)))
        and any(w[:1].islower() for w in text.split()[1:])
    )
    prose = (words >= PROSE_MIN_WORDS and stop_share >= PROSE_MIN_STOPWORDS) or (
        sentence and words >= SENTENCE_PROSE_MIN_WORDS and stop_share >= SENTENCE_PROSE_MIN_STOPWORDS
    )
    headline = (
        HEADLINE_MIN_WORDS <= words <= HEADLINE_MAX_WORDS
        and not text.endswith((".", ":"))
        and stop_share <= HEADLINE_MAX_STOPWORDS
        and bool(_HEADLINE_START.match(text))
    )
    cue = cues.match(text) if text else None
    if cue is None and text:
        if _is_share_row(tokens, cues):
            cue = "share"
        elif not sentence and (_is_breadcrumb(text, cues) or _is_spaced_menu(line)):
            cue = "nav"
    return LineFeatures(
        text=text,
        words=words,
        stop_share=stop_share,
        sentence=sentence,
        clause=clause,
        prose=prose,
        headline=headline and cue is None,
        cue=cue,
        caption=bool(text) and cues.is_caption(text),
    )


def is_prose(line: str) -> bool:
    """Whether a line reads as a paragraph of article prose (and is no furniture cue)."""
    features = line_features(line)
    return features.prose and features.cue is None
