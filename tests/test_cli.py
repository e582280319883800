"""The `eventwire` command end to end: real subprocesses on real files and DuckDB databases.

Most tests use `--articles-only` (no spaCy) to stay quick; the ones that code events are
marked `slow`.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

import eventwire
from engines.e2e_helpers import (
    BAD_INPUT_GOOD_DOCS,
    COMMAND,
    broken_invariants,
    clean_env,
    failure_lines,
    parse_summary,
    run_cli,
    run_ok,
    snapshot,
    start_cli,
    story_text,
    table_counts,
    wal_of,
    write_bad_inputs,
    write_corpus,
    write_event_corpus,
)
from engines.read_only import Lock, run_read_only

ARTICLE_KEYS = {"id", "title", "outlet", "published", "url", "source", "record", "text"}


def _run_articles(*paths: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("run", *paths, "--db", db, "--workers", "1", "--articles-only")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_error_line(stderr: str) -> str:
    """The single line a failing command prints; fails when it printed more (a traceback, a wrapped line)."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got:\n{stderr}"
    assert "Traceback" not in stderr
    return lines[0]


def _parquet_rows(path: Path) -> int:
    with duckdb.connect() as con:
        return con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()[0]  # type: ignore[index]


def _status_counts(stdout: str) -> dict[str, int]:
    """The table/rows pairs of `eventwire status`, read from its box-drawn table."""
    counts = {}
    for line in stdout.splitlines():
        match = re.match(r"\W*([a-z_]+)\W+(\d+)\W*$", line)
        if match:
            counts[match.group(1)] = int(match.group(2))
    return counts


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding 12 articles, read (never written) by the tests that use it."""
    base = tmp_path_factory.mktemp("small")
    write_corpus(base / "corpus", 12)
    db = base / "small.duckdb"
    result = _run_articles(base / "corpus", db=db)
    assert result.returncode == 0, result.stderr
    return db


# -- version and help ------------------------------------------------------------------------


def test_cli_version_prints_the_package_version() -> None:
    result = run_ok("--version")
    assert result.stdout.strip() == f"eventwire {eventwire.__version__}"


def test_cli_help_lists_the_commands() -> None:
    result = run_ok("--help")
    for command in ("run", "status", "articles", "article", "export", "events", "event", "quotes", "code"):
        assert re.search(rf"^\W*{command}\b", result.stdout, re.MULTILINE), command


# -- run: bad input is reported, recorded and stepped over ------------------------------------


def test_cli_run_mixed_bad_inputs_exits_zero_and_reports_each(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    good = write_corpus(corpus / "good", 10)
    bad = write_bad_inputs(corpus)
    missing = tmp_path / "not-there.txt"
    db = tmp_path / "t.duckdb"

    result = _run_articles(corpus, missing, db=db)

    assert result.returncode == 0, result.stderr
    lines = failure_lines(result.stderr)
    assert len(lines) == len(bad) + 1
    assert f"skipped {missing}: E101 path does not exist" in lines
    for item in bad:
        path = str(corpus / item.name)
        where = path + (f" [{item.record}]" if item.record else "")
        [line] = [line for line in lines if path in line]
        # One line names the file (and record), the code and the reason.
        assert line.startswith(f"skipped {where}: {item.code} "), line
    assert parse_summary(result.stdout)["stored"] == good + BAD_INPUT_GOOD_DOCS
    counts = table_counts(db)
    assert counts["documents"] == good + BAD_INPUT_GOOD_DOCS
    assert counts["failures"] == len(bad) + 1

    status = run_ok("status", "--db", db)
    assert _status_counts(status.stdout)["failures"] == len(bad) + 1
    for item in bad:
        [line] = [line for line in status.stdout.splitlines() if str(corpus / item.name) in line]
        assert item.code in line
        if item.record:
            assert f"[{item.record}]" in line


def test_cli_run_missing_path_alone_exits_nonzero(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    result = _run_articles(missing, db=tmp_path / "t.duckdb")

    assert result.returncode != 0
    [line] = failure_lines(result.stderr)
    assert line == f"skipped {missing}: E101 path does not exist"
    assert table_counts(tmp_path / "t.duckdb")["failures"] == 1


def test_cli_run_folder_without_readable_files_exits_nonzero(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_bad_inputs(folder)
    # Only the unreadable ones: drop the two files that still give a document.
    (folder / "briefs.jsonl").unlink()
    (folder / "crawl.warc.gz").unlink()
    (folder / "notes.md").write_text("not a supported type\n", encoding="utf-8")

    result = _run_articles(folder, db=tmp_path / "t.duckdb")

    assert result.returncode != 0
    assert {line.split(": ")[1].split()[0] for line in failure_lines(result.stderr)} == {
        "E102",
        "E103",
        "E104",
    }
    assert table_counts(tmp_path / "t.duckdb")["documents"] == 0


def test_cli_run_empty_folder_exits_nonzero_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "nothing-here"
    folder.mkdir()
    result = _run_articles(folder, db=tmp_path / "t.duckdb")

    assert result.returncode != 0
    [line] = failure_lines(result.stderr)
    assert line.startswith(f"skipped {folder}: E109 folder holds no readable files")


def test_cli_run_same_input_twice_duplicates_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    written = write_corpus(corpus, 14)
    write_bad_inputs(corpus / "bad")
    db = tmp_path / "t.duckdb"

    first = _run_articles(corpus, db=db)
    before = snapshot(db)
    second = _run_articles(corpus, db=db)

    assert first.returncode == second.returncode == 0
    summary = parse_summary(second.stdout)
    assert summary["stored"] == 0
    assert summary["duplicates"] == summary["read"] == written + BAD_INPUT_GOOD_DOCS
    assert snapshot(db) == before


def test_cli_run_with_bad_input_keeps_what_was_stored(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    write_corpus(tmp_path / "good", 8)
    run_ok("run", tmp_path / "good", "--db", db, "--workers", "1", "--articles-only")
    before = snapshot(db)

    nothing = _run_articles(tmp_path / "missing", db=db)
    after_nothing = snapshot(db)
    write_bad_inputs(tmp_path / "bad")
    mixed = _run_articles(tmp_path / "bad", db=db)

    assert nothing.returncode != 0
    assert after_nothing.hashes == before.hashes
    assert mixed.returncode == 0
    after = snapshot(db)
    assert before.hashes <= after.hashes
    assert after.counts["documents"] == before.counts["documents"] + BAD_INPUT_GOOD_DOCS
    assert broken_invariants(db) == {}


def test_cli_same_document_under_two_names_is_stored_once(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(story_text(5), encoding="utf-8")
    # Same content with other line endings and spacing: the same normalised text.
    (corpus / "b-copy.txt").write_text(story_text(5).replace("\n", "\r\n") + "\n\n", encoding="utf-8")
    db = tmp_path / "t.duckdb"

    result = _run_articles(corpus, db=db)

    assert result.returncode == 0, result.stderr
    assert parse_summary(result.stdout) == {"read": 2, "stored": 1, "duplicates": 1, "events": 0, "quotes": 0}
    rows = [json.loads(line) for line in run_ok("articles", "--db", db, "--json").stdout.splitlines()]
    assert [Path(r["source"]).name for r in rows] == ["a.txt"]


# -- run: databases that cannot be used --------------------------------------------------------


def test_cli_run_db_that_is_not_duckdb_exits_nonzero_and_leaves_it(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 3)
    notes = tmp_path / "notes.txt"
    notes.write_text("my shopping list\n", encoding="utf-8")

    result = _run_articles(tmp_path / "in", db=notes)

    assert result.returncode != 0
    line = _one_error_line(result.stderr)
    assert line.startswith(f"error: E401 cannot open database {notes}: ")
    assert notes.read_text(encoding="utf-8") == "my shopping list\n"
    assert not wal_of(notes).exists()


@pytest.mark.parametrize("where", ["folder", "missing-parent"])
def test_cli_run_db_path_that_cannot_be_a_file_exits_nonzero(tmp_path: Path, where: str) -> None:
    write_corpus(tmp_path / "in", 3)
    db = tmp_path / "a-folder" if where == "folder" else tmp_path / "no" / "such" / "dir" / "t.duckdb"
    if where == "folder":
        db.mkdir()

    result = _run_articles(tmp_path / "in", db=db)

    assert result.returncode != 0
    assert _one_error_line(result.stderr).startswith(f"error: E401 cannot open database {db}: ")


def test_cli_reading_a_db_while_a_run_writes_it_fails_cleanly(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 250)
    db = tmp_path / "busy.duckdb"
    writer = start_cli(
        "run", tmp_path / "in", "--db", db, "--workers", "1", "--articles-only", "--batch-size", "1"
    )
    try:
        # Wait until the writer holds the file (its log exists), then try to read it.
        deadline = time.monotonic() + 60
        while not wal_of(db).exists() and writer.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        result = run_cli("status", "--db", db)
        # The log is folded into the file when the writer closes it: while it exists, the lock is held.
        still_writing = writer.poll() is None and wal_of(db).exists()
    finally:
        writer.wait(timeout=120)
    if not still_writing:
        pytest.skip("the run closed the database before the reader was done; nothing was tested")
    assert writer.returncode == 0
    assert result.returncode != 0, result.stdout
    assert _one_error_line(result.stderr).startswith(f"error: E401 cannot open database {db}: ")


def _run_locked(db: Path, lock: Lock, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_read_only([*COMMAND, *map(str, args)], db, lock, clean_env())


@pytest.fixture(scope="module")
def stored_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """A database holding 6 articles, new input for it, and the file's checksum.

    Shared by the read-only tests: none may change the file, and each checks it did not.
    """
    base = tmp_path_factory.mktemp("stored")
    db = base / "store" / "stored.duckdb"
    db.parent.mkdir()
    write_corpus(base / "first", 6)
    run_ok("run", base / "first", "--db", db, "--workers", "1", "--articles-only")
    write_corpus(base / "second", 20)
    return db, base / "second", _sha(db)


def test_cli_run_read_only_db_file_exits_nonzero_and_keeps_it(stored_db: tuple[Path, Path, str]) -> None:
    db, new_input, before = stored_db

    result = _run_locked(db, "file", "run", new_input, "--db", db, "--workers", "1", "--articles-only")

    assert result.returncode != 0
    assert _one_error_line(result.stderr).startswith(f"error: E402 database {db} is read-only: ")
    assert _sha(db) == before
    assert not wal_of(db).exists()
    status = _run_locked(db, "file", "status", "--db", db)
    assert status.returncode == 0, status.stderr
    assert _status_counts(status.stdout)["documents"] == 6


def test_cli_run_db_in_read_only_folder_loses_nothing(stored_db: tuple[Path, Path, str]) -> None:
    # The file is writable but its folder is not: DuckDB cannot create its write-ahead log.
    db, new_input, before = stored_db

    result = _run_locked(db, "folder", "run", new_input, "--db", db, "--workers", "1", "--articles-only")

    assert result.returncode != 0
    assert _sha(db) == before
    assert not wal_of(db).exists()
    assert table_counts(db)["documents"] == 6


def test_cli_run_db_in_read_only_folder_fails_with_one_line(stored_db: tuple[Path, Path, str]) -> None:
    db, new_input, _ = stored_db

    result = _run_locked(db, "folder", "run", new_input, "--db", db, "--workers", "1", "--articles-only")

    assert result.returncode != 0
    line = _one_error_line(result.stderr)
    assert "E402" in line
    assert str(db) in line


# -- reading the store ------------------------------------------------------------------------


def test_cli_status_prints_counts(small_db: Path) -> None:
    result = run_ok("status", "--db", small_db)

    assert str(small_db) in result.stdout
    assert _status_counts(result.stdout) == table_counts(small_db)
    assert _status_counts(result.stdout)["documents"] == 12


def test_cli_status_without_database_exits_nonzero(tmp_path: Path) -> None:
    db = tmp_path / "never-made.duckdb"
    result = run_cli("status", "--db", db)

    assert result.returncode != 0
    assert str(db) in _one_error_line(result.stderr)
    assert not db.exists()


def test_cli_articles_json_has_one_object_a_line(small_db: Path) -> None:
    result = run_ok("articles", "--db", small_db, "--json")

    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 12
    assert all(set(row) == ARTICLE_KEYS for row in rows)
    assert len({row["id"] for row in rows}) == 12
    by_record = {row["id"]: row for row in rows if row["record"]}
    # JSON Lines records keep their given id and date, and say which line they came from.
    assert by_record["wire-00000"]["record"] == "line 1"
    assert by_record["wire-00000"]["published"] == "2025-05-14"
    assert all(row["text"].strip() for row in rows)


def test_cli_articles_table_lists_every_article(small_db: Path) -> None:
    result = run_ok("articles", "--db", small_db)
    ids = [
        json.loads(line)["id"] for line in run_ok("articles", "--db", small_db, "--json").stdout.splitlines()
    ]
    assert all(doc_id in result.stdout for doc_id in ids)


def test_cli_article_prints_its_text(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    body = (
        "Ministers meet on river crossings\n\n"
        "AMBERTON - Ministers from both banks met on Tuesday [Xinhua] to agree new river crossings, "
        "officials said in a statement.\n\n"
        "The talks, the first since [2019], lasted six hours and ended with a joint plan."
    )
    (corpus / "story.jsonl").write_text(
        json.dumps({"id": "river-talks-1", "text": body}) + "\n", encoding="utf-8"
    )
    db = tmp_path / "t.duckdb"
    run_ok("run", corpus, "--db", db, "--workers", "1", "--articles-only")

    full = run_ok("article", "river-talks-1", "--db", db)
    by_prefix = run_ok("article", "river-talks", "--db", db)

    assert "id: river-talks-1" in full.stdout
    assert "[Xinhua]" in full.stdout
    assert "the first since [2019], lasted six hours" in full.stdout
    assert by_prefix.stdout == full.stdout
    as_json = json.loads(run_ok("article", "river-talks-1", "--db", db, "--json").stdout)
    assert as_json["id"] == "river-talks-1"
    assert as_json["text"] in full.stdout


def test_cli_article_prints_text_verbatim_with_colon_words(tmp_path: Path) -> None:
    text = (
        "Storm warning issued\n\n"
        "GREYPORT - The weather office raised its alert level and posted the code :warning: on its "
        "site on Friday, officials said.\n\nFerries stayed in port for the rest of the day."
    )
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "storm-1", "text": text}) + "\n", encoding="utf-8")
    db = tmp_path / "t.duckdb"
    run_ok("run", tmp_path / "in.jsonl", "--db", db, "--workers", "1", "--articles-only")

    assert "the code :warning: on its" in run_ok("article", "storm-1", "--db", db).stdout


def test_cli_article_unknown_id_exits_nonzero(small_db: Path) -> None:
    result = run_cli("article", "no-such-article", "--db", small_db)
    assert result.returncode != 0
    assert "no-such-article" in _one_error_line(result.stderr)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_cli_export_writes_a_readable_file(tmp_path: Path, small_db: Path, fmt: str) -> None:
    out = tmp_path / "sub" / f"events.{fmt}"
    result = run_ok("export", "--format", fmt, "--out", out, "--db", small_db)

    assert out.is_file()
    assert f"to {out}" in result.stdout
    if fmt == "jsonl":
        # Articles only: no events or quotes, so no lines, but a file that parses.
        assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == []
    elif fmt == "csv":
        header = out.read_text(encoding="utf-8").splitlines()[0]
        assert {"event_id", "doc_id", "type", "cameo", "source_name", "target_name"} <= set(header.split(","))
    else:
        assert _parquet_rows(out) == 0


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_cli_export_to_unwritable_path_fails_with_one_line(tmp_path: Path, small_db: Path, fmt: str) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()

    result = run_cli("export", "--format", fmt, "--out", folder, "--db", small_db)

    assert result.returncode != 0
    assert str(folder) in _one_error_line(result.stderr)


def test_cli_export_unknown_format_exits_2(tmp_path: Path, small_db: Path) -> None:
    result = run_cli("export", "--format", "xml", "--out", tmp_path / "e.xml", "--db", small_db)
    assert result.returncode == 2
    assert "xml" in _one_error_line(result.stderr)
    assert not (tmp_path / "e.xml").exists()


# -- where the database is --------------------------------------------------------------------


def test_cli_eventwire_db_variable_is_honoured(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 4)
    db = tmp_path / "from-env.duckdb"
    env = clean_env(EVENTWIRE_DB=str(db))

    ran = run_cli("run", tmp_path / "in", "--workers", "1", "--articles-only", cwd=tmp_path, env=env)
    status = run_cli("status", cwd=tmp_path, env=env)

    assert ran.returncode == status.returncode == 0, ran.stderr + status.stderr
    assert table_counts(db)["documents"] == 4
    assert not (tmp_path / "eventwire.duckdb").exists()
    assert str(db) in status.stdout
    assert _status_counts(status.stdout)["documents"] == 4


def test_cli_db_flag_wins_over_variable(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 3)
    flag_db, env_db = tmp_path / "flag.duckdb", tmp_path / "env.duckdb"
    env = clean_env(EVENTWIRE_DB=str(env_db))

    ran = run_cli("run", tmp_path / "in", "--db", flag_db, "--workers", "1", "--articles-only", env=env)

    assert ran.returncode == 0, ran.stderr
    assert table_counts(flag_db)["documents"] == 3
    assert not env_db.exists()


def test_cli_default_db_is_in_the_working_folder(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 3)
    ran = run_cli("run", "in", "--workers", "1", "--articles-only", cwd=tmp_path)

    assert ran.returncode == 0, ran.stderr
    assert table_counts(tmp_path / "eventwire.duckdb")["documents"] == 3


# -- the full pipeline (spaCy) ----------------------------------------------------------------


@pytest.mark.slow
def test_cli_full_pipeline_stores_events_and_quotes(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    docs = write_event_corpus(corpus)
    db = tmp_path / "t.duckdb"

    result = run_ok("run", corpus, "--db", db, "--workers", "1")

    summary = parse_summary(result.stdout)
    counts = table_counts(db)
    assert summary["stored"] == counts["documents"] == docs
    assert summary["events"] == counts["events"] > 0
    assert summary["quotes"] == counts["quotes"] > 0
    assert broken_invariants(db) == {}

    events = [json.loads(line) for line in run_ok("events", "--db", db, "--json").stdout.splitlines()]
    assert len(events) == counts["events"]
    assert {e["type"] for e in events} & {"CONSULT", "AGREE"}
    shown = run_ok("event", events[0]["event_id"], "--db", db).stdout
    assert events[0]["evidence"] in shown
    quotes = run_ok("quotes", "--db", db).stdout
    assert f"{counts['quotes']} quotes" in quotes

    out = tmp_path / "export"
    run_ok("export", "--format", "jsonl", "--out", out / "e.jsonl", "--db", db)
    run_ok("export", "--format", "csv", "--out", out / "e.csv", "--db", db)
    run_ok("export", "--format", "parquet", "--out", out / "e.parquet", "--db", db)
    lines = [json.loads(line) for line in (out / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sum(1 for line in lines if line["kind"] == "event") == counts["events"]
    assert sum(1 for line in lines if line["kind"] == "quote") == counts["quotes"]
    with (out / "e.csv").open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == counts["events"]
    assert _parquet_rows(out / "e.parquet") == counts["events"]


@pytest.mark.slow
def test_cli_code_prints_events_without_storing(tmp_path: Path) -> None:
    text = "German Chancellor Friedrich Merz met Polish Prime Minister Donald Tusk in Berlin on Wednesday."
    result = run_cli("code", text, "--published", "2025-05-14", "--json", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(line.get("type") == "CONSULT" for line in lines)
    assert not list(tmp_path.iterdir())


def test_cli_run_with_a_bad_pattern_file_fails_with_one_coded_line(tmp_path: Path) -> None:
    patterns = tmp_path / "mine.tsv"
    patterns.write_text("trigger\ttype\tcameo\ttargets\tmutual\trequires\nmeet\tCHAT\t040\tdobj\tyes\t\n")
    config = tmp_path / "eventwire.toml"
    config.write_text(f'[eventwire]\npattern_files = ["{patterns}"]\n')
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Chile and Peru signed a trade agreement on Tuesday.\n")
    result = run_cli(
        "run", tmp_path / "in", "--db", tmp_path / "t.duckdb", "--config", config, "--workers", "2"
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"E601 bad data file: {patterns}:2: unknown type 'CHAT'" in " ".join(result.stderr.split())
