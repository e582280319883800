"""The windowed story stage gives the sequential stage's stories, copies and term counts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from story_helpers import coverage_processed, generated_coverage, store_batch

from eventwire.engines.stories import adopt_stories, update_stories
from eventwire.store import Store
from eventwire.store.stories import views_sql
from eventwire.stories.cluster import ArticleView, view_from_row
from eventwire.stories.copies import CopyLink
from eventwire.stories.windows import Windows, follow_copies, prefix_counts, run_windows


@pytest.fixture(scope="module")
def sequential(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[ArticleView]]:
    """The generated coverage clustered by the sequential stage, and its articles in storage order."""
    db = tmp_path_factory.mktemp("windows") / "sequential.duckdb"
    with Store(db) as store:
        store_batch(store, *coverage_processed(generated_coverage()))
        update_stories(store)
        views = {v.doc_id: v for v in map(view_from_row, store.con.execute(views_sql("TRUE")).fetchall())}
        stored = store.con.execute("SELECT doc_id FROM articles ORDER BY rowid").fetchall()
    return db, [views[doc_id] for (doc_id,) in stored]


def _table(db: Path, sql: str) -> list[tuple]:
    with Store(db) as store:
        return sorted(store.con.execute(sql).fetchall())


@pytest.mark.parametrize("width", [1, 3, 7, 60])
def test_windows_give_the_sequential_stories(sequential: tuple[Path, list[ArticleView]], width: int) -> None:
    db, views = sequential
    result = run_windows(views, width)
    members = _table(db, "SELECT doc_id, story_id, seq FROM story_articles")
    assert sorted(m[:3] for m in result.members) == members
    copies = _table(db, "SELECT * FROM article_copies")
    assert sorted((c.doc_id, c.original_id, c.similarity) for c in result.copies) == copies
    assert sorted(result.statistics.df.items()) == _table(db, "SELECT * FROM term_frequencies")
    # Join scores too, but in a story older than the warm-up: a window's task weighs an article
    # against the story's articles of the last two weeks, the sequential stage against them all.
    long_stories = {s for s, n in _table(db, "SELECT story_id, n_articles FROM stories") if n >= 15}
    scores = _table(db, "SELECT doc_id, score FROM story_articles")
    windowed = sorted((doc, score) for doc, story, _, score in result.members if story not in long_stories)
    assert windowed == [
        row for row, member in zip(scores, members, strict=True) if member[1] not in long_stories
    ]
    # Not vacuous: many windows, stories across them, copies, undated articles.
    windows = Windows.over((v.day for v in views), width)
    assert width > 7 or len({windows.of(v.day) for v in views}) >= 6
    assert len(copies) >= 5 and any(v.day is None for v in views)
    assert len(long_stories) == 2, "stories that outlive the warm-up"


def test_adopted_stories_equal_the_sequential_ones(
    sequential: tuple[Path, list[ArticleView]], tmp_path: Path
) -> None:
    db, views = sequential
    result = run_windows(views, 60)
    fresh = tmp_path / "adopted.duckdb"
    with Store(fresh) as store:
        store_batch(store, *coverage_processed(generated_coverage()))
        store.con.execute("CREATE TEMP TABLE w_story_articles AS SELECT * FROM story_articles")
        store.insert_rows("INSERT INTO w_story_articles", result.members)
        store.con.execute("CREATE TEMP TABLE w_article_copies AS SELECT * FROM article_copies")
        store.insert_rows(
            "INSERT INTO w_article_copies", [(c.doc_id, c.original_id, c.similarity) for c in result.copies]
        )
        store.con.execute("CREATE TEMP TABLE w_term_frequencies AS SELECT * FROM term_frequencies")
        store.insert_rows("INSERT INTO w_term_frequencies", sorted(result.statistics.df.items()))
        summary = adopt_stories(store, "w_", result.statistics.documents)
    assert summary.articles == len(views) and summary.copies == len(result.copies)
    for sql in (
        "SELECT * FROM stories",
        "SELECT * FROM consolidated_events",
        "SELECT * FROM story_articles",
        "SELECT * FROM meta WHERE key LIKE 'story%'",
    ):
        assert _table(fresh, sql) == _table(db, sql), sql


def test_a_window_task_meets_the_windows_its_articles_warm_up() -> None:
    windows = Windows(last=10, width=7, warm_up=14)
    assert windows.warm_up_windows == 2
    assert list(windows.tasks_of(5)) == [5, 6, 7] and list(windows.tasks_of(10)) == [10]
    assert windows.of(None) == 10 and windows.of(date.fromordinal(7 * 8 + 3)) == 8


def test_term_counts_before_each_warm_up() -> None:
    windows = Windows(last=8, width=7, warm_up=14)
    # A term in 2 originals of window 1, 5 of window 4 and 1 of window 7: window 4's task (warm-up
    # 2-3) starts from the 2, window 7's (warm-up 5-6) from all 7; windows 1-3 from nothing.
    assert dict(prefix_counts({1: 2, 4: 5, 7: 1}, windows)) == {4: 2, 5: 2, 6: 2, 7: 7, 8: 7}


def test_copies_of_copies_lead_to_the_first_original() -> None:
    links = follow_copies([CopyLink("c", "b", 0.9), CopyLink("b", "a", 0.8), CopyLink("d", "a", 0.7)])
    assert {d: (link.original_id, link.similarity) for d, link in links.items()} == {
        "c": ("a", 0.9),
        "b": ("a", 0.8),
        "d": ("a", 0.7),
    }
