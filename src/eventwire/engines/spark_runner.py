"""The Spark engine: the same `Pipeline.process_batch` as a local run, over a cluster's cores.

A run, in order:

1. plan (driver): the inputs become a numbered list of files (`spark_inputs`);
2. read (one task per group of files): eventwire's readers turn each file into documents and
   failures keyed `(file, position)` (`spark_ingest`);
3. decide (driver, over keys only): which documents are duplicates of earlier ones and which
   given ids clash, first in input order winning, as in a local run (`spark_dedupe`);
4. process: the documents are spread over N partitions record by record (so the records of one
   big WARC file become many tasks) and sorted by key within each; every partition runs
   `Pipeline.process_batch` and turns results into the store's rows (`spark_executor`);
5. write: one Parquet folder a table, partitioned by publication date (`spark_dataset`);
6. stories: copies and stories in windows of days, side by side (`spark_stories`), written as
   the store's story tables.

`eventwire load` then brings the dataset into a DuckDB store (`spark_load`).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from eventwire.config import Config
from eventwire.engines.spark_dataset import write_manifest, write_tables
from eventwire.engines.spark_dedupe import decide
from eventwire.engines.spark_executor import STATS, TaskStats, process_partition
from eventwire.engines.spark_ingest import Keyed, read_bytes, read_local
from eventwire.engines.spark_inputs import InputFile, list_inputs
from eventwire.engines.spark_session import SparkOptions, partition_count, start_session
from eventwire.engines.spark_stories import STORY_TABLES, story_rows
from eventwire.errors import E, EventwireError
from eventwire.ingest import IngestOptions
from eventwire.pipeline import load_data_files
from eventwire.store.rows import TABLES

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

HADOOP_GLOB = re.compile(r"([\\{}\[\]*?])")
"""Characters `binaryFiles` would read as a glob in a file's own name: escaped with a backslash."""


@dataclass(slots=True)
class SparkSummary:
    """What a Spark run did, for the CLI to print and the bench to read."""

    files: int = 0
    seen: int = 0
    """Documents read, duplicates included (as `eventwire run` counts them)."""
    duplicates: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    """Rows written per table."""
    partitions: int = 0
    tasks: list[TaskStats] = field(default_factory=list)
    seconds: float = 0.0
    story_seconds: float = 0.0
    """Of `seconds`, the story stage's (its three passes and the writing of its tables)."""

    @property
    def stored(self) -> int:
        return self.rows.get("documents", 0)

    @property
    def docs_per_second(self) -> float:
        return self.seen / self.seconds if self.seconds else 0.0

    @property
    def worker_processes(self) -> int:
        return len({t.pid for t in self.tasks})

    @property
    def peak_worker_mib(self) -> float:
        """The largest peak resident memory of any Python worker process."""
        return max((t.peak_rss_kib for t in self.tasks), default=0) / 1024

    @property
    def pipeline_builds(self) -> int:
        """Pipelines built in all (the highest count each worker process reported, summed)."""
        per_process: dict[int, int] = {}
        for task in self.tasks:
            per_process[task.pid] = max(per_process.get(task.pid, 0), task.builds)
        return sum(per_process.values())


def run_spark(
    inputs: Sequence[str],
    out: str,
    config: Config,
    options: SparkOptions | None = None,
    session: SparkSession | None = None,
    *,
    fail_first_attempt_of: int | None = None,
) -> SparkSummary:
    """Process `inputs` on Spark and write the dataset under `out` (replacing an earlier one).

    Args:
        session: a running session to use (and leave running); one is started otherwise.
        fail_first_attempt_of: for tests: a partition whose first attempt dies (see
            `spark_executor.process_partition`).

    Raises:
        EventwireError: E701/E702 when Spark cannot start, E601 for a bad user data file,
            E705 when the Spark job fails.
    """
    from py4j.protocol import Py4JError

    options = options or SparkOptions()
    if config.code_events:
        # A bad user data file is reported here, once, not by every task.
        load_data_files(config)
    own = session is None
    session = session or start_session(options)
    started = time.perf_counter()
    try:
        summary = _run(session, inputs, out, config, options, fail_first_attempt_of)
    except Py4JError as exc:
        raise EventwireError(E.E705, detail=_java_message(exc)) from exc
    finally:
        if own:
            session.stop()
    summary.seconds = time.perf_counter() - started
    return summary


def _run(
    session: SparkSession,
    inputs: Sequence[str],
    out: str,
    config: Config,
    options: SparkOptions,
    fail_first_attempt_of: int | None,
) -> SparkSummary:
    from pyspark import StorageLevel

    stamp = datetime.now(UTC).replace(tzinfo=None)
    ingest_options = IngestOptions(max_bytes=config.max_bytes)
    files, listing_failures = list_inputs(session, inputs, ingest_options)
    summary = SparkSummary(files=len(files), partitions=partition_count(session, options))
    sc = session.sparkContext
    items = _read(session, files, ingest_options, summary.partitions)
    if listing_failures:
        keyed = [((-1, i), failure) for i, failure in enumerate(listing_failures)]
        items = items.union(sc.parallelize(keyed, 1))
    # Read once, used twice (the keys for the decisions, the documents for processing).
    items = items.persist(StorageLevel.MEMORY_AND_DISK)
    decisions = decide(items)
    summary.seen, summary.duplicates = decisions.documents, len(decisions.duplicates)
    shared = sc.broadcast(decisions)
    rows = (
        items.repartitionAndSortWithinPartitions(summary.partitions)
        .mapPartitions(
            lambda part: process_partition(part, config, shared.value, stamp, fail_first_attempt_of)
        )
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    summary.tasks = [TaskStats(*row) for table, row in rows.filter(lambda r: r[0] == STATS).collect()]
    items.unpersist()
    counted: Counter[str] = Counter()
    for task in summary.tasks:
        counted.update(dict(task.rows))
    summary.rows = write_tables(session, rows.filter(lambda r: r[0] in TABLES), out, TABLES, counted)
    started = time.perf_counter()
    stories, originals = story_rows(session, rows, summary.partitions, options.story_window_days)
    summary.rows.update(write_tables(session, stories, out, STORY_TABLES))
    summary.story_seconds = time.perf_counter() - started
    write_manifest(session, out, stamp, summary.rows, story_documents=originals)
    rows.unpersist()
    shared.destroy()
    return summary


def _read(session: SparkSession, files: list[InputFile], options: IngestOptions, slices: int) -> RDD[Keyed]:
    """Stage 1: every file read by eventwire's readers, local files by path, remote ones as bytes."""
    sc = session.sparkContext
    parts: list[RDD[Keyed]] = []
    local = [f for f in files if not f.remote]
    if local:
        parts.append(sc.parallelize(local, min(len(local), slices)).flatMap(lambda f: read_local(f, options)))
    remote = {f.location: f for f in files if f.remote}
    if remote:
        # One comma-separated listing; Hadoop splits it on commas, so a name with one is unsupported.
        listing = ",".join(HADOOP_GLOB.sub(r"\\\1", uri) for uri in remote)
        by_uri = sc.broadcast(remote)
        parts.append(
            sc.binaryFiles(listing, minPartitions=slices).flatMap(
                lambda pair: read_bytes(by_uri.value[pair[0]], pair[1], options)
            )
        )
    if not parts:
        return sc.emptyRDD()
    return parts[0] if len(parts) == 1 else sc.union(parts)


def _java_message(exc: Any) -> str:
    """The first line of the Java exception that failed the job, without the stack."""
    java = getattr(exc, "java_exception", None)
    text = str(java.toString()) if java is not None else str(exc)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
