"""The story stage over the store: new articles -> copies, stories, consolidated events.

Runs after a run's articles and events are stored (the local engine, the API's ingest and
the Spark loader all call `update_stories`). New articles are taken in publication order
(undated ones by the latest date they report, then last), ties in the order they were stored
(the input order), so the outcome does not depend on how the input was batched; a second call
with nothing new changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from eventwire.store.database import Store
from eventwire.stories.cluster import ArticleView, StoryClusterer, TermStatistics
from eventwire.stories.consolidate import Report, consolidate
from eventwire.stories.copies import COPY_WINDOW_DAYS, CopyLink, NearDuplicates
from eventwire.stories.placement import Placer

CHUNK = 2_000
"""New articles read from the store at a time: memory stays flat however large the run."""
NEW_ARTICLES = (
    "a.doc_id NOT IN (SELECT doc_id FROM story_articles) "
    "AND a.doc_id NOT IN (SELECT doc_id FROM article_copies)"
)
DOCUMENTS_KEY = "story_term_documents"
"""meta key: how many articles the term frequencies were counted over."""

OUTLET_SQL = "coalesce(nullif(a.outlet, ''), parse_filename(a.source))"
"""An article's outlet, or the name of the file it came from when no outlet is known."""

ACTOR_KEY_SQL = "coalesce({t}.country, '~' || lower({t}.name))"


@dataclass(slots=True)
class StoriesSummary:
    articles: int = 0
    copies: int = 0
    new_stories: int = 0
    joined: int = 0
    consolidated_events: int = 0


def views_sql(where: str) -> str:
    """Articles chosen by `where` with their events' keys, in the order they are clustered: by day
    (publication, else the latest date they report; undated last), then as they were stored."""
    source, target = ACTOR_KEY_SQL.format(t="s"), ACTOR_KEY_SQL.format(t="t")
    return f"""
    WITH chosen AS (SELECT a.doc_id FROM articles a WHERE {where}),
    reported AS (
        SELECT e.doc_id, max(e.date) AS last_day,
               list(struct_pack(type := e.type, skey := {source}, tkey := {target}, day := e.date)
                    ORDER BY e.sentence_index, e.event_id) AS events
        FROM events e JOIN actors s ON s.actor_id = e.source_id JOIN actors t ON t.actor_id = e.target_id
        WHERE e.doc_id IN (SELECT doc_id FROM chosen) GROUP BY e.doc_id)
    SELECT a.doc_id, a.title, {OUTLET_SQL} AS outlet, a.published, a.text, r.events,
           coalesce(a.published, r.last_day) AS day
    FROM articles a LEFT JOIN reported r ON r.doc_id = a.doc_id
    WHERE a.doc_id IN (SELECT doc_id FROM chosen)
    ORDER BY day NULLS LAST, a.rowid"""


def view_from_row(row: tuple[Any, ...]) -> ArticleView:
    doc_id, title, outlet, published, text, events, _ = row
    return ArticleView(
        doc_id=doc_id,
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        events=[((e["type"], e["skey"], e["tkey"]), e["day"]) for e in events or ()],
    )


def _views(store: Store, where: str, params: list[Any]) -> list[ArticleView]:
    return [view_from_row(row) for row in store.con.execute(views_sql(where), params).fetchall()]


def _stream(store: Store, where: str) -> Iterator[ArticleView]:
    """Like `_views`, read `CHUNK` rows at a time: one ordered scan, flat memory. Nothing else may
    use the connection until the stream is drained."""
    cursor = store.con.execute(views_sql(where))
    while rows := cursor.fetchmany(CHUNK):
        yield from (view_from_row(row) for row in rows)


