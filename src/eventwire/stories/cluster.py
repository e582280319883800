"""Story clustering, one article at a time: join the best open story or open a new one.

An article is compared with the stories that are open around its date (published within
`window_days` of it), found through an inverted index of the stories' most telling terms, so
the cost of an article does not grow with the number of stories seen. The score is the cosine
of TF-IDF vectors (the article against the story's summed vector), raised by events and actors
the two share and lowered by the days between them. Given the same articles in the same order,
the result is the same.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eventwire.records import Actor
from eventwire.stories.text import terms

JOIN_SCORE = 0.22
"""The score from which an article joins a story rather than opening a new one."""
WINDOW_DAYS = 3
"""How far apart in days an article and a story may be and still be compared."""
EVENT_BONUS = 0.12
"""Added when the article reports an event the story already holds (same type and actors, close dates)."""
OTHER_EVENTS_PENALTY = 0.10
"""Taken off when both have events and share none: the same countries doing something else
(sanctions the day after a phone call) is another story."""
ACTOR_WEIGHT = 0.10
"""Times the Jaccard overlap of the actors (countries or named organisations) of their events."""
DAY_PENALTY = 0.04
"""Taken off per day between the article and the story's dates."""
INDEX_TERMS = 20
"""Terms of each article that enter its story's inverted index; every term of a new article
looks stories up, and so do the actors of its events."""
TITLE_WEIGHT = 2
"""A title word counts as this many body words: headlines name what the story is about."""

EventKey = tuple[str, str, str]
"""(type, source key, target key) of a coded event."""


@dataclass(slots=True)
class ArticleView:
    """What clustering needs of one stored article."""

    doc_id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    events: list[tuple[EventKey, date | None]] = field(default_factory=list)
    counts: Counter[str] | None = None
    """The article's terms (`article_terms`), when computed ahead: an article replayed into
    several windows is tokenised once."""
    signature: Any = None
    """Its near-duplicate signature (`copies.NearDuplicates.signature`), when computed ahead."""

    @property
    def day(self) -> date | None:
        """The article's place in time: its publication date, else the latest date it reports."""
        if self.published is not None:
            return self.published
        dated = [d for _, d in self.events if d is not None]
        return max(dated) if dated else None

    def actor_keys(self) -> set[str]:
        return {key for (_, source, target), _ in self.events for key in (source, target)}


def view_from_row(row: tuple[Any, ...]) -> ArticleView:
    """An article as the store gives it to the story stage (`store.stories.views_sql`'s columns)."""
    doc_id, title, outlet, published, text, events, _ = row
    return ArticleView(
        doc_id=doc_id,
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        events=[
            (
                (
                    e["type"],
                    Actor(e["source_name"], e["source_country"]).key(),
                    Actor(e["target_name"], e["target_country"]).key(),
                ),
                e["day"],
            )
            for e in events or ()
        ],
    )


@dataclass(frozen=True, slots=True)
class Assignment:
    doc_id: str
    story_id: str
    score: float
    """1.0 for the article that opened the story."""
    new_story: bool


@dataclass(slots=True)
class _Story:
    story_id: str
    first: date | None = None
    last: date | None = None
    vector: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    actors: set[str] = field(default_factory=set)
    events: dict[EventKey, list[date | None]] = field(default_factory=dict)
    index_terms: set[str] = field(default_factory=set)

    def gap_days(self, day: date | None) -> int:
        if day is None or self.first is None or self.last is None:
            return 0
        if day < self.first:
            return (self.first - day).days
        return max(0, (day - self.last).days)

    def shares_event(self, events: Iterable[tuple[EventKey, date | None]]) -> bool:
        for key, day in events:
            for seen in self.events.get(key, ()):
                if day is None or seen is None or abs((day - seen).days) <= 1:
                    return True
        return False

    def absorb(self, view: ArticleView, vector: dict[str, float], top: list[str]) -> None:
        for term, weight in vector.items():
            self.vector[term] = self.vector.get(term, 0.0) + weight
        self.norm = math.sqrt(sum(w * w for w in self.vector.values()))
        day = view.day
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)
        self.actors |= view.actor_keys()
        for key, event_day in view.events:
            self.events.setdefault(key, []).append(event_day)
        self.index_terms.update(top)


