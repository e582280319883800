"""One watch cycle: poll the sources, fetch what is new, run it through the one pipeline, alert.

1. Every source due (all of them with `due_only=False`) is polled at once, with a conditional
   GET: an unchanged feed answers 304 and costs nothing more.
2. The items of each changed source are checked against the URLs the store has met; new ones
   (at most `max_items` a source), and pages that failed for a passing reason before, are
   fetched (several at a time, one host at a time at its pace) and handed over in source and
   item order, so a run gives the same stories whatever the network's timing.
3. The documents go through `run_documents`: `Pipeline.process_batch`, the store (each batch in
   one transaction with the URLs it settles), then the story stage, as for `eventwire run`.
4. Only then are the sources' new validators saved; a cycle cut short (SIGKILL, Ctrl-C, a stop
   request) saves none, so the next one reads the feeds in full and takes what is missing.
5. Alert rules run over what the cycle added; new alerts are delivered, and so are earlier
   deliveries that failed.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from eventwire.config import Config
from eventwire.engines.local import run_documents
from eventwire.engines.stories import StoriesSummary, update_stories
from eventwire.errors import E, EventwireError
from eventwire.ingest import Rejected, bytes_to_text
from eventwire.ingest.files import ANY_TAG
from eventwire.pipeline import Pipeline
from eventwire.records import BatchResult, Failure, RawDocument
from eventwire.store import Store
from eventwire.store.crawl import (
    PollOutcome,
    SourceState,
    UrlRecord,
    known_urls,
    next_poll_time,
    register_sources,
    retry_items,
    save_polls,
    source_states,
    url_rows,
)
from eventwire.store.database import now_utc
from eventwire.store.rows import TableRows
from eventwire.watch.fetch import Fetched, Fetcher, FetchError
from eventwire.watch.listing import Item, Listing, parse_listing
from eventwire.watch.sources import Source, SourcesPlan

if TYPE_CHECKING:
    from eventwire.watch.alerts import AlertEngine, AlertReport

MAX_CHILD_SITEMAPS = 5
"""Child sitemaps of a sitemap index read in one poll, the most recently changed first."""
PREFETCH_PER_CONNECTION = 4
"""Pages fetched ahead of the pipeline, per connection: enough to keep it fed, little memory."""


@dataclass(slots=True)
class CycleSummary:
    """What one cycle did, for the status line and the one-line summary."""

    polled: int = 0
    not_modified: int = 0
    source_errors: int = 0
    new_items: int = 0
    retried: int = 0
    pages: int = 0
    page_errors: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    events: int = 0
    quotes: int = 0
    requests: int = 0
    stories: StoriesSummary = field(default_factory=StoriesSummary)
    alerts: AlertReport | None = None
    errors: list[str] = field(default_factory=list)
    """One line per fault met (source or page), with its code."""
    interrupted: bool = False
    seconds: float = 0.0

    @property
    def failures(self) -> int:
        return self.source_errors + self.page_errors + self.rejected

    def line(self) -> str:
        text = (
            f"watch: {self.polled} sources polled ({self.not_modified} not modified, "
            f"{self.source_errors} errors), {self.new_items} new items, {self.pages} pages fetched "
            f"({self.page_errors} failed), {self.stored} stored, {self.duplicates} duplicates, "
            f"{self.rejected} rejected, {self.events} events; stories: {self.stories.new_stories} new, "
            f"{self.stories.joined} joined, {self.stories.copies} copies"
        )
        if self.alerts is not None:
            text += f"; alerts: {self.alerts.fired} fired, {self.alerts.delivered} delivered"
            if self.alerts.failed:
                text += f", {self.alerts.failed} deliveries to retry"
        text += f"; {self.requests} requests in {self.seconds:.1f}s"
        return text + (" (interrupted)" if self.interrupted else "")


@dataclass(frozen=True, slots=True)
class _Work:
    """One page (or feed item) to turn into a document."""

    source: Source
    item: Item
    outlet: str | None
    attempts: int


@dataclass(slots=True)
class _Poll:
    source: Source
    fetched: Fetched | None = None
    listing: Listing | None = None
    error: FetchError | EventwireError | None = None
    deferred: bool = False
    items: int = 0


def _due(next_poll: datetime | None, now: datetime) -> bool:
    return next_poll is None or next_poll <= now


class Watcher:
    """Sources, fetcher, pipeline and alert rules, kept from one cycle to the next."""

    def __init__(
        self,
        plan: SourcesPlan,
        config: Config,
        *,
        pipeline: Pipeline | Callable[[], Pipeline] | None = None,
        alerts: AlertEngine | None = None,
        fetcher: Fetcher | None = None,
    ) -> None:
        """
        Args:
            pipeline: the pipeline to use, or what builds it (a server shares its ingest pipeline);
                built from `config` on first use when absent.
        """
        self.plan = plan
        self.config = config.with_overrides(workers=1)
        self._pipeline = pipeline
        self.alerts = alerts
        self.fetcher = fetcher or Fetcher(plan.fetch)
        self._stories_checked = False

    @property
    def pipeline(self) -> Pipeline:
        """Built on first use: spaCy takes seconds to load, and a cycle with nothing new needs none."""
        if self._pipeline is None:
            self._pipeline = Pipeline(self.config)
        elif not isinstance(self._pipeline, Pipeline):
            self._pipeline = self._pipeline()
        return self._pipeline

    def close(self) -> None:
        self.fetcher.close()

    def next_due(self, store: Store) -> datetime | None:
        return next_poll_time(store, [s.url for s in self.plan.sources])

    def cycle(
        self, store: Store, *, due_only: bool = True, stop: threading.Event | None = None
    ) -> CycleSummary:
        """Poll, fetch, store, group into stories, alert.

        Args:
            due_only: poll only the sources whose interval has passed (all of them when False).
            stop: set from another thread to end the cycle after the batch in progress.
        """
        started = time.perf_counter()
        requests_before = self.fetcher.requests
        summary = CycleSummary()
        stop = stop or threading.Event()
        register_sources(store, {s.url: (s.name, s.pages, s.interval) for s in self.plan.sources})
        states = source_states(store, [s.url for s in self.plan.sources])
        now = now_utc()
        due = [s for s in self.plan.sources if not due_only or _due(states[s.url].next_poll, now)]
        polls = self._poll_all(due, states)
        work = self._plan_work(store, polls, states, summary)
        pending: dict[str, _Work] = {}
        documents = self._documents(store, work, pending, summary, stop)
        run = (
            run_documents(
                documents,
                self.config,
                store,
                pipeline=self.pipeline,
                also=lambda result: self._settled(store, result, pending),
            )
            if work
            else None
        )
        if run is not None:
            summary.stored, summary.events, summary.quotes = run.stored, run.events, run.quotes
            summary.rejected = len(run.failures)
            summary.stories = run.stories
            summary.errors.extend(f.message() for f in run.failures)
        elif not self._stories_checked:
            # A run killed between its last batch and the story stage left articles without a
            # story; its restart may find nothing new to fetch, so the stage runs here once.
            summary.stories = update_stories(store)
        self._stories_checked = True
        summary.duplicates = self._settle_duplicates(store, pending)
        summary.interrupted = stop.is_set()
        save_polls(store, [self._outcome(p, summary.interrupted) for p in polls])
        if self.alerts is not None and not summary.interrupted:
            summary.alerts = self.alerts.run(store)
            summary.errors.extend(summary.alerts.errors)
        summary.requests = self.fetcher.requests - requests_before
        summary.seconds = time.perf_counter() - started
        return summary

    # -- 1. polls -------------------------------------------------------------------------

    def _poll_all(self, due: list[Source], states: dict[str, SourceState]) -> list[_Poll]:
        if not due:
            return []
        with ThreadPoolExecutor(max_workers=max(1, self.plan.fetch.connections)) as pool:
            return list(pool.map(lambda s: self._poll(s, states[s.url]), due))

    def _poll(self, source: Source, state: SourceState) -> _Poll:
        poll = _Poll(source)
        try:
            poll.fetched = self.fetcher.get(
                source.url, etag=state.etag, last_modified=state.last_modified, page=False
            )
            if poll.fetched.not_modified:
                return poll
            listing = parse_listing(poll.fetched.body, source.url)
            for child in listing.sitemaps[:MAX_CHILD_SITEMAPS]:
                listing.items.extend(parse_listing(self.fetcher.get(child, page=False).body, child).items)
            poll.listing = listing
        except (FetchError, EventwireError) as exc:
            poll.error = exc
        return poll

    # -- 2. what to fetch -----------------------------------------------------------------

    def _plan_work(
        self, store: Store, polls: list[_Poll], states: dict[str, SourceState], summary: CycleSummary
    ) -> list[_Work]:
        work: list[_Work] = []
        claimed: set[str] = set()
        failures: list[Failure] = []
        retries = retry_items(store, [p.source.url for p in polls])
        for poll in polls:
            source = poll.source
            summary.polled += 1
            if poll.error is not None:
                summary.source_errors += 1
                failure = Failure(
                    source=source.url, stage="poll", code=poll.error.code, reason=poll.error.detail
                )
                failures.append(failure)
                summary.errors.append(failure.message())
                continue
            if poll.fetched is not None and poll.fetched.not_modified:
                summary.not_modified += 1
            title = poll.listing.title if poll.listing is not None else states[source.url].title
            outlet = source.name or title
            if poll.listing is not None:
                items = [i for i in poll.listing.items if i.key not in claimed]
                known = known_urls(store, [i.key for i in items])
                fresh = list({i.key: i for i in items if i.key not in known}.values())
                taken = fresh[: source.max_items]
                poll.deferred = len(fresh) > len(taken)
                poll.items = len(taken)
                summary.new_items += len(taken)
                for item in taken:
                    claimed.add(item.key)
                    work.append(_Work(source, item, outlet, attempts=1))
            for retry in retries.get(source.url, []):
                if retry.url in claimed:
                    continue
                claimed.add(retry.url)
                summary.retried += 1
                item = Item(key=retry.url, url=retry.url, title=retry.title, published=retry.published)
                work.append(_Work(source, item, outlet, attempts=retry.attempts + 1))
        if failures:
            store.record_failures(failures)
        return work

    # -- 3. documents ---------------------------------------------------------------------

    def _documents(
        self,
        store: Store,
        work: list[_Work],
        pending: dict[str, _Work],
        summary: CycleSummary,
        stop: threading.Event,
    ) -> Iterator[RawDocument]:
        """The work's documents in order; pages are fetched ahead on threads. A page that
        cannot be had is recorded (failures, watch_urls) as it comes."""
        window = max(1, self.plan.fetch.connections) * PREFETCH_PER_CONNECTION
        queue: deque[tuple[_Work, Future[RawDocument | FetchError | Rejected]]] = deque()
        todo = iter(work)
        pool = ThreadPoolExecutor(max_workers=max(1, self.plan.fetch.connections))
        try:
            for unit in todo:
                queue.append((unit, pool.submit(self._document, unit)))
                if len(queue) >= window:
                    break
            while queue and not stop.is_set():
                unit, future = queue.popleft()
                following = next(todo, None)
                if following is not None:
                    queue.append((following, pool.submit(self._document, following)))
                outcome = future.result()
                if isinstance(outcome, RawDocument):
                    summary.pages += int(unit.source.pages and unit.item.url is not None)
                    pending[unit.item.key] = unit
                    yield outcome
                else:
                    summary.page_errors += isinstance(outcome, FetchError)
                    self._record_fault(store, unit, outcome, summary)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _document(self, unit: _Work) -> RawDocument | FetchError | Rejected:
        item, source = unit.item, unit.source
        fetched_at = now_utc()
        if not source.pages or item.url is None:
            if not item.text:
                if item.url is None:
                    return Rejected(E.E815, url=source.url)
                return Rejected(E.E116)
            return RawDocument(
                text=item.text,
                format="html" if ANY_TAG.search(item.text) else "text",
                source=source.url,
                record=item.key,
                url=item.url,
                outlet=unit.outlet,
                title=item.title,
                published=item.published,
                fetched_at=fetched_at,
            )
        try:
            page = self.fetcher.get(item.url, page=True)
            text, encoding = bytes_to_text(page.body, (page.charset,))
        except (FetchError, Rejected) as exc:
            return exc
        return RawDocument(
            text=text,
            format="html",
            source=source.url,
            record=item.key,
            url=item.url,
            outlet=unit.outlet,
            title=item.title,
            published=item.published,
            fetched_at=fetched_at,
            encoding=encoding,
        )

    def _record_fault(
        self, store: Store, unit: _Work, fault: FetchError | Rejected, summary: CycleSummary
    ) -> None:
        if isinstance(fault, FetchError):
            code, reason, stage = fault.code, fault.detail, "fetch"
            retry = fault.transient and unit.attempts < self.plan.fetch.max_attempts
        else:
            code, reason, stage, retry = fault.code.name, fault.reason, "ingest", False
        failure = Failure(source=unit.source.url, record=unit.item.key, stage=stage, code=code, reason=reason)
        summary.errors.append(failure.message())
        record = UrlRecord(
            url=unit.item.key,
            source_url=unit.source.url,
            status="retry" if retry else "failed",
            code=code,
            attempts=unit.attempts,
            title=unit.item.title,
            published=unit.item.published,
        )
        store.write_batch(BatchResult(failures=[failure]), also=[url_rows(store, [record])])

    def _settled(self, store: Store, result: BatchResult, pending: dict[str, _Work]) -> list[TableRows]:
        """The URLs a batch settles, to commit with it."""
        records: list[UrlRecord] = []
        for processed in result.processed:
            unit = pending.pop(processed.document.record or "", None)
            if unit is not None:
                records.append(self._record(unit, "stored", None, processed.document.hash))
        for failure in result.failures:
            unit = pending.pop(failure.record or "", None)
            if unit is not None:
                records.append(self._record(unit, "rejected", failure.code, None))
        return [url_rows(store, records)] if records else []

    def _record(self, unit: _Work, status: str, code: str | None, doc_hash: str | None) -> UrlRecord:
        return UrlRecord(
            url=unit.item.key,
            source_url=unit.source.url,
            status=status,  # type: ignore[arg-type]
            code=code,
            attempts=unit.attempts,
            doc_hash=doc_hash,
            title=unit.item.title,
            published=unit.item.published,
        )

    def _settle_duplicates(self, store: Store, pending: dict[str, _Work]) -> int:
        """Documents the engine set aside as already stored (the same text from another URL)."""
        if not pending:
            return 0
        records = [self._record(unit, "duplicate", None, None) for unit in pending.values()]
        store.write_rows([url_rows(store, records)])
        count = len(pending)
        pending.clear()
        return count

    # -- 4. polls saved -------------------------------------------------------------------

    def _outcome(self, poll: _Poll, interrupted: bool) -> PollOutcome:
        if poll.error is not None:
            return PollOutcome(
                poll.source.url,
                poll.source.interval,
                status="error",
                http=getattr(poll.error, "http", None),
                error_code=poll.error.code,
                error=poll.error.detail,
            )
        fetched = poll.fetched
        assert fetched is not None
        if fetched.not_modified:
            return PollOutcome(poll.source.url, poll.source.interval, status="not modified", http=304)
        listing = poll.listing
        return PollOutcome(
            poll.source.url,
            poll.source.interval,
            status="ok",
            http=fetched.status,
            kind=listing.kind if listing else None,
            title=listing.title if listing else None,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            keep_validators=not interrupted and not poll.deferred,
        )