def update_stories(store: Store) -> StoriesSummary:
    """Give every article not yet in a story its story (or its original), then re-consolidate.

    Raises:
        EventwireError: E401/E402 when the database cannot be written (via `Store`).
    """
    summary = StoriesSummary()
    count, start = store.con.execute(
        f"SELECT count(*), min(day) FROM ({views_sql(NEW_ARTICLES)})"
    ).fetchone() or (0, None)
    if not count:
        return summary
    summary.articles = count
    statistics = _load_statistics(store)
    clusterer = StoryClusterer(statistics)
    copies = NearDuplicates()
    placer = Placer(clusterer, lambda view: copies.check(view.doc_id, view.text, view.day))
    placer.story_of.update(_resume(store, clusterer, copies, start))
    links: list[CopyLink] = []
    members: list[tuple[str, str, float]] = []
    for placed in map(placer.place, _stream(store, NEW_ARTICLES)):
        members.append((placed.doc_id, placed.story_id, placed.score))
        if placed.copy is not None:
            links.append(placed.copy)
        else:
            summary.new_stories += placed.new_story
            summary.joined += not placed.new_story
    summary.copies = len(links)
    with store.transaction():
        _write_members(store, members, links)
        _write_statistics(store, statistics)
        _refresh_stories(store, sorted({story for _, story, _ in members}))
        summary.consolidated_events = _reconsolidate(store)
    return summary


def adopt_stories(store: Store, prefix: str, documents: int) -> StoriesSummary:
    """Take the story stage's result as another engine computed it (tables `<prefix>story_articles`,
    `<prefix>article_copies`, `<prefix>term_frequencies`, with the store's columns) into a store that
    has no stories yet, then consolidate.

    Args:
        documents: the originals the term frequencies were counted over.
    """
    con = store.con
    summary = StoriesSummary()
    with store.transaction():
        con.execute(f"INSERT INTO story_articles SELECT * FROM {prefix}story_articles ORDER BY seq")
        con.execute(f"INSERT INTO article_copies SELECT * FROM {prefix}article_copies ORDER BY doc_id")
        con.execute(f"INSERT INTO term_frequencies SELECT * FROM {prefix}term_frequencies ORDER BY term")
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [DOCUMENTS_KEY, str(documents)])
        _drop_copied(store, [r[0] for r in con.execute("SELECT doc_id FROM article_copies").fetchall()])
        stories = con.execute("SELECT DISTINCT story_id FROM story_articles ORDER BY 1").fetchall()
        story_ids = [r[0] for r in stories]
        _refresh_stories(store, story_ids)
        summary.articles = _scalar(store, "SELECT count(*) FROM story_articles")
        summary.copies = _scalar(store, "SELECT count(*) FROM article_copies")
        summary.new_stories = len(story_ids)
        summary.joined = summary.articles - summary.copies - summary.new_stories
        summary.consolidated_events = _reconsolidate(store)
    return summary


def _scalar(store: Store, sql: str) -> int:
    row = store.con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _load_statistics(store: Store) -> TermStatistics:
    row = store.con.execute("SELECT value FROM meta WHERE key = ?", [DOCUMENTS_KEY]).fetchone()
    frequencies = dict(store.con.execute("SELECT term, df FROM term_frequencies").fetchall())
    return TermStatistics(frequencies, int(row[0]) if row else 0)


def _resume(
    store: Store, clusterer: StoryClusterer, copies: NearDuplicates, start: date | None
) -> dict[str, str]:
    """Reopen the stored stories that new articles could join, and index recent originals.

    Returns:
        doc id -> story id of every article brought back.
    """
    if start is None:
        # Only undated articles arrive: nothing to measure "recent" from, so all stories are open.
        story_where, copy_where, params = "TRUE", "TRUE", []
    else:
        story_where = (
            "sa.story_id IN (SELECT sa2.story_id FROM story_articles sa2 JOIN articles a2 USING (doc_id) "
            "GROUP BY sa2.story_id HAVING max(a2.published) IS NULL OR max(a2.published) >= ?)"
        )
        copy_where = "a.published IS NULL OR a.published >= ?"
        params = [start - timedelta(days=clusterer.window_days)]
    rows = store.query(
        f"SELECT sa.doc_id, sa.story_id FROM story_articles sa JOIN articles a USING (doc_id) "
        f"WHERE {story_where} ORDER BY sa.seq",
        params,
    )
    story_of = {r["doc_id"]: r["story_id"] for r in rows}
    if not story_of:
        return story_of
    views = {v.doc_id: v for v in _views(store, "a.doc_id IN ?", [list(story_of)])}
    by_story: dict[str, list[ArticleView]] = {}
    for doc_id, story_id in story_of.items():
        by_story.setdefault(story_id, []).append(views[doc_id])
    for story_id, members in by_story.items():
        clusterer.resume(story_id, members)
    copy_params = [start - timedelta(days=COPY_WINDOW_DAYS)] if start is not None else []
    originals = store.query(
        f"SELECT a.doc_id FROM articles a JOIN story_articles sa USING (doc_id) WHERE {copy_where} "
        "ORDER BY a.published NULLS LAST, a.doc_id",
        copy_params,
    )
    for row in originals:
        view = views.get(row["doc_id"])
        if view is not None:
            copies.add(view.doc_id, NearDuplicates.signature(view.text), view.day)
    return story_of


