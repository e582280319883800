"""The story stage over the store: new articles -> copies, stories, consolidated events.

Runs after a run's articles and events are stored (the local engine, the API's ingest, the
watcher and the Spark loader all call `update_stories`). New articles are taken in publication
order (undated ones by the latest date they report, then last), ties in the order they were
stored (the input order), so the outcome does not depend on how the input was batched; a second
call with nothing new changes nothing. The clustering is `eventwire.stories`'; the tables are
read and written through `store.stories`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.store import stories as tables
from eventwire.store.database import Store
from eventwire.stories.cluster import ArticleView, StoryClusterer, TermStatistics, view_from_row
from eventwire.stories.consolidate import Report, consolidate
from eventwire.stories.copies import COPY_WINDOW_DAYS, CopyLink, NearDuplicates
from eventwire.stories.placement import Placer


@dataclass(slots=True)
class StoriesSummary:
    articles: int = 0
    copies: int = 0
    new_stories: int = 0
    joined: int = 0
    consolidated_events: int = 0

    def line(self) -> str:
        """The summary line the command line prints after a run."""
        return (
            f"stories: {self.articles} articles, {self.copies} copies of others, "
            f"{self.new_stories} new stories, {self.joined} joined existing ones, "
            f"{self.consolidated_events} consolidated events"
        )


def update_stories(store: Store) -> StoriesSummary:
    """Give every article not yet in a story its story (or its original), then re-consolidate.

    Raises:
        EventwireError: E401/E402 when the database cannot be written (via `Store`).
    """
    summary = StoriesSummary()
    count, start = tables.new_articles(store)
    if not count:
        return summary
    summary.articles = count
    statistics = TermStatistics(*tables.term_statistics(store))
    clusterer = StoryClusterer(statistics)
    copies = NearDuplicates()
    placer = Placer(clusterer, lambda view: copies.check(view.doc_id, view.text, view.day))
    placer.story_of.update(_resume(store, clusterer, copies, start))
    links: list[CopyLink] = []
    members: list[tuple[str, str, float]] = []
    for placed in map(placer.place, map(view_from_row, tables.stream_new_views(store))):
        members.append((placed.doc_id, placed.story_id, placed.score))
        if placed.copy is not None:
            links.append(placed.copy)
        else:
            summary.new_stories += placed.new_story
            summary.joined += not placed.new_story
    summary.copies = len(links)
    with store.transaction():
        tables.write_members(store, members, [(c.doc_id, c.original_id, c.similarity) for c in links])
        tables.write_term_statistics(
            store, {t: statistics.df[t] for t in statistics.changed}, statistics.documents
        )
        tables.refresh_stories(store, sorted({story for _, story, _ in members}))
        summary.consolidated_events = _reconsolidate(store)
    return summary


def adopt_stories(store: Store, prefix: str, documents: int) -> StoriesSummary:
    """Take the story stage's result as another engine computed it (tables `<prefix>story_articles`,
    `<prefix>article_copies`, `<prefix>term_frequencies`, with the store's columns) into a store that
    has no stories yet, then consolidate.

    Args:
        documents: the originals the term frequencies were counted over.
    """
    summary = StoriesSummary()
    with store.transaction():
        story_ids = tables.adopt_tables(store, prefix, documents)
        tables.refresh_stories(store, story_ids)
        summary.articles = store.count("SELECT count(*) FROM story_articles")
        summary.copies = store.count("SELECT count(*) FROM article_copies")
        summary.new_stories = len(story_ids)
        summary.joined = summary.articles - summary.copies - summary.new_stories
        summary.consolidated_events = _reconsolidate(store)
    return summary


def _resume(
    store: Store, clusterer: StoryClusterer, copies: NearDuplicates, start: date | None
) -> dict[str, str]:
    """Reopen the stored stories that new articles could join, and index recent originals.

    Returns:
        doc id -> story id of every article brought back.
    """
    # Only undated articles arriving: nothing to measure "recent" from, so all stories are open.
    story_of = tables.open_members(
        store, start - timedelta(days=clusterer.window_days) if start is not None else None
    )
    if not story_of:
        return story_of
    rows = tables.article_views(store, "a.doc_id IN ?", [list(story_of)])
    views = {v.doc_id: v for v in map(view_from_row, rows)}
    by_story: dict[str, list[ArticleView]] = {}
    for doc_id, story_id in story_of.items():
        by_story.setdefault(story_id, []).append(views[doc_id])
    for story_id, members in by_story.items():
        clusterer.resume(story_id, members)
    since = start - timedelta(days=COPY_WINDOW_DAYS) if start is not None else None
    for doc_id in tables.recent_originals(store, since):
        view = views.get(doc_id)
        if view is not None:
            copies.add(view.doc_id, NearDuplicates.signature(view.text), view.day)
    return story_of


def _reconsolidate(store: Store) -> int:
    """Consolidate every stored event again: a new report can join an event of an older story."""
    reports = (Report.from_row(r) for r in tables.report_rows(store))
    events = consolidate(reports, tables.copies_by_original(store))
    tables.replace_consolidated(
        store, [e.row() for e in events], [(r.event_id, e.cevent_id) for e in events for r in e.reports]
    )
    return len(events)
