"""extract: a `RawDocument` becomes a clean `Article` (main text, title, outlet, date)."""

from __future__ import annotations

from eventwire.records import Article, RawDocument


def extract_article(raw: RawDocument) -> Article:
    """Dispatch on the document's format: trafilatura for HTML, our line classifier for text.

    Raises:
        EventwireError: E201 when no main text is left, E202 when HTML cannot be parsed.
    """
    if raw.format == "html":
        from eventwire.extract.html import extract_html

        return extract_html(raw)
    from eventwire.extract.scraped import extract_scraped

    return extract_scraped(raw)


__all__ = ["extract_article"]
