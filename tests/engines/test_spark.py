"""The Spark engine with real pyspark in local mode, against a local run of the same corpus.

One Spark session serves the module (`local[2,2]`: two cores, and a task may fail once so that
retries can be tested); the identical-results test drives the real commands
(`eventwire run`, `eventwire spark --master local[2]`, `eventwire load`) in subprocesses.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from e2e_helpers import run_cli
from spark_helpers import (
    COMPARED,
    CRAWL_PAGES,
    SPARK_CONF,
    parquet_rows,
    start_test_session,
    table_rows,
    write_spark_corpus,
)

from eventwire.config import Config
from eventwire.engines.local import run_local
from eventwire.engines.spark_dataset import PARTITION_COLUMN
from eventwire.engines.spark_load import load_dataset
from eventwire.engines.spark_runner import SparkSummary, run_spark
from eventwire.engines.spark_session import SparkOptions
from eventwire.store import Store
from eventwire.store.rows import TABLES
from eventwire.store.schema import table_columns as columns

pytest.importorskip("pyspark")
pytestmark = pytest.mark.slow

PARTITIONS = 4
CLI_TIMEOUT = 1200


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_spark_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = start_test_session()
    yield session
    session.stop()


@pytest.fixture(scope="module")
def coded(
    spark: Any, corpus: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, SparkSummary]:
    """The whole pipeline on Spark over the corpus, in this process's session."""
    out = tmp_path_factory.mktemp("coded") / "dataset"
    summary = run_spark(
        [str(p) for p in corpus], str(out), Config(), SparkOptions(partitions=PARTITIONS), session=spark
    )
    return out, summary


def _articles_only(spark: Any, inputs: list[str], out: Path, **kwargs: Any) -> SparkSummary:
    config = Config(code_events=False)
    return run_spark(inputs, str(out), config, SparkOptions(partitions=PARTITIONS), session=spark, **kwargs)


def _cli_ok(*args: str | Path) -> str:
    result = run_cli(*args, timeout=CLI_TIMEOUT)
    assert result.returncode == 0, f"eventwire {' '.join(map(str, args))} failed:\n{result.stderr[-3000:]}"
    return result.stdout


def test_spark_run_and_load_match_a_local_run(corpus: list[Path], tmp_path: Path) -> None:
    local_db, spark_db, dataset = tmp_path / "local.duckdb", tmp_path / "spark.duckdb", tmp_path / "ds"
    _cli_ok("run", *corpus, "--db", local_db, "--workers", "1")
    conf = [arg for key, value in SPARK_CONF.items() for arg in ("--conf", f"{key}={value}")]
    printed = _cli_ok("spark", *corpus, "--out", dataset, "--master", "local[2]", "--partitions", "4", *conf)
    assert "documents read" in printed
    _cli_ok("load", dataset, "--db", spark_db)

    for table in COMPARED:
        local, distributed = table_rows(local_db, table), table_rows(spark_db, table)
        assert distributed == local, f"{table} differs"
    # Not vacuous: the corpus gives events, quotes, stories, copies, a rename and failures.
    with duckdb.connect(str(spark_db), read_only=True) as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COMPARED}  # type: ignore[index]
        renamed = con.execute("SELECT count(*) FROM documents WHERE doc_id LIKE 'brief-1-%'").fetchone()
    assert counts["events"] >= 10 and counts["quotes"] >= 3 and counts["stories"] >= 3
    assert counts["article_copies"] >= 1 and counts["failures"] >= 2
    assert renamed == (1,)


def test_spark_load_twice_adds_nothing(coded: tuple[Path, SparkSummary], tmp_path: Path) -> None:
    dataset, _ = coded
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        first = load_dataset(dataset, store)
    before = {t: table_rows(db, t) for t in COMPARED}
    with Store(db) as store:
        second = load_dataset(dataset, store)
    assert first.added["documents"] > 0
    assert set(second.added.values()) == {0}
    assert second.already_stored == first.added["documents"]
    assert {t: table_rows(db, t) for t in COMPARED} == before


def test_spark_dataset_has_the_store_columns(coded: tuple[Path, SparkSummary]) -> None:
    dataset, summary = coded
    with duckdb.connect() as con:
        for table in TABLES:
            files = sorted(str(f) for f in (dataset / table).rglob("*.parquet"))
            assert files, table
            described = con.execute(
                "DESCRIBE SELECT * FROM read_parquet(?, hive_partitioning = false)", [files]
            ).fetchall()
            assert [(r[0], r[1]) for r in described] == [(c.name, c.type) for c in columns(table)]
            assert summary.rows[table] == len(parquet_rows(dataset, table))
    # Partitioned by publication date: the events of 2025-06-02 articles sit under that folder.
    assert (dataset / "articles" / f"{PARTITION_COLUMN}=2025-06-02").is_dir()
    assert any((dataset / "events").glob(f"{PARTITION_COLUMN}=*/*.parquet"))


