"""Name normalisation for the actor dictionary: folding, case rules and surnames.

Every surface form in the dictionary and every text looked up goes through `fold`, so
"Erdoğan" and "Erdogan", "Kim Jong-un" and "Kim Jong Un", "U.S." and "US" meet. Case is
checked apart from the folded key (`case_rule`, `case_ok`): "US" must not match "us".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not decompose into a base letter plus a mark.
_TRANSLITERATE = str.maketrans(
    {
        "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
        "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th",
        "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "ʻ": "'",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
    }
)  # fmt: skip
_DROP = re.compile(r"[.'\"“”]")
_SPACE = re.compile(r"[\s\-_/,;:!?()\[\]{}&]+")
_POSSESSIVE = re.compile(r"(?:'s|’s|s'|s’)$")

ANY, CAPITALISED, ACRONYM = 0, 1, 2
"""Case rules: a multi-word or lower-case surface matches in any case; a capitalised word
("Turkey", "Chad") needs a capital first letter; an acronym ("US", "WHO") needs capitals.
A single word with capitals inside ("JeM", "McCain") must match letter for letter: its rule
is the string of its letters."""

CaseRule = int | str

FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "KHM", "HKG", "MAC"})
"""Countries whose names are written family name first ("Xi Jinping" is Mr Xi)."""

SURNAME_PARTICLES = frozenset(
    {"de", "da", "das", "do", "dos", "del", "della", "di", "du", "des", "la", "le", "van", "von",
     "der", "den", "ter", "ten", "zu", "vel"}
)  # fmt: skip
"""Lower-case words that belong to the surname after them ("von der Leyen", "Le Drian")."""

NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
PATRONYMIC_LINKS = frozenset({"bin", "ibn", "bint", "ben"})
ARABIC_ARTICLES = ("al ", "el ", "ad ", "an ", "ar ", "as ", "ash ", "at ", "az ")

NOT_CURRENT = frozenset(
    {"former", "ex", "late", "then", "outgoing", "ousted", "deposed", "exiled", "slain", "onetime",
     "erstwhile", "incoming", "elect", "designate", "would-be"}
)  # fmt: skip
"""Modifiers before a title that say the person does not hold it now ("former President")."""

SUBORDINATE = frozenset({"deputy", "vice", "assistant", "junior", "shadow", "under", "associate"})
"""Modifiers that make a title a different, lower office ("Deputy Foreign Minister")."""

NEUTRAL_MODIFIERS = frozenset(
    {"acting", "interim", "caretaker", "new", "current", "incumbent", "newly", "appointed",
     "top", "senior", "veteran", "powerful", "embattled", "long-serving", "longtime", "a", "an",
     "the", "its", "their", "his", "her", "country's", "nation's"}
)  # fmt: skip
"""Words before a title that change nothing about who holds it."""


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """The lookup key of a surface form: no diacritics, dots, apostrophes or hyphens, lower case.

    Args:
        text: any surface form ("Côte d'Ivoire", "U.S.", "Kim Jong-un").
    Returns:
        the key ("cote divoire", "us", "kim jong un").
    """
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DROP.sub("", text.casefold())
    return " ".join(_SPACE.sub(" ", text).split())


def drop_article(text: str) -> str:
    """`text` without a leading "the" ("the Kremlin" -> "Kremlin")."""
    head, _, rest = text.partition(" ")
    return rest if rest and head.lower() == "the" else text


def strip_possessive(text: str) -> tuple[str, bool]:
    """`text` without a trailing possessive ("Russia's" -> "Russia") and whether it had one."""
    stripped = _POSSESSIVE.sub("", text)
    if stripped != text and stripped:
        return stripped, True
    return text, False


def case_rule(surface: str) -> CaseRule:
    """How strictly `surface` must match in case (see ANY, CAPITALISED, ACRONYM)."""
    if len(fold(surface).split()) > 1:
        return ANY
    letters = [c for c in surface if c.isalpha()]
    if not letters:
        return ANY
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return ACRONYM
    if any(c.isupper() for c in letters[1:]):
        return "".join(letters)
    return CAPITALISED if letters[0].isupper() else ANY


def case_ok(rule: CaseRule, text: str) -> bool:
    """Whether `text` as written may match a surface with case rule `rule`."""
    if rule == ANY:
        return True
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    if isinstance(rule, str):
        return "".join(letters) == rule
    if rule == ACRONYM:
        return all(c.isupper() for c in letters)
    return letters[0].isupper()


def surname_keys(name: str, country: str | None) -> set[str]:
    """Folded keys a person may be called by alone ("Lavrov", "von der Leyen", "Xi", "Assad").

    Args:
        name: the canonical full name.
        country: ISO3 of the person's state; family-name-first countries add the first word.
    Returns:
        the set of keys (empty for a one-word name, which is an alias of its own).
    """
    words = name.split()
    while len(words) > 1 and fold(words[-1]) in NAME_SUFFIXES:
        words.pop()
    if len(words) < 2:
        return set()
    keys: set[str] = set()
    lowered = [w.lower() for w in words]
    links = [i for i, w in enumerate(lowered) if w in PATRONYMIC_LINKS and 0 < i < len(words) - 1]
    if links:
        # "Mohammed bin Salman" is "bin Salman", never "Salman", who is his father.
        first = links[0]
        keys.add(fold(" ".join(words[first : first + 2])))
    else:
        start = len(words) - 1
        while start > 1 and lowered[start - 1] in SURNAME_PARTICLES:
            start -= 1
        keys.add(fold(" ".join(words[start:])))
        keys.add(fold(words[-1]))
        if len(words) >= 3 and start == len(words) - 1:
            # Iberian double surnames: "López Obrador", "Rodríguez Zapatero".
            keys.add(fold(" ".join(words[-2:])))
    if country in FAMILY_NAME_FIRST:
        keys.add(fold(words[0]))
    for key in list(keys):
        for article in ARABIC_ARTICLES:
            if key.startswith(article) and len(key) > len(article):
                keys.add(key[len(article) :])
    return keys
