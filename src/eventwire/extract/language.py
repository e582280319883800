"""Which language an article is in: the coder reads English only.

English prose is recognised cheaply: about a quarter of its words are a handful of function words
("the", "of", "and" ...). Only a text that fails that test goes to langdetect (Google's
language-detection profiles, seeded so that a text always gets the same answer), which names the
language for the user ("not English: detected ko").
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventwire.errors import E, EventwireError

SAMPLE_CHARS = 4_000
"""How much of a text is looked at: enough for a stable answer, cheap on long pages."""
ENGLISH_SHARE = 0.12
"""Share of function words above which a text is English (English news: 0.25-0.35; German,
French or Spanish prose: under 0.05)."""
MIN_WORDS = 8
"""Shorter texts are not judged (a headline alone could be anything)."""
ENGLISH_FUNCTION_WORDS = frozenset(
    {
        "the", "of", "and", "to", "in", "is", "was", "for", "on", "that", "with", "by", "as", "at",
        "from", "it", "has", "have", "are", "were", "said", "be", "an", "this", "which", "who",
        "their", "its", "will", "his", "her", "they", "but", "not", "or",
    }
)  # fmt: skip
UNDETERMINED = "und"
_WORD = re.compile(r"[^\W\d_]+")


def language_of(text: str) -> str:
    """An ISO 639-1 code ("en", "ko", "de"), or "und" when the text is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    if words and sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words) >= ENGLISH_SHARE:
        return "en"
    if len(words) < MIN_WORDS and not _mostly_other_script(sample):
        return UNDETERMINED
    return _detect(sample)


def require_english(text: str) -> str:
    """The text's language, when it is English (or too short to tell).

    Raises:
        EventwireError: E203 naming the language detected.
    """
    language = language_of(text)
    if language not in ("en", UNDETERMINED):
        raise EventwireError(E.E203, language=language)
    return language


def _mostly_other_script(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) < len(letters) / 2


@lru_cache(maxsize=1)
def _detector_ready() -> None:
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0


def _detect(text: str) -> str:
    from langdetect import LangDetectException, detect

    _detector_ready()
    try:
        return detect(text).split("-")[0]
    except LangDetectException:
        return UNDETERMINED
