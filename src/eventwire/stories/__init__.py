"""stories: near-duplicate copies, articles of one story across outlets, consolidated events."""

from __future__ import annotations

from eventwire.stories.update import StoriesSummary, update_stories

__all__ = ["StoriesSummary", "update_stories"]
