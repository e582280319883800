"""Word lists of the quotes stage, read once from `eventwire/data/quotes/`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventwire.datafiles import data_words


@dataclass(frozen=True, slots=True)
class Lexicon:
    speech_verbs: frozenset[str]
    """Verb lemmas whose subject is the speaker of a quotation they govern."""
    person_titles: frozenset[str]
    """Head nouns of "the minister"-like references back to a person named earlier."""
    body_nouns: frozenset[str]
    """Head nouns of "the ministry"-like references back to a body named earlier."""
    pronouns: dict[str, str]
    """Subject pronoun -> what it refers back to: person, body or any."""
    document_nouns: frozenset[str]
    """Head nouns of texts that speak for their issuer ("the ministry's statement said")."""
    scare_cues: tuple[str, ...]
    """Phrases right before a quotation that make it a name or a scare quote."""
    name_words: frozenset[str]
    """Lower-case words allowed inside a quoted Title Case name."""
    gender_words: dict[str, str]
    """Word -> "m" or "f": titles, honorifics and pronouns that give a person's gender."""
    honorifics: frozenset[str]
    """Words that open a tagged name without being the person's first name ("Colonel")."""


def _lines(name: str) -> list[str]:
    return data_words("quotes", name)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The word lists, loaded on first use."""
    pronouns = dict(line.split("\t") for line in _lines("pronouns.txt"))
    return Lexicon(
        speech_verbs=frozenset(_lines("speech_verbs.txt")),
        person_titles=frozenset(_lines("person_titles.txt")),
        body_nouns=frozenset(_lines("body_nouns.txt")),
        pronouns=pronouns,
        document_nouns=frozenset(_lines("document_nouns.txt")),
        scare_cues=tuple(_lines("scare_cues.txt")),
        name_words=frozenset(_lines("name_words.txt")),
        gender_words=dict(line.split("\t") for line in _lines("gender_words.txt")),
        honorifics=frozenset(_lines("honorifics.txt")),
    )
