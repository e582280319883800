"""Words of an article as the story stage compares them: terms, shingles and passages."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*")
# A sentence ends at . ! or ? (a closing quote may follow) before a capital, a quote or a digit.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"“‘(A-Z0-9])")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Sen|Rep|Gov|Prof|St|No|Jan|Feb|Mar|Apr|Jun|"
                           r"Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K)\.$")
# A capitalised word that does not start a sentence: a name ("Kartarpur", "Hariri", "Ryanair").
_NAME = re.compile(r"(?<![.!?:\"“]\s)(?<!^)\b[A-Z][a-z]+(?:['’-][A-Za-z]+)?", re.MULTILINE)
NAME_WEIGHT = 2
"""A name counts as this many words: names tell one story from another that shares its topic."""
SHINGLE_WORDS = 4
"""Words a shingle: long enough that two rewrites rarely share one, short enough to survive edits."""
MIN_TERM_CHARS = 3


def words(text: str) -> list[str]:
    """Lower-cased words, apostrophes and hyphens inside a word kept."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _stem(word: str) -> str:
    """A light plural fold, so that 'talks' and 'talk' or 'sanctions' and 'sanction' are one term."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> Counter[str]:
    """Content-word counts: stop words, short words and numbers left out, plurals folded,
    names counted `NAME_WEIGHT` times."""
    counts = Counter(_stem(w) for w in words(text) if len(w) >= MIN_TERM_CHARS and w not in STOP_WORDS)
    for match in _NAME.finditer(text):
        term = _stem(match.group(0).lower().replace("’", "'"))
        if term in counts:
            counts[term] += NAME_WEIGHT - 1
    return counts


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Overlapping runs of `size` words: what near-duplicate detection compares."""
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def passages(text: str) -> Iterator[str]:
    """The sentences of an article, paragraph by paragraph, without the parser.

    Comparing outlets needs sentences of every article of a story; a regular expression with
    an abbreviation guard is enough for that and costs nothing next to a parse.
    """
    for paragraph in text.split("\n\n"):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        start = 0
        for match in _SENTENCE_END.finditer(paragraph):
            candidate = paragraph[start : match.start()].strip()
            if _ABBREVIATION.search(candidate):
                continue
            if candidate:
                yield candidate
            start = match.end()
        rest = paragraph[start:].strip()
        if rest:
            yield rest