class TermStatistics:
    """Document frequencies of terms: the IDF half of TF-IDF, growing as articles arrive."""

    def __init__(self, frequencies: dict[str, int] | None = None, documents: int = 0) -> None:
        self.df: dict[str, int] = dict(frequencies or {})
        self.documents = documents
        self.changed: set[str] = set()

    def add(self, counts: Counter[str]) -> None:
        self.documents += 1
        for term in counts:
            self.df[term] = self.df.get(term, 0) + 1
        self.changed.update(counts)

    def idf(self, term: str) -> float:
        return math.log((self.documents + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def vector(self, counts: Counter[str]) -> dict[str, float]:
        """Sub-linear TF times IDF, unit length."""
        weights = {t: (1.0 + math.log(c)) * self.idf(t) for t, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}


def article_terms(view: ArticleView) -> Counter[str]:
    if view.counts is not None:
        return view.counts
    counts = terms(view.text)
    if view.title:
        for term, count in terms(view.title).items():
            counts[term] += TITLE_WEIGHT * count
    return counts


def _top_terms(vector: dict[str, float]) -> list[str]:
    return sorted(vector, key=lambda t: (-vector[t], t))[:INDEX_TERMS]


def _actor_term(key: str) -> str:
    # Not a word: terms are lower-case letters, so an actor key cannot collide with one.
    return "@" + key


def story_id_for(doc_id: str) -> str:
    """A story is named after the article that opened it."""
    return "s" + hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:15]


class StoryClusterer:
    """Assigns articles to stories incrementally; feed articles in publication order."""

    def __init__(self, statistics: TermStatistics | None = None, window_days: int = WINDOW_DAYS) -> None:
        self.statistics = statistics or TermStatistics()
        self.window_days = window_days
        self._stories: dict[str, _Story] = {}
        self._postings: dict[str, list[str]] = {}

    def open_stories(self) -> int:
        return len(self._stories)

    def resume(self, story_id: str, members: Iterable[ArticleView]) -> None:
        """Bring back a stored story (an incremental run), its members weighed by today's IDF."""
        story = self._stories.setdefault(story_id, _Story(story_id))
        for view in members:
            vector = self.statistics.vector(article_terms(view))
            self._absorb(story, view, vector)

    def assign(self, view: ArticleView) -> Assignment:
        counts = article_terms(view)
        self.statistics.add(counts)
        vector = self.statistics.vector(counts)
        day = view.day
        best: tuple[float, str] | None = None
        for story in self._candidates(view, vector, day):
            score = self._score(story, view, vector, day)
            if score >= JOIN_SCORE and (best is None or score > best[0]):
                best = (score, story.story_id)
        if best is None:
            story = _Story(story_id_for(view.doc_id))
            self._stories[story.story_id] = story
            self._absorb(story, view, vector)
            return Assignment(view.doc_id, story.story_id, 1.0, new_story=True)
        self._absorb(self._stories[best[1]], view, vector)
        return Assignment(view.doc_id, best[1], round(best[0], 4), new_story=False)

    def close_before(self, day: date) -> None:
        """Forget stories that ended more than the window before `day`: no article can join them."""
        ended = [s for s in self._stories.values() if s.last and (day - s.last).days > self.window_days]
        for story in ended:
            del self._stories[story.story_id]
            for term in story.index_terms:
                posting = self._postings.get(term)
                if posting is not None:
                    posting.remove(story.story_id)
                    if not posting:
                        del self._postings[term]

    def _absorb(self, story: _Story, view: ArticleView, vector: dict[str, float]) -> None:
        keys = [_actor_term(a) for a in sorted(view.actor_keys())]
        top = [t for t in _top_terms(vector) + keys if t not in story.index_terms]
        story.absorb(view, vector, top)
        for term in top:
            self._postings.setdefault(term, []).append(story.story_id)

    def _candidates(self, view: ArticleView, vector: dict[str, float], day: date | None) -> list[_Story]:
        seen: dict[str, _Story] = {}
        for term in sorted(vector) + [_actor_term(a) for a in sorted(view.actor_keys())]:
            for story_id in self._postings.get(term, ()):
                if story_id not in seen:
                    story = self._stories[story_id]
                    if story.gap_days(day) <= self.window_days:
                        seen[story_id] = story
        return list(seen.values())

    @staticmethod
    def _score(story: _Story, view: ArticleView, vector: dict[str, float], day: date | None) -> float:
        cosine = sum(w * story.vector.get(t, 0.0) for t, w in vector.items()) / (story.norm or 1.0)
        score = cosine - DAY_PENALTY * story.gap_days(day)
        if view.events and story.events:
            score += EVENT_BONUS if story.shares_event(view.events) else -OTHER_EVENTS_PENALTY
        actors = view.actor_keys()
        if actors and story.actors:
            score += ACTOR_WEIGHT * len(actors & story.actors) / len(actors | story.actors)
        return score
