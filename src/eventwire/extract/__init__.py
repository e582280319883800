"""extract: a `RawDocument` becomes a clean `Article` (main text, title, outlet, date)."""

from __future__ import annotations

from eventwire.extract.dateline import find_dateline_date
from eventwire.extract.html import extract_html
from eventwire.extract.scraped import LineLabel, classify_lines, extract_scraped
from eventwire.records import Article, RawDocument


def extract_article(raw: RawDocument) -> Article:
    """Dispatch on the document's format: trafilatura for HTML, our line classifier for text.

    Raises:
        EventwireError: E201 when no main text is left, E202 when HTML cannot be parsed.
    """
    if raw.format == "html":
        return extract_html(raw)
    return extract_scraped(raw)


__all__ = [
    "LineLabel",
    "classify_lines",
    "extract_article",
    "extract_html",
    "extract_scraped",
    "find_dateline_date",
]
