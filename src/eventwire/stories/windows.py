"""The story stage in windows of days, so that a cluster can run the windows side by side.

The sequential stage (`update.update_stories`) takes every article in one ordered pass. Here the
days are cut into windows of `width` days, and each window is a task that first replays the
articles of the `warm_up` days before it, so that the stories and originals open when the window
starts are those the sequential pass has open there. Three passes:

1. copies: each task finds the copies among its own articles (`window_copies`);
2. term statistics: each task starts from the document frequencies of the originals before its
   warm-up, summed over the earlier windows (`prefix_counts`), so its IDF is the sequential one;
3. stories: each task places its warm-up and own articles (`cluster_window`); a story that a task
   opened in its warm-up continues the story the earlier window gave that article
   (`resolve_renames`), and ids are otherwise the sequential pass's (named after the opening
   article).

The outcome equals the sequential pass's unless a story, or a chain of copies, reaches back past
the warm-up; `bench/bench_stories.py` measures how often that changes an article's story.
`run_windows` runs the plan in one process: the reference the Spark runner is tested against.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from eventwire.stories.cluster import ArticleView, StoryClusterer, TermStatistics, article_terms
from eventwire.stories.copies import COPY_WINDOW_DAYS, CopyLink, NearDuplicates
from eventwire.stories.placement import Placement, Placer

WINDOW_WIDTH_DAYS = 7
WARM_UP_DAYS = COPY_WINDOW_DAYS
"""A copy is looked for among originals up to this many days older, and a story closes after a
far shorter gap without articles, so a warm-up this long sees every original and open story a
window needs (a story longer than the warm-up is seen only in its last two weeks)."""

Order = tuple[bool, int, int, str]
"""Where an article comes in the stage: (undated, day ordinal, storage rank, doc id)."""
OrderedView = tuple[Order, ArticleView]


def order_of(view: ArticleView, rank: int) -> Order:
    """By day (publication, else the latest date reported; undated last), then storage order."""
    day = view.day
    return (day is None, day.toordinal() if day else 0, rank, view.doc_id)


@dataclass(frozen=True, slots=True)
class Windows:
    """How days map to windows: window `k` holds days `k * width` to `k * width + width - 1`
    (as ordinals); undated articles belong to the last window, after its dated ones."""

    last: int
    """The window of the latest dated article (0 when none is dated)."""
    width: int = WINDOW_WIDTH_DAYS
    warm_up: int = WARM_UP_DAYS

    @classmethod
    def over(cls, days: Iterable[date | None], width: int = WINDOW_WIDTH_DAYS) -> Windows:
        ordinals = [d.toordinal() for d in days if d is not None]
        return cls(max(ordinals) // width if ordinals else 0, width)

    @property
    def warm_up_windows(self) -> int:
        return -(-self.warm_up // self.width)

    def of(self, day: date | None) -> int:
        return self.last if day is None else day.toordinal() // self.width

    def tasks_of(self, window: int) -> range:
        """The tasks that meet an article of `window`: its own, then those it warms up."""
        return range(window, min(window + self.warm_up_windows, self.last) + 1)


def prepare(view: ArticleView) -> ArticleView:
    """Compute once what every window an article is replayed in needs: its terms and signature."""
    view.counts = article_terms(view)
    view.signature = NearDuplicates.signature(view.text)
    return view


def window_copies(window: int, views: Iterable[OrderedView], windows: Windows) -> Iterator[CopyLink]:
    """Pass 1: the copies among `window`'s own articles; `views` is its task's, warm-up first, in order."""
    copies = NearDuplicates()
    for _, view in views:
        link = copies.check(view.doc_id, view.text, view.day, view.signature)
        if link is not None and windows.of(view.day) == window:
            yield link


def window_terms(view: ArticleView) -> set[str]:
    """Pass 2's input: the terms an original adds to the document frequencies."""
    return set(article_terms(view))


def prefix_counts(counts: Mapping[int, int], windows: Windows) -> Iterator[tuple[int, int]]:
    """Pass 2: from how many originals of each window hold a term (or how many originals each
    window has), the count before the warm-up of every task that meets the term."""
    tasks = sorted({task for window in counts for task in windows.tasks_of(window)})
    for task in tasks:
        before = sum(n for window, n in counts.items() if window < task - windows.warm_up_windows)
        if before:
            yield task, before


@dataclass(frozen=True, slots=True)
class WindowPlacement:
    own: bool
    """False for a warm-up article: placed again only to rebuild the state the window starts in."""
    order: Order
    placement: Placement


