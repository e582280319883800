"""A run killed with SIGKILL at any point leaves a consistent file; running it again finishes the work.

Each test kills a real `eventwire run` subprocess at a different point (told by how much its
write-ahead log holds, see `kill_helpers`), checks the file it left, runs the same command
again to completion and compares the result with a clean, uninterrupted run.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass
from pathlib import Path

import pytest
from e2e_helpers import (
    Snapshot,
    broken_invariants,
    parse_summary,
    run_ok,
    snapshot,
    table_counts,
    write_corpus,
    write_event_corpus,
)
from kill_helpers import run_and_kill

DOCS = 300
BATCH = 5


@dataclass(frozen=True)
class Reference:
    """A corpus and what a clean run of it stores."""

    corpus: Path
    docs: int
    snapshot: Snapshot
    wal_bytes: int
    """The largest write-ahead log seen during the clean run: kill points are fractions of it."""


def _args(corpus: Path, db: Path, *extra: str) -> list[str | Path]:
    return ["run", corpus, "--db", db, "--batch-size", str(BATCH), *extra]


def _reference(base: Path, docs: int, *extra: str, events: bool = False) -> Reference:
    corpus = base / "corpus"
    count = write_event_corpus(corpus, copies=docs // 3) if events else write_corpus(corpus, docs)
    db = base / "clean.duckdb"
    watched = run_and_kill(_args(corpus, db, *extra), db, at_wal_bytes=None)
    assert watched.returncode == 0
    assert watched.wal_bytes > 0, "the write-ahead log was never seen: kill points cannot be placed"
    snap = snapshot(db)
    assert snap.counts["documents"] == count
    return Reference(corpus=corpus, docs=count, snapshot=snap, wal_bytes=watched.wal_bytes)


@pytest.fixture(scope="module")
def articles_run(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    return _reference(tmp_path_factory.mktemp("kill"), DOCS, "--workers", "1", "--articles-only")


def _check_killed_file(db: Path, docs: int, batch: int) -> int:
    """Assert the file left by a killed run is consistent; returns how many documents it holds."""
    if not db.exists():
        return 0
    assert broken_invariants(db) == {}
    counts = table_counts(db)
    stored = counts["documents"]
    assert counts["articles"] == stored
    assert stored <= docs
    # Every batch of this corpus holds `batch` new, good documents: a whole number of batches is
    # committed or the write of one batch was torn.
    assert stored % batch == 0 or stored == docs, f"{stored} documents is not a whole number of batches"
    return stored


def _rerun_and_compare(ref: Reference, db: Path, partial: int, *extra: str) -> None:
    result = run_ok(*_args(ref.corpus, db, *extra))
    summary = parse_summary(result.stdout)
    assert summary["duplicates"] == partial
    assert summary["stored"] + partial == ref.docs
    assert broken_invariants(db) == {}
    assert snapshot(db) == ref.snapshot


@pytest.mark.parametrize("fraction", [0.0, 0.6])
def test_kill_and_rerun_at_a_share_of_the_work(
    tmp_path: Path, articles_run: Reference, fraction: float
) -> None:
    db = tmp_path / "killed.duckdb"
    # 0.0: as soon as the log exists (schema written, first batch not yet or just committed).
    at = max(1, int(fraction * articles_run.wal_bytes))
    watched = run_and_kill(
        _args(articles_run.corpus, db, "--workers", "1", "--articles-only"), db, at_wal_bytes=at
    )

    assert watched.killed, "the run finished before the kill point"
    assert watched.returncode == -signal.SIGKILL
    partial = _check_killed_file(db, articles_run.docs, BATCH)
    if fraction > 0:
        assert 0 < partial < articles_run.docs
    _rerun_and_compare(articles_run, db, partial, "--workers", "1", "--articles-only")


def test_kill_and_rerun_during_startup(tmp_path: Path, articles_run: Reference) -> None:
    db = tmp_path / "killed.duckdb"
    watched = run_and_kill(
        _args(articles_run.corpus, db, "--workers", "1", "--articles-only"),
        db,
        at_wal_bytes=None,
        after_seconds=0.3,
    )

    assert watched.killed
    partial = _check_killed_file(db, articles_run.docs, BATCH)
    _rerun_and_compare(articles_run, db, partial, "--workers", "1", "--articles-only")


def test_kill_and_rerun_twice_in_a_row(tmp_path: Path, articles_run: Reference) -> None:
    db = tmp_path / "killed.duckdb"
    args = _args(articles_run.corpus, db, "--workers", "1", "--articles-only")
    first = run_and_kill(args, db, at_wal_bytes=int(0.3 * articles_run.wal_bytes))
    after_first = _check_killed_file(db, articles_run.docs, BATCH)
    # The second run starts from the file the first one left, whose log is replayed on open.
    second = run_and_kill(args, db, at_wal_bytes=int(0.3 * articles_run.wal_bytes))
    after_second = _check_killed_file(db, articles_run.docs, BATCH)

    assert first.killed and second.killed
    assert 0 < after_first < after_second < articles_run.docs
    _rerun_and_compare(articles_run, db, after_second, "--workers", "1", "--articles-only")


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_kill_and_rerun_after_ctrl_c(tmp_path: Path, articles_run: Reference, workers: int) -> None:
    # Ctrl-C reaches the whole foreground process group, workers included.
    db = tmp_path / "interrupted.duckdb"
    args = _args(articles_run.corpus, db, "--workers", str(workers), "--articles-only")
    watched = run_and_kill(args, db, at_wal_bytes=int(0.4 * articles_run.wal_bytes), sig=signal.SIGINT)

    assert watched.killed
    assert watched.returncode != 0
    partial = _check_killed_file(db, articles_run.docs, BATCH)
    assert 0 < partial < articles_run.docs
    _rerun_and_compare(articles_run, db, partial, "--workers", str(workers), "--articles-only")


@pytest.mark.slow
def test_kill_ctrl_c_with_workers_prints_no_traceback(tmp_path: Path, articles_run: Reference) -> None:
    db = tmp_path / "interrupted.duckdb"
    args = _args(articles_run.corpus, db, "--workers", "2", "--articles-only")
    watched = run_and_kill(args, db, at_wal_bytes=int(0.4 * articles_run.wal_bytes), sig=signal.SIGINT)

    assert watched.killed
    assert "Traceback" not in watched.stderr


CTRL_C_TRIES = 12


@pytest.mark.slow
def test_kill_ctrl_c_never_prints_a_traceback(tmp_path: Path) -> None:
    # Tiny documents, one per transaction: most of the run is spent inside DuckDB, where the
    # interrupt is turned into an error. Each try interrupts at a different point.
    corpus = tmp_path / "tiny"
    corpus.mkdir()
    for i in range(400):
        (corpus / f"note-{i:04d}.txt").write_text(
            f"The council of Amberton met on Monday to review case {i} and asked for a costed plan.\n",
            encoding="utf-8",
        )
    for attempt in range(CTRL_C_TRIES):
        db = tmp_path / f"try-{attempt}.duckdb"
        args = ["run", corpus, "--db", db, "--batch-size", "1", "--workers", "1", "--articles-only"]
        watched = run_and_kill(args, db, at_wal_bytes=20_000 + 7_000 * attempt, sig=signal.SIGINT)
        assert watched.killed
        assert "Traceback" not in watched.stderr, f"try {attempt}:\n{watched.stderr[-600:]}"
        assert broken_invariants(db) == {}


@pytest.mark.slow
def test_kill_and_rerun_with_worker_processes(tmp_path: Path, articles_run: Reference) -> None:
    db = tmp_path / "killed.duckdb"
    args = _args(articles_run.corpus, db, "--workers", "2", "--articles-only")
    watched = run_and_kill(args, db, at_wal_bytes=int(0.5 * articles_run.wal_bytes))

    assert watched.killed
    partial = _check_killed_file(db, articles_run.docs, BATCH)
    assert 0 < partial < articles_run.docs
    _rerun_and_compare(articles_run, db, partial, "--workers", "2", "--articles-only")


@pytest.mark.slow
def test_kill_and_rerun_full_pipeline_keeps_events_with_their_articles(tmp_path: Path) -> None:
    # Events and quotes are written in the same transaction as their article: none may be orphaned.
    ref = _reference(tmp_path, 45, "--workers", "1", events=True)
    assert ref.snapshot.counts["events"] > 0
    db = tmp_path / "killed.duckdb"
    watched = run_and_kill(_args(ref.corpus, db, "--workers", "1"), db, at_wal_bytes=int(0.5 * ref.wal_bytes))

    assert watched.killed
    partial = _check_killed_file(db, ref.docs, BATCH)
    assert 0 < partial < ref.docs
    counts = table_counts(db)
    # The killed run never reached the story step, so the corpus's syndicated variants still
    # carry events of their own; the re-run links them to their originals and drops those.
    assert counts["events"] > 0
    _rerun_and_compare(ref, db, partial, "--workers", "1")