def _write_members(
    store: Store, members: Sequence[tuple[str, str, float]], links: Sequence[CopyLink]
) -> None:
    first = store.con.execute("SELECT coalesce(max(seq), -1) + 1 FROM story_articles").fetchone()
    seq = int(first[0]) if first else 0
    store.insert_rows(
        "INSERT OR IGNORE INTO story_articles",
        [(doc_id, story_id, seq + i, score) for i, (doc_id, story_id, score) in enumerate(members)],
    )
    store.insert_rows(
        "INSERT OR IGNORE INTO article_copies", [(c.doc_id, c.original_id, c.similarity) for c in links]
    )
    _drop_copied(store, [c.doc_id for c in links])


def _drop_copied(store: Store, copied: list[str]) -> None:
    """A copy is not coded twice: its original's events and quotes stand for it."""
    if copied:
        store.con.execute("DELETE FROM events WHERE doc_id IN ?", [copied])
        store.con.execute("DELETE FROM quotes WHERE doc_id IN ?", [copied])


def _write_statistics(store: Store, statistics: TermStatistics) -> None:
    changed = sorted(statistics.changed)
    if changed:
        store.con.execute("DELETE FROM term_frequencies WHERE term IN ?", [changed])
        store.insert_rows("INSERT INTO term_frequencies", [(t, statistics.df[t]) for t in changed])
    store.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [DOCUMENTS_KEY, str(statistics.documents)])


def _refresh_stories(store: Store, story_ids: list[str]) -> None:
    if not story_ids:
        return
    store.con.execute(
        f"""INSERT OR REPLACE INTO stories
        SELECT sa.story_id,
               arg_min(a.title, sa.seq) FILTER (WHERE a.title IS NOT NULL),
               min(a.published), max(a.published), count(*), count(DISTINCT {OUTLET_SQL})
        FROM story_articles sa JOIN articles a USING (doc_id)
        WHERE sa.story_id IN ? GROUP BY sa.story_id""",
        [story_ids],
    )


def _reconsolidate(store: Store) -> int:
    """Consolidate every stored event again: a new report can join an event of an older story."""
    rows = store.query(
        f"""SELECT e.event_id, e.doc_id, sa.story_id, e.type, e.mode, e.cameo, e.goldstein,
               e.source_id, e.target_id, {ACTOR_KEY_SQL.format(t="s")} AS source_key,
               {ACTOR_KEY_SQL.format(t="t")} AS target_key, s.name AS source_name, t.name AS target_name,
               s.kind AS source_kind, t.kind AS target_kind, s.sector AS source_sector,
               t.sector AS target_sector, e.date, e.location, e.evidence,
               {OUTLET_SQL} AS outlet
        FROM events e JOIN actors s ON s.actor_id = e.source_id JOIN actors t ON t.actor_id = e.target_id
        JOIN articles a ON a.doc_id = e.doc_id LEFT JOIN story_articles sa ON sa.doc_id = e.doc_id"""
    )
    copies: dict[str, list[tuple[str, str]]] = {}
    for row in store.query(
        f"SELECT c.original_id, c.doc_id, {OUTLET_SQL} AS outlet FROM article_copies c "
        "JOIN articles a ON a.doc_id = c.doc_id ORDER BY c.doc_id"
    ):
        copies.setdefault(row["original_id"], []).append((row["doc_id"], row["outlet"]))
    events = consolidate((Report.from_row(r) for r in rows), copies)
    store.con.execute("DELETE FROM event_reports")
    store.con.execute("DELETE FROM consolidated_events")
    store.insert_rows("INSERT INTO consolidated_events", [e.row() for e in events])
    store.insert_rows(
        "INSERT INTO event_reports", [(r.event_id, e.cevent_id) for e in events for r in e.reports]
    )
    return len(events)