def cluster_window(
    window: int,
    views: Iterable[OrderedView],
    copies: Mapping[str, CopyLink],
    statistics: TermStatistics,
    windows: Windows,
) -> Iterator[WindowPlacement]:
    """Pass 3: place the task's articles (warm-up first, in order) with the copies of pass 1.

    Args:
        copies: the copy link of every copy among `views`, as `follow_copies` left it.
        statistics: the document frequencies before the task's warm-up (pass 2).
    """

    def find_copy(view: ArticleView) -> CopyLink | None:
        link = copies.get(view.doc_id)
        # An original out of reach (a chain of copies longer than the warm-up): place as an original.
        return link if link is not None and link.original_id in placer.story_of else None

    placer = Placer(StoryClusterer(statistics), find_copy)
    for order, view in views:
        own = windows.of(view.day) == window
        if not own and view.doc_id in copies and find_copy(view) is None:
            # Its original lies before the warm-up: its own window places it, and as a copy it
            # adds nothing to the state this window starts in.
            continue
        yield WindowPlacement(own, order, placer.place(view))


def follow_copies(links: Iterable[CopyLink]) -> dict[str, CopyLink]:
    """Doc id -> its link, to the first original of a chain: windows found copies apart, so a
    window may take for an original what an earlier window found to be a copy."""
    found = {link.doc_id: link for link in links}
    linked: dict[str, CopyLink] = {}
    for doc_id, link in found.items():
        original, seen = link.original_id, {doc_id}
        while original in found and original not in seen:
            seen.add(original)
            original = found[original].original_id
        linked[doc_id] = CopyLink(doc_id, original, link.similarity)
    return linked


def warm_up_heads(placements: Iterable[WindowPlacement]) -> dict[str, str]:
    """Story id -> the first warm-up article of it, for each story a task opened in its warm-up
    (every story holding a warm-up article was opened there: warm-up articles come first)."""
    heads: dict[str, str] = {}
    for item in placements:
        if not item.own:
            heads.setdefault(item.placement.story_id, item.placement.doc_id)
    return heads


def resolve_renames(
    heads: Mapping[int, Mapping[str, str]], placed_in: Mapping[str, tuple[int, str]]
) -> dict[tuple[int, str], str]:
    """(task, story id) -> the story it continues, for every story a task opened in its warm-up.

    Args:
        heads: per task, `warm_up_heads` of its placements.
        placed_in: for each head article, its own window and the story that window gave it.
    """
    final: dict[tuple[int, str], str] = {}
    for task in sorted(heads):
        for story_id, head in heads[task].items():
            window, given = placed_in[head]
            # Earlier windows are resolved first: a chain of continued stories ends at its start.
            final[(task, story_id)] = final.get((window, given), given)
    return final


@dataclass(slots=True)
class WindowedStories:
    """The story stage's result: what `update.adopt_stories` writes into a store."""

    members: list[tuple[str, str, int, float]]
    """(doc id, story id, rank, score) in clustering order."""
    copies: list[CopyLink]
    statistics: TermStatistics
    """Document frequencies over every original: what a later incremental run continues from."""


def run_windows(views: Iterable[ArticleView], width: int = WINDOW_WIDTH_DAYS) -> WindowedStories:
    """The whole plan in one process, `views` in storage order; what the Spark runner does."""
    ordered = [(order_of(view, rank), prepare(view)) for rank, view in enumerate(views)]
    windows = Windows.over((view.day for _, view in ordered), width)
    tasks: dict[int, list[OrderedView]] = {}
    for item in ordered:
        for task in windows.tasks_of(windows.of(item[1].day)):
            tasks.setdefault(task, []).append(item)
    for items in tasks.values():
        items.sort(key=lambda item: item[0])
    copies = follow_copies(
        link for task, items in tasks.items() for link in window_copies(task, items, windows)
    )
    term_counts: dict[str, Counter[int]] = {}
    document_counts: Counter[int] = Counter()
    for _, view in ordered:
        if view.doc_id not in copies:
            window = windows.of(view.day)
            document_counts[window] += 1
            for term in window_terms(view):
                term_counts.setdefault(term, Counter())[window] += 1
    frequencies: dict[int, dict[str, int]] = {}
    for term, counts in term_counts.items():
        for task, before in prefix_counts(counts, windows):
            frequencies.setdefault(task, {})[term] = before
    documents = dict(prefix_counts(document_counts, windows))
    own: list[tuple[int, WindowPlacement]] = []
    heads: dict[int, dict[str, str]] = {}
    for task, items in sorted(tasks.items()):
        statistics = TermStatistics(frequencies.get(task), documents.get(task, 0))
        placements = list(cluster_window(task, items, copies, statistics, windows))
        heads[task] = warm_up_heads(placements)
        own.extend((task, p) for p in placements if p.own)
    placed_in = {p.placement.doc_id: (task, p.placement.story_id) for task, p in own}
    renames = resolve_renames(heads, placed_in)
    own.sort(key=lambda item: item[1].order)
    members = [
        (
            p.placement.doc_id,
            renames.get((task, p.placement.story_id), p.placement.story_id),
            rank,
            p.placement.score,
        )
        for rank, (task, p) in enumerate(own)
    ]
    totals = {term: sum(counts.values()) for term, counts in term_counts.items()}
    links = sorted((p.placement.copy for _, p in own if p.placement.copy), key=lambda c: c.doc_id)
    return WindowedStories(members, links, TermStatistics(totals, sum(document_counts.values())))