def test_spark_spreads_a_warc_over_tasks_and_loads_the_model_once_per_worker(
    coded: tuple[Path, SparkSummary], corpus: list[Path]
) -> None:
    _, summary = coded
    assert len(summary.tasks) == PARTITIONS
    # The crawl is one file (its index follows the sample's files): its records ran in many tasks.
    by_file = Counter(index for task in summary.tasks for index in task.files)
    crawl_index = summary.files - 2
    assert by_file[crawl_index] >= 2
    assert summary.seen == 21 + CRAWL_PAGES + 1 + 3
    assert summary.duplicates == 3  # the sample's copy, the crawl's repeat, the JSONL repeat
    # Four tasks, at most two Python workers, each of which built its pipeline once.
    assert summary.worker_processes <= 2
    assert summary.pipeline_builds == summary.worker_processes


def test_spark_retried_task_leaves_no_duplicates(spark: Any, corpus: list[Path], tmp_path: Path) -> None:
    inputs = [str(p) for p in corpus]
    clean = _articles_only(spark, inputs, tmp_path / "clean")
    spark.sparkContext.setJobGroup("retried", "a run whose partition 1 dies once")
    retried = _articles_only(spark, inputs, tmp_path / "retried", fail_first_attempt_of=1)
    assert _failed_tasks(spark, "retried") == 1
    assert retried.rows == clean.rows
    for table in TABLES:
        stamped = {"documents": ("ingested_at",), "failures": ("seen_at",)}.get(table, ())
        assert parquet_rows(tmp_path / "retried", table, stamped) == parquet_rows(
            tmp_path / "clean", table, stamped
        ), table


def _failed_tasks(spark: Any, group: str) -> int:
    tracker = spark.sparkContext.statusTracker()
    stages = {s for job in tracker.getJobIdsForGroup(group) for s in tracker.getJobInfo(job).stageIds}
    return sum(info.numFailedTasks for info in map(tracker.getStageInfo, stages) if info is not None)


def test_spark_reads_uris_like_local_paths(spark: Any, corpus: list[Path], tmp_path: Path) -> None:
    local = _articles_only(spark, [str(p) for p in corpus], tmp_path / "paths")
    uris = _articles_only(spark, [p.as_uri() for p in corpus], tmp_path / "uris")
    assert uris.rows == local.rows
    # Sources are named by URI instead of path; the documents and articles are the same.
    assert parquet_rows(tmp_path / "uris", "articles", ("source",)) == parquet_rows(
        tmp_path / "paths", "articles", ("source",)
    )
    sources = {row[3] for row in parquet_rows(tmp_path / "uris", "documents")}
    assert all(source.startswith("file:/") for source in sources)


def test_spark_missing_input_is_a_failure_not_a_crash(spark: Any, corpus: list[Path], tmp_path: Path) -> None:
    summary = _articles_only(spark, [str(corpus[2]), str(tmp_path / "nowhere.warc")], tmp_path / "ds")
    failures = parquet_rows(tmp_path / "ds", "failures", ("seen_at",))
    assert ("E101" in {row[3] for row in failures}) and summary.stored == 2


def test_spark_clusters_stories_in_windows_as_a_local_run_does(spark: Any, tmp_path: Path) -> None:
    """Forty days of coverage in one-day windows: many story tasks, stories and copies across
    them, two stories older than the warm-up; the dataset's story tables are a local run's."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "stories"))
    from story_helpers import generated_coverage

    coverage = tmp_path / "coverage.jsonl"
    coverage.write_text("".join(json.dumps(item) + "\n" for item in generated_coverage()), encoding="utf-8")
    config = Config(code_events=False, workers=1, db=str(tmp_path / "local.duckdb"))
    with Store(tmp_path / "local.duckdb") as store:
        run_local([coverage], config, store)
    options = SparkOptions(partitions=PARTITIONS, story_window_days=1)
    run_spark([str(coverage)], str(tmp_path / "ds"), Config(code_events=False), options, session=spark)

    local_members = table_rows(tmp_path / "local.duckdb", "story_articles")
    spark_members = parquet_rows(tmp_path / "ds", "story_articles")
    assert [row[:3] for row in spark_members] == [row[:3] for row in local_members]
    assert len({row[1] for row in spark_members}) >= 20
    for table in ("article_copies", "term_frequencies"):
        assert parquet_rows(tmp_path / "ds", table) == table_rows(tmp_path / "local.duckdb", table), table
    # Loaded into a new store, the stories are taken as they are (scores aside, see stories.windows).
    with Store(tmp_path / "loaded.duckdb") as store:
        loaded = load_dataset(tmp_path / "ds", store)
    assert loaded.stories.articles == len(local_members) and loaded.stories.copies >= 5
    stories = table_rows(tmp_path / "local.duckdb", "stories")
    assert table_rows(tmp_path / "loaded.duckdb", "stories") == stories


def test_spark_run_with_no_article_writes_empty_story_tables(spark: Any, tmp_path: Path) -> None:
    summary = _articles_only(spark, [str(tmp_path / "nowhere.warc")], tmp_path / "ds")
    assert summary.stored == 0 and summary.rows["story_articles"] == 0
    with Store(tmp_path / "empty.duckdb") as store:
        loaded = load_dataset(tmp_path / "ds", store)
    assert loaded.added["failures"] == 1 and loaded.stories.articles == 0
