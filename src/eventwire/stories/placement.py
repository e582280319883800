"""The story stage's one loop: each article, in order, is a copy of an original or joins a story.

Both ways of running the stage go through it: the sequential update of a store
(`update.update_stories`) and the windowed tasks of a cluster run (`windows.cluster_window`);
they differ only in where copies are found.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from eventwire.stories.cluster import ArticleView, StoryClusterer
from eventwire.stories.copies import CopyLink

FindCopy = Callable[[ArticleView], CopyLink | None]
"""The original an article copies, or None when it is an original itself."""


@dataclass(frozen=True, slots=True)
class Placement:
    doc_id: str
    story_id: str
    score: float
    """The join score, 1.0 for the article that opened the story, the similarity for a copy."""
    copy: CopyLink | None = None
    new_story: bool = False


class Placer:
    """Places articles given in clustering order, keeping what the earlier ones left open."""

    def __init__(self, clusterer: StoryClusterer, find_copy: FindCopy) -> None:
        self.clusterer = clusterer
        self.find_copy = find_copy
        self.story_of: dict[str, str] = {}
        """doc id -> story id of every article placed (or brought back): a copy takes its original's."""
        self._current: date | None = None

    def place(self, view: ArticleView) -> Placement:
        if view.day is not None and view.day != self._current:
            self._current = view.day
            self.clusterer.close_before(view.day)
        link = self.find_copy(view)
        if link is not None:
            story_id = self.story_of[view.doc_id] = self.story_of[link.original_id]
            return Placement(view.doc_id, story_id, link.similarity, copy=link)
        assignment = self.clusterer.assign(view)
        self.story_of[view.doc_id] = assignment.story_id
        return Placement(view.doc_id, assignment.story_id, assignment.score, new_story=assignment.new_story)
