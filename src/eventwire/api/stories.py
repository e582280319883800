"""Access to the story read functions of `eventwire.stories.queries`, and dates made JSON-ready."""

from __future__ import annotations

from types import ModuleType

from eventwire.api.errors import ApiError


def story_queries() -> ModuleType:
    """`eventwire.stories.queries`, or a 503 naming what is missing when it cannot be imported."""
    try:
        from eventwire.stories import queries
    except ImportError as exc:
        raise ApiError(503, f"stories are not available in this eventwire: {exc}") from exc
    return queries
