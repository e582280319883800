"""Who published a page, when the source does not say: the copyright line, the credit, the URL."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

# "© 2017 The Daily Record. All rights reserved." / "Copyright (c) Example Media 2010-2024"
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright|all rights reserved|\d{4}(?:\s*[-–]\s*\d{4})?|[.,|])", re.IGNORECASE
)
_HAS_COPYRIGHT = re.compile(r"©|\(c\)|copyright|all rights reserved", re.IGNORECASE)
# "TBP and Agencies", "Daily Record/Agencies", "(Reporting by Wire staff)" is not an outlet.
_AGENCY_CREDIT = re.compile(
    r"^(?P<name>[A-Z][\w&.' -]{1,60}?)\s*(?:and|with|/|&|,)\s*agencies\.?$", re.IGNORECASE
)
_SENTENCE = re.compile(r"(?<=[.|])\s+")
MAX_OUTLET_WORDS = 20


def outlet_from_lines(texts: Sequence[str], kinds: Sequence[str]) -> str | None:
    """The outlet a scraped page names in its copyright footer or its agency credit line."""
    for text, kind in zip(texts, kinds, strict=True):
        if kind != "footer":
            continue
        # "Copyright Global Dispatch. All rights reserved. Republication ... is prohibited.":
        # the name is in the sentence that holds the mark, not in the terms that follow it.
        for sentence in _SENTENCE.split(" ".join(text.split())):
            if not _HAS_COPYRIGHT.search(sentence):
                continue
            name = " ".join(_COPYRIGHT.sub(" ", sentence).split()).strip(" -–:")
            if name and len(name.split()) <= MAX_OUTLET_WORDS:
                return name
    for text, kind in zip(texts, kinds, strict=True):
        if kind == "credit" and (match := _AGENCY_CREDIT.match(" ".join(text.split()))):
            return match.group("name").strip()
    return None


def outlet_from_url(url: str | None) -> str | None:
    """The site's host name without 'www.': the outlet as a reader of the link sees it."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host
