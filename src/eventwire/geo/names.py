"""Place names as lookup keys, and the words around a name that say what kind of place it is."""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = re.compile(r"['’‘`ʻʿʾ]")
SEPARATORS = re.compile(r"[\s\-‐–—_./]+")
LEADING_ARTICLE = "the "
# Words before a name that place it inside a larger area ("northeast Syria", "southern Lebanon"):
# the area is the name; the reason keeps the words.
DIRECTION_WORDS = frozenset(
    {
        "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
        "southeastern", "southwestern", "central", "north-east", "north-west", "south-east",
        "south-west", "north-eastern", "north-western", "south-eastern", "south-western",
    }
)  # fmt: skip
# Words after a name that make it a division named after a city ("Chernihiv region", "Idlib province").
DIVISION_WORDS = frozenset(
    {"region", "province", "oblast", "governorate", "district", "state", "county", "prefecture", "krai"}
)


def name_key(name: str) -> str:
    """The form names are compared in: accents, case, apostrophes, hyphens and a leading "the" folded.

    "Cúcuta" and "Cucuta", "Sana'a" and "Sanaa", "Ras al-Ain" and "Ras al Ain" share a key.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = APOSTROPHES.sub("", plain.casefold())
    key = " ".join(SEPARATORS.sub(" ", plain).split())
    return key[len(LEADING_ARTICLE) :] if key.startswith(LEADING_ARTICLE) else key


def is_latin(name: str) -> bool:
    """Whether a name is written in Latin letters (the only alternate names news in English uses)."""
    return all(
        not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name
    )


def trimmed(key: str) -> tuple[str, str] | None:
    """The name inside a keyed place with direction or division words, and the words trimmed.

    Returns:
        (inner key, "northeast" / "region" ...), or None when the key has no such words.
    """
    words = key.split()
    if len(words) > 1 and words[0] in DIRECTION_WORDS:
        return " ".join(words[1:]), words[0]
    if len(words) > 1 and words[-1] in DIVISION_WORDS:
        return " ".join(words[:-1]), words[-1]
    return None
