"""Executor side, stage 2: `Pipeline.process_batch` over a partition's documents, rows out.

Each Python worker process builds one `Pipeline` (spaCy model, actor dictionary) the first time
a task needs it and keeps it for every later task: Spark reuses its Python workers
(`spark.python.worker.reuse`, on by default), so a worker loads the model once.

Rows are made by the store's own mapping (`store.rows.BatchRows`, what `Store.write_batch`
inserts), without a store. Ids are content hashes (`event_id`, `quote_id`, `actor_id`),
timestamps come from the run's start and the input order (see `ingest_time`), and rows come out
sorted, so a retried task produces exactly the rows the failed one would have.
"""

from __future__ import annotations

import os
import resource
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from eventwire.config import Config
from eventwire.engines.spark_dataset import PARTITIONED
from eventwire.engines.spark_dedupe import Decisions
from eventwire.engines.spark_ingest import Keyed, OrderKey
from eventwire.engines.spark_stories import VIEW
from eventwire.pipeline import Pipeline
from eventwire.records import BatchResult, Failure, RawDocument
from eventwire.store.rows import TABLES, BatchRows, Row, free_doc_id, sorted_rows

STATS = "_stats"
"""The table name of the one bookkeeping row each task adds (not written to the dataset)."""
FLUSH_DOCUMENTS = 512
"""Documents whose rows a task holds before it hands them to Spark."""
TableRow = tuple[str, Row]
POSITIONS_PER_FILE = 1 << 20
"""Room for a file's records in `ingest_time` (a CC-NEWS WARC file holds some 30,000)."""

_pipelines: dict[str, Pipeline] = {}
_builds = 0


@dataclass(frozen=True, slots=True)
class TaskStats:
    """What one task did, for the run's summary and the once-per-process check."""

    pid: int
    builds: int
    """Pipelines this worker process has built so far (1 when the model is reused)."""
    documents: int
    duplicates: int
    files: tuple[int, ...]
    """The input files whose documents this task processed (a big file's records span tasks)."""
    peak_rss_kib: int
    """The worker process's peak resident memory so far (the kernel's high-water mark)."""
    rows: tuple[tuple[str, int], ...] = ()
    """Rows the task handed over, by table."""


def pipeline_for(config: Config) -> Pipeline:
    """This process's pipeline for `config`, built on first use."""
    global _builds
    key = repr(sorted(config.to_dict().items()))
    if key not in _pipelines:
        _pipelines[key] = Pipeline(config)
        _builds += 1
    return _pipelines[key]


def process_partition(
    items: Iterable[Keyed],
    config: Config,
    decisions: Decisions,
    stamp: datetime,
    fail_first_attempt_of: int | None = None,
) -> Iterator[TableRow]:
    """Process one partition's documents (sorted by order key) and yield `(table, row)` pairs.

    Args:
        decisions: the duplicates to skip and the ids to rename (`spark_dedupe`).
        stamp: the run's start, for `ingested_at` (see `ingest_time`) and `seen_at`.
        fail_first_attempt_of: for tests of task retries: the partition whose first attempt
            kills its Python worker after handing over some rows.
    """
    from pyspark import TaskContext

    context = TaskContext.get()
    crash = (
        fail_first_attempt_of is not None
        and context is not None
        and context.partitionId() == fail_first_attempt_of
        and context.attemptNumber() == 0
    )
    writer = _Writer(stamp)
    pending: list[tuple[Keyed, RawDocument]] = []
    documents = duplicates = 0
    files: set[int] = set()
    for keyed in items:
        key, item = keyed
        if isinstance(item, Failure):
            writer.failures([item])
            continue
        documents += 1
        if key in decisions.duplicates:
            duplicates += 1
            continue
        pending.append((keyed, item))
        files.add(key[0])
        if len(pending) >= config.batch_size:
            writer.batch(_process(pending, config, decisions), pending)
            pending = []
        if writer.held >= FLUSH_DOCUMENTS:
            yield from writer.flush()
            if crash:
                os._exit(1)
    if pending:
        writer.batch(_process(pending, config, decisions), pending)
    yield from writer.flush()
    if crash:
        os._exit(1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows = tuple(sorted(writer.rows.items()))
    yield STATS, (os.getpid(), _builds, documents, duplicates, tuple(sorted(files)), peak, rows)


def ingest_time(stamp: datetime, key: OrderKey) -> datetime:
    """`documents.ingested_at` of the document at `key`: the run's start plus its input rank in
    microseconds. A local run stamps documents as it writes them, in input order; these stamps keep
    that order, which `eventwire load` inserts by (stories break ties by storage order)."""
    file, position = key
    return stamp + timedelta(microseconds=max(file, 0) * POSITIONS_PER_FILE + position)


def _process(pending: list[tuple[Keyed, RawDocument]], config: Config, decisions: Decisions) -> BatchResult:
    result = pipeline_for(config).process_batch([doc for _, doc in pending])
    renamed = {id(doc) for (key, _), doc in pending if key in decisions.renamed}
    result.processed = [
        free_doc_id(p, {p.document.doc_id or ""}) if id(p.document) in renamed else p
        for p in result.processed
    ]
    return result


EPOCH = datetime(1970, 1, 1)


class _Writer:
    """Batches in, the store's rows out (each with its publication date where the table has one)."""

    def __init__(self, stamp: datetime) -> None:
        self.stamp = stamp
        self.pending = BatchRows()
        self.ranks: dict[str, int] = {}
        self.held = 0
        self.rows: Counter[str] = Counter()

    def batch(self, result: BatchResult, pending: list[tuple[Keyed, RawDocument]]) -> None:
        times = {doc.hash: ingest_time(self.stamp, key) for (key, _), doc in pending}
        for item in result.processed:
            self.pending.add(item, ingested_at=times[item.document.hash])
            # What clustering orders articles by: when they were stored, in microseconds.
            self.ranks[item.document.hash] = (times[item.document.hash] - EPOCH) // timedelta(microseconds=1)
        self.failures(result.failures)
        self.held += len(result.processed)

    def failures(self, failures: list[Failure]) -> None:
        for failure in failures:
            self.pending.add_failure(failure, seen_at=self.stamp)

    def flush(self) -> Iterator[TableRow]:
        batch = self.pending
        # Each partitioned table's rows find their article's publication date by a column of theirs.
        by_hash = {art[1]: art[5] for art in batch.articles}
        by_doc = {art[0]: art[5] for art in batch.articles}
        date_of = {
            "documents": (by_hash, 0), "articles": (by_doc, 0), "events": (by_doc, 1), "quotes": (by_doc, 1)
        }
        rows: list[TableRow] = []
        for table in TABLES:
            table_rows = sorted_rows(batch.table(table))
            if table in PARTITIONED:
                dates, column = date_of[table]
                table_rows = [(*row, dates.get(row[column])) for row in table_rows]
            rows.extend((table, row) for row in table_rows)
        self.rows.update(table for table, _ in rows)
        rows.extend((VIEW, view) for view in batch.article_views(self.ranks))
        self.pending, self.ranks, self.held = BatchRows(), {}, 0
        yield from rows
