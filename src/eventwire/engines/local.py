"""The local engine: ingest, skip what is stored, process batches in N processes, store, stories.

Each worker process builds one `Pipeline` (spaCy model, actor dictionary) when it starts and
reuses it for every batch. Only the parent process writes to the database, one transaction
per batch, so a killed run leaves a consistent file and a re-run picks up where it stopped.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from eventwire.config import Config
from eventwire.engines.stories import StoriesSummary, update_stories
from eventwire.ingest import Blob, IngestOptions, iter_documents
from eventwire.pipeline import Pipeline, load_data_files
from eventwire.records import BatchResult, Failure, RawDocument
from eventwire.store import Store
from eventwire.store.rows import TableRows

ProgressCallback = Callable[[int], None]
"""Called with the number of documents just finished."""

_worker_pipeline: Pipeline | None = None


@dataclass(slots=True)
class RunSummary:
    """What a run did, for the CLI to print."""

    seen: int = 0
    stored: int = 0
    duplicates: int = 0
    events: int = 0
    quotes: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    stories: StoriesSummary = field(default_factory=StoriesSummary)

    @property
    def docs_per_second(self) -> float:
        return self.seen / self.seconds if self.seconds else 0.0


def _init_worker(config: Config) -> None:
    # Ctrl-C is the parent's to handle: workers that also catch it print one traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _worker_pipeline
    _worker_pipeline = Pipeline(config)


def _process_in_worker(batch: list[RawDocument]) -> BatchResult:
    assert _worker_pipeline is not None, "worker started without its pipeline"
    return _worker_pipeline.process_batch(batch)


def _batches(
    items: Iterable[RawDocument | Failure], store: Store, size: int, summary: RunSummary
) -> Iterator[list[RawDocument]]:
    """Group new documents into batches; failures and already-stored documents are set aside."""
    seen_hashes: set[str] = set()
    pending: list[RawDocument] = []

    def flush() -> Iterator[list[RawDocument]]:
        known = store.known_hashes(d.hash for d in pending)
        fresh = [d for d in pending if d.hash not in known]
        summary.duplicates += len(pending) - len(fresh)
        pending.clear()
        if fresh:
            yield fresh

    for item in items:
        if isinstance(item, Failure):
            summary.failures.append(item)
            store.record_failures([item])
            continue
        summary.seen += 1
        if item.hash in seen_hashes:
            summary.duplicates += 1
            continue
        seen_hashes.add(item.hash)
        pending.append(item)
        if len(pending) >= size:
            yield from flush()
    yield from flush()


def run_local(
    paths: Sequence[str | Path | Blob],
    config: Config,
    store: Store,
    progress: ProgressCallback | None = None,
    pipeline: Pipeline | None = None,
) -> RunSummary:
    """Ingest `paths` (files, folders, globs, or files' bytes) into `store` with
    `config.worker_count` processes.

    Args:
        pipeline: an already-built pipeline to use in-process (one worker); built when absent.
    """
    documents = iter_documents(paths, IngestOptions(max_bytes=config.max_bytes))
    return run_documents(documents, config, store, progress=progress, pipeline=pipeline)


BatchRows = Callable[[BatchResult], Sequence[TableRows]]
"""Rows of other tables to commit with a batch (see `Store.write_batch`)."""


def run_documents(
    documents: Iterable[RawDocument | Failure],
    config: Config,
    store: Store,
    progress: ProgressCallback | None = None,
    pipeline: Pipeline | None = None,
    also: BatchRows | None = None,
) -> RunSummary:
    """Process and store documents from any source (files, a crawler), then run the story stage.

    Args:
        documents: what to ingest, in order; failures among them are recorded as they come.
        pipeline: an already-built pipeline to use in-process (one worker); built when absent.
        also: rows to commit in the same transaction as each batch, computed from its result.
    """
    if config.code_events and pipeline is None:
        # A bad user data file is reported here, once, not by every worker process.
        load_data_files(config)
    summary = RunSummary()
    started = time.perf_counter()
    batches = _batches(documents, store, config.batch_size, summary)

    def store_result(result: BatchResult, size: int) -> None:
        summary.stored += store.write_batch(result, also=also(result) if also else ())
        summary.events += sum(len(p.events) for p in result.processed)
        summary.quotes += sum(len(p.quotes) for p in result.processed)
        summary.failures.extend(result.failures)
        if progress:
            progress(size)

    if config.worker_count <= 1 or pipeline is not None:
        local = pipeline or Pipeline(config)
        for batch in batches:
            store_result(local.process_batch(batch), len(batch))
    else:
        _run_pool(batches, config, store_result)
    # After every batch is stored, so that stories see the run's articles in date order whatever
    # the batching; an interrupted run leaves articles without a story, which the next run picks up.
    summary.stories = update_stories(store)
    summary.seconds = time.perf_counter() - started
    return summary


def _run_pool(
    batches: Iterator[list[RawDocument]], config: Config, store_result: Callable[[BatchResult, int], None]
) -> None:
    """Keep a bounded number of batches in flight; store results in submission order."""
    in_flight: list[tuple[Future[BatchResult], int]] = []
    limit = 2 * config.worker_count
    # Workers are started (one per submitted batch, up to worker_count) with Ctrl-C ignored, which
    # they keep from their first instruction: a Ctrl-C while they import would print a traceback
    # each. The parent handles it again once they are all started.
    parent_sigint = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        # spawn, not fork: the parent holds an open DuckDB connection that children must not inherit.
        with ProcessPoolExecutor(
            max_workers=config.worker_count,
            mp_context=get_context("spawn"),
            initializer=_init_worker,
            initargs=(config,),
        ) as pool:
            for batch in batches:
                in_flight.append((pool.submit(_process_in_worker, batch), len(batch)))
                if parent_sigint is not None and len(in_flight) >= config.worker_count:
                    signal.signal(signal.SIGINT, parent_sigint)
                    parent_sigint = None
                while len(in_flight) >= limit:
                    future, size = in_flight.pop(0)
                    store_result(future.result(), size)
            for future, size in in_flight:
                store_result(future.result(), size)
    finally:
        if parent_sigint is not None:
            signal.signal(signal.SIGINT, parent_sigint)
