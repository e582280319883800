"""The local engine (`run_local`) on real files and real DuckDB databases.

Most tests call `run_local` in this process with `code_events=False` (no spaCy), which is
quick; the tests that start worker processes or load the spaCy model are marked `slow`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from e2e_helpers import (
    BAD_INPUT_GOOD_DOCS,
    broken_invariants,
    run_ok,
    snapshot,
    story_text,
    write_bad_inputs,
    write_corpus,
    write_event_corpus,
)

from eventwire.config import Config
from eventwire.engines.local import RunSummary, run_local
from eventwire.records import content_hash
from eventwire.store import Store


def _run(
    paths: list[Path], db: Path, *, batch_size: int = 5, workers: int = 1
) -> tuple[RunSummary, list[int]]:
    """`run_local` over `paths` into `db` (articles only); returns the summary and the progress calls."""
    config = Config(db=str(db), workers=workers, batch_size=batch_size, code_events=False)
    calls: list[int] = []
    with Store(db) as store:
        summary = run_local(paths, config, store, progress=calls.append)
    return summary, calls


def test_local_run_stores_every_document_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    written = write_corpus(corpus, 23)
    # The same page under a second name, and the same text again inside a JSON Lines file.
    shutil.copy(corpus / "part-1" / "story-00001.txt", corpus / "copy-of-story-1.txt")
    (corpus / "again.jsonl").write_text(json.dumps({"text": story_text(2)}) + "\n", encoding="utf-8")

    summary, calls = _run([corpus], tmp_path / "t.duckdb")

    assert summary.seen == written + 2
    assert summary.stored == written
    assert summary.duplicates == 2
    assert summary.failures == []
    # One progress call per batch, with the size of the batch of new documents.
    assert sum(calls) == written
    assert max(calls) <= 5
    snap = snapshot(tmp_path / "t.duckdb")
    assert snap.counts["documents"] == snap.counts["articles"] == written
    assert content_hash(story_text(1)) in snap.hashes
    assert broken_invariants(tmp_path / "t.duckdb") == {}


def test_local_rerun_stores_nothing_new(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    written = write_corpus(corpus, 17)
    write_bad_inputs(corpus / "bad")
    db = tmp_path / "t.duckdb"

    first, _ = _run([corpus], db)
    before = snapshot(db)
    second, calls = _run([corpus], db)
    after = snapshot(db)

    assert first.stored == written + BAD_INPUT_GOOD_DOCS
    assert second.stored == 0
    assert second.duplicates == second.seen == first.seen
    assert calls == []
    assert after == before
    # Failures are keyed by where and what: meeting the same bad input again adds no rows.
    assert len(second.failures) == len(first.failures)
    assert after.counts["failures"] == len(first.failures)


def test_local_batch_size_does_not_change_what_is_stored(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 31)
    snaps = []
    for size in (1, 7, 100):
        db = tmp_path / f"b{size}.duckdb"
        summary, calls = _run([corpus], db, batch_size=size)
        assert len(calls) == -(-31 // size)
        assert summary.stored == 31
        snaps.append(snapshot(db))
    assert snaps[0] == snaps[1] == snaps[2]


def test_local_bad_inputs_are_recorded_and_the_run_goes_on(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    written = write_corpus(corpus / "good", 12)
    bad = write_bad_inputs(corpus)
    db = tmp_path / "t.duckdb"

    summary, _ = _run([corpus], db)

    assert summary.stored == written + BAD_INPUT_GOOD_DOCS
    got = {(Path(f.source).name, f.code, f.record or "") for f in summary.failures}
    assert got == {(b.name, b.code, b.record) for b in bad}
    stored = {(Path(str(source)).name, code, record) for source, record, code in snapshot(db).failure_keys}
    assert stored == got


def test_local_later_bad_run_keeps_what_was_stored(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    write_corpus(tmp_path / "good", 9)
    _run([tmp_path / "good"], db)
    before = snapshot(db)

    summary, _ = _run(
        [tmp_path / "missing", *(tmp_path / "bad" / b.name for b in write_bad_inputs(tmp_path / "bad"))], db
    )

    after = snapshot(db)
    assert before.hashes <= after.hashes
    assert after.counts["documents"] == before.counts["documents"] + BAD_INPUT_GOOD_DOCS
    assert "E101" in {f.code for f in summary.failures}


def test_local_documents_failing_extraction_are_recorded_not_stored(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 4, jsonl_share=0)
    # Only page furniture: the line classifier keeps nothing of it.
    (corpus / "menu.txt").write_text("Home | World | Sport\nSign in\nSubscribe\n", encoding="utf-8")
    db = tmp_path / "t.duckdb"

    summary, _ = _run([corpus], db)

    assert summary.stored == 4
    [failure] = summary.failures
    assert (Path(failure.source).name, failure.stage, failure.code) == ("menu.txt", "extract", "E201")
    assert snapshot(db).counts["failures"] == 1


@pytest.mark.slow
def test_local_two_workers_store_the_same_articles_as_one(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    written = write_corpus(corpus, 40)
    write_bad_inputs(corpus / "bad")

    one, _ = _run([corpus], tmp_path / "one.duckdb", workers=1)
    two, calls = _run([corpus], tmp_path / "two.duckdb", workers=2)

    assert two.stored == one.stored == written + BAD_INPUT_GOOD_DOCS
    assert sum(calls) == two.stored
    assert snapshot(tmp_path / "two.duckdb") == snapshot(tmp_path / "one.duckdb")


@pytest.mark.slow
def test_local_full_pipeline_two_workers_match_one(tmp_path: Path) -> None:
    # Through the CLI: the spawned workers each load the spaCy model and code events.
    corpus = tmp_path / "corpus"
    stories = write_event_corpus(corpus, copies=3)
    snaps = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.duckdb"
        run_ok("run", corpus, "--db", db, "--workers", str(workers), "--batch-size", "2")
        snaps[workers] = snapshot(db)
        assert broken_invariants(db) == {}

    assert snaps[1].counts["documents"] == stories
    assert snaps[1].counts["events"] > 0
    assert snaps[1].counts["quotes"] > 0
    assert snaps[2] == snaps[1]
