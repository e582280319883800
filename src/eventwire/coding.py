"""`code_text`: events and quotes from a piece of text, for use from Python; the types it gives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from eventwire.pipeline import Pipeline
from eventwire.records import Article, Event, Quote, content_hash


@dataclass(slots=True)
class CodedText:
    """What `code_text` found."""

    events: list[Event]
    quotes: list[Quote]


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return Pipeline()


@cache
def plover_types() -> tuple[str, ...]:
    """The PLOVER types the coder gives, from its ontology table, in alphabetical order."""
    from eventwire.coder.ontology import cameo_codes

    return tuple(sorted({c.plover for c in cameo_codes().values() if c.plover}))


def code_text(text: str, published: date | None = None, *, pipeline: Pipeline | None = None) -> CodedText:
    """Code events and quotes in `text`, taken as clean article text (no furniture removal).

    Args:
        text: article text; paragraphs separated by blank lines.
        published: publication date, against which "on Thursday" or "yesterday" resolve.
        pipeline: a pipeline to reuse; the default one is built on first use.
    """
    article = Article(doc_id=content_hash(text)[:16], text=text, published=published, source="<text>")
    events, quotes = (pipeline or _default_pipeline()).code_article(article)
    return CodedText(events=events, quotes=quotes)
