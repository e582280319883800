"""Per-line features of scraped page text: what a line looks like, before context.

Prose lines are long, full of function words and end like sentences; page furniture is
short, capitalised, made of link words or matched by a cue pattern from the data file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.extract._scraped_cues import Cues, load_cues, reads_as_sentence, uncased

__all__ = ["LineFeatures", "is_prose", "line_features", "normalise_line"]

# A line this long with enough function words (or, in any language, lower-case words) is
# prose when it ends like a sentence or holds one; past PROSE_UNENDED_WORDS whatever its
# ending. Shorter unended lines are headlines: teaser lists are rows of them.
PROSE_MIN_WORDS = 12
PROSE_MIN_STOPWORDS = 0.15
PROSE_MIN_LOWER = 0.5
PROSE_UNENDED_WORDS = 25
# A shorter line is prose when it also ends like a sentence.
SENTENCE_PROSE_MIN_WORDS = 7
SENTENCE_PROSE_MIN_STOPWORDS = 0.1
# Scripts written without spaces (CJK, Thai, Khmer...) count about this many letters a word.
DENSE_CHARS_PER_WORD = 2
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
# Kana, CJK ideographs, Thai and Lao, Khmer, Myanmar: scripts written without spaces.
_DENSE = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1780-\u17ff\u1000-\u109f]"
)
# A sentence break inside a line: stop, space, capital (or a CJK full stop anywhere).
_INNER_BREAK = re.compile(r"[.!?][\"'”’)]?\s+[\"'“‘(]?[A-ZÀ-Ý\u0400-\u042f]|[。！？]\S")


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
    lower_share: float
    """Share of words (after the first) starting lower-case; 1.0 in scripts without case."""
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


def _lower_share(text: str) -> float:
    if uncased(text):
        return 1.0
    cased = [w for w in text.split()[1:] if w[:1].isalpha()]
    return sum(1 for w in cased if w[:1].islower()) / len(cased) if cased else 0.0


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
    words = max(len(text.split()), len(_DENSE.findall(text)) // DENSE_CHARS_PER_WORD)
    stop_share = sum(1 for t in tokens if t.lower() in cues.stopwords) / len(tokens) if tokens else 0.0
    lower_share = _lower_share(text)
    sentence = reads_as_sentence(text)
    wordy = stop_share >= PROSE_MIN_STOPWORDS or lower_share >= PROSE_MIN_LOWER
    clause = (
        not sentence
        and words >= CLAUSE_MIN_WORDS
        and (text.endswith((";", ",")) or bool(_LIST_ITEM.match(text)))
        and any(w[:1].islower() for w in text.split()[1:])
    )
    ended = sentence or words >= PROSE_UNENDED_WORDS or bool(_INNER_BREAK.search(text))
    prose = (words >= PROSE_MIN_WORDS and wordy and ended) or (
        sentence
        and words >= SENTENCE_PROSE_MIN_WORDS
        and (stop_share >= SENTENCE_PROSE_MIN_STOPWORDS or lower_share >= PROSE_MIN_LOWER)
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
        lower_share=lower_share,
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
