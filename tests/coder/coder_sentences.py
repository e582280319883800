"""What the coder's sentence tests share: the date their sentences are published on, and the
sides of the events the real pipeline codes from them."""

from __future__ import annotations

from datetime import date

from eventwire.coding import code_text
from eventwire.pipeline import Pipeline

DAY = date(2024, 3, 11)
Key = tuple[str, str | None, str | None]
"""(type, source country or name, target country or name)"""


def event_keys(text: str, pipeline: Pipeline, published: date = DAY) -> set[Key]:
    """The (type, source, target) of every event coded from `text`; actors by country, else name."""
    events = code_text(text, published=published, pipeline=pipeline).events
    return {(e.type, e.source.country or e.source.name, e.target.country or e.target.name) for e in events}
