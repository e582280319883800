"""The story stage on Spark: the windowed plan of `eventwire.stories.windows`, windows as tasks.

Executors hand over, beside the store's rows, what clustering needs of each article
(`BatchRows.article_views`: the columns the sequential stage reads its articles with), ranked by
when the article was ingested (its input order, the order `eventwire load` stores articles in).
The driver then runs the plan's three passes, each a Spark job over the articles replayed into
the windows they warm up, sorted by (window, clustering order) and streamed, so a task holds the
state of one window at a time, not its articles:

1. copies, collected to the driver (a link is three short fields) and followed to their originals;
2. document frequencies per (term, window), summed into the counts each task starts from and sent
   to the tasks inside their own sorted stream, ahead of their articles;
3. placements, collected to the driver only for the stories a warm-up opened (to continue them),
   then renamed, ranked and handed back as rows of `story_articles`, `article_copies` and
   `term_frequencies`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from operator import add
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from eventwire.stories.cluster import ArticleView, TermStatistics, view_from_row
from eventwire.stories.copies import CopyLink
from eventwire.stories.windows import (
    Order,
    OrderedView,
    Windows,
    cluster_window,
    follow_copies,
    order_of,
    prefix_counts,
    prepare,
    resolve_renames,
    window_copies,
    window_terms,
)

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

VIEW = "_view"
"""The table name of the rows executors hand over for clustering (not written to the dataset)."""
STORY_TABLES: tuple[str, ...] = ("story_articles", "article_copies", "term_frequencies")
Row = tuple[str, tuple[Any, ...]]
Task = tuple[int, Any]
"""A record of a window's sorted stream: key (window, place in it), value."""


class Placed(NamedTuple):
    """An article as its own window placed it (before stories continued from warm-ups are renamed)."""

    order: Order
    window: int
    doc_id: str
    story_id: str
    score: float
    original_id: str | None
    similarity: float | None


class Head(NamedTuple):
    """The first warm-up article of a story a window opened in its warm-up."""

    window: int
    story_id: str
    doc_id: str


def _ordered_view(row: tuple[Any, ...]) -> OrderedView:
    view = prepare(view_from_row(row[1:]))
    return order_of(view, row[0]), view


def story_rows(session: SparkSession, rows: RDD[Row], partitions: int, width: int) -> tuple[RDD[Row], int]:
    """The story tables' rows for the articles among `rows` (the `VIEW` rows of every task).

    Returns:
        (rows of `STORY_TABLES`, the number of originals the term frequencies count).
    """
    from pyspark import StorageLevel

    sc = session.sparkContext
    views = rows.filter(lambda r: r[0] == VIEW).map(lambda r: _ordered_view(r[1]))
    views = views.persist(StorageLevel.MEMORY_AND_DISK)
    if views.isEmpty():
        views.unpersist()
        return sc.parallelize([], 1), 0
    latest = views.map(lambda ov: -1 if ov[0][0] else ov[0][1]).max()
    windows = Windows(max(latest, 0) // width, width)
    replayed = views.flatMap(
        lambda ov: (((task, ov[0]), ov[1]) for task in windows.tasks_of(windows.of(ov[1].day)))
    ).persist(StorageLevel.MEMORY_AND_DISK)

    def by_window(stream: RDD[tuple[Task, Any]]) -> RDD[tuple[Task, Any]]:
        return stream.repartitionAndSortWithinPartitions(partitions, partitionFunc=lambda key: key[0])

    found = by_window(replayed).mapPartitions(lambda part: _copies(part, windows)).collect()
    copies = sc.broadcast(follow_copies(CopyLink(*link) for link in found))

    originals = views.filter(lambda ov: ov[1].doc_id not in copies.value)
    counts = (
        originals.flatMap(lambda ov: (((term, windows.of(ov[1].day)), 1) for term in window_terms(ov[1])))
        .reduceByKey(add)
        .map(lambda kv: (kv[0][0], (kv[0][1], kv[1])))
        .groupByKey()
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    documents_per_window = originals.map(lambda ov: windows.of(ov[1].day)).countByValue()
    documents = dict(prefix_counts(documents_per_window, windows))
    # (window, (False, -1, -1, term)) sorts before every article of the window: its counts come first.
    starts = counts.flatMap(
        lambda kv: (((task, (False, -1, -1, kv[0])), n) for task, n in prefix_counts(dict(kv[1]), windows))
    )
    placed = (
        by_window(replayed.union(starts))
        .mapPartitions(lambda part: _place(part, windows, copies.value, documents))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    heads: dict[int, dict[str, str]] = {}
    for head in placed.filter(lambda p: isinstance(p, Head)).collect():
        heads.setdefault(head.window, {})[head.story_id] = head.doc_id
    head_docs = sc.broadcast({doc for stories in heads.values() for doc in stories.values()})
    own = cast("RDD[Placed]", placed.filter(lambda p: isinstance(p, Placed)))
    heads_placed = own.filter(lambda p: p.doc_id in head_docs.value).collect()
    placed_in = {p.doc_id: (p.window, p.story_id) for p in heads_placed}
    renames = sc.broadcast(resolve_renames(heads, placed_in))

    def member(p: Placed, rank: int) -> Row:
        story_id = renames.value.get((p.window, p.story_id), p.story_id)
        return "story_articles", (p.doc_id, story_id, rank, p.score)

    ranked = own.sortBy(lambda p: p.order, numPartitions=partitions).zipWithIndex()
    members = ranked.map(lambda pr: member(*pr))
    links = own.filter(lambda p: p.original_id is not None).map(
        lambda p: ("article_copies", (p.doc_id, p.original_id, p.similarity))
    )
    totals = counts.map(lambda kv: ("term_frequencies", (kv[0], sum(n for _, n in kv[1]))))
    return sc.union([members, links, totals]), sum(documents_per_window.values())


def _windows_of(part: Iterable[tuple[Task, Any]]) -> Iterator[tuple[int, Iterator[tuple[Order, Any]]]]:
    """A sorted partition as (window, its records in order)."""
    for task, records in itertools.groupby(part, key=lambda record: record[0][0]):
        yield task, ((key[1], value) for key, value in records)


def _copies(part: Iterable[tuple[Task, ArticleView]], windows: Windows) -> Iterator[tuple[str, str, float]]:
    for task, views in _windows_of(part):
        for link in window_copies(task, views, windows):
            yield link.doc_id, link.original_id, link.similarity


def _place(
    part: Iterable[tuple[Task, Any]], windows: Windows, copies: dict[str, CopyLink], documents: dict[int, int]
) -> Iterator[Placed | Head]:
    """Pass 3 over a partition: per window, its starting counts, then its articles."""
    for task, records in _windows_of(part):
        frequencies: dict[str, int] = {}
        first: tuple[Order, ArticleView] | None = None
        for order, value in records:
            if not isinstance(value, ArticleView):
                frequencies[order[3]] = value
                continue
            first = (order, value)
            break
        if first is None:
            continue
        statistics = TermStatistics(frequencies, documents.get(task, 0))
        seen_heads: set[str] = set()
        for item in cluster_window(task, itertools.chain([first], records), copies, statistics, windows):
            placement = item.placement
            if item.own:
                link = placement.copy
                yield Placed(
                    item.order,
                    task,
                    placement.doc_id,
                    placement.story_id,
                    placement.score,
                    link.original_id if link else None,
                    link.similarity if link else None,
                )
            elif placement.story_id not in seen_heads:
                seen_heads.add(placement.story_id)
                yield Head(task, placement.story_id, placement.doc_id)
