"""A story's outlets side by side: the store's rows of each article, compared (`stories.compare`)."""

from __future__ import annotations

from typing import Any

from eventwire.store import stories as tables
from eventwire.store.database import Store
from eventwire.stories.compare import OutletView, compare_outlets


def compare_story(store: Store, story_id: str) -> dict[str, Any] | None:
    """Per outlet of a story: events, quotes, actors, places and passages, shared or unique."""
    found = tables.find_story(store, story_id)
    if found is None:
        return None
    views: dict[str, OutletView] = {}
    for article in tables.outlet_material(store, found):
        view = views.setdefault(article["outlet"], OutletView(article["outlet"]))
        view.articles.append(article["id"])
        view.texts.append(article["text"])
        seen = {e["id"] for e in view.events}
        view.events.extend(e for e in article["events"] if e["id"] not in seen)
        view.quotes.extend(q for q in article["quotes"] if q not in view.quotes)
    return {"story": found, "outlets": compare_outlets(list(views.values()))}
