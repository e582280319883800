"""Cycles until stopped, each source on its own interval; and the same loop on a thread of the
web server (`eventwire serve --watch`), writing through the server's own database handle."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from eventwire.store import Store
from eventwire.store.database import now_utc
from eventwire.watch.cycle import CycleSummary, Watcher

log = logging.getLogger(__name__)

MIN_WAIT = 0.2
"""Shortest pause between two cycles, in seconds."""
MAX_WAIT = 60.0
"""Longest pause: a source added to the store by another process is seen within a minute."""

StoreOpener = Callable[[], AbstractContextManager[Store]]


@dataclass(slots=True)
class WatchProgress:
    """What the status line and /api/watch show: totals since the start, and the last cycle."""

    sources: int = 0
    cycles: int = 0
    stored: int = 0
    errors: int = 0
    alerts: int = 0
    next_poll: datetime | None = None
    last: CycleSummary | None = None
    running: bool = False
    failed: str | None = None
    """The error that ended the loop, if one did."""
    started: datetime = field(default_factory=now_utc)

    def add(self, summary: CycleSummary) -> None:
        self.cycles += 1
        self.stored += summary.stored
        self.errors += summary.failures
        self.alerts += summary.alerts.fired if summary.alerts else 0
        self.last = summary

    def to_dict(self) -> dict[str, Any]:
        last = self.last
        return {
            "running": self.running,
            "sources": self.sources,
            "cycles": self.cycles,
            "stored": self.stored,
            "errors": self.errors,
            "alerts": self.alerts,
            "next_poll": self.next_poll,
            "failed": self.failed,
            "last_cycle": None
            if last is None
            else {"summary": last.line(), "seconds": round(last.seconds, 3)},
        }


def watch_loop(
    watcher: Watcher,
    open_store: StoreOpener,
    stop: threading.Event,
    progress: WatchProgress,
    on_cycle: Callable[[CycleSummary], None] | None = None,
) -> None:
    """Run cycles of the sources that are due until `stop` is set.

    Cycles that found no source due are not reported; the pause after a cycle lasts until the
    next source is due (between `MIN_WAIT` and `MAX_WAIT` seconds), cut short by `stop`.
    """
    progress.sources = len(watcher.plan.sources)
    progress.running = True
    try:
        while not stop.is_set():
            with open_store() as store:
                summary = watcher.cycle(store, due_only=True, stop=stop)
                progress.next_poll = watcher.next_due(store)
            if summary.polled:
                progress.add(summary)
                if on_cycle is not None:
                    on_cycle(summary)
            wait = (
                MAX_WAIT if progress.next_poll is None else (progress.next_poll - now_utc()).total_seconds()
            )
            stop.wait(min(MAX_WAIT, max(MIN_WAIT, wait)))
    finally:
        progress.running = False


class BackgroundWatch:
    """The watch loop on a daemon thread of the web server; the server's pages keep reading."""

    def __init__(
        self, watcher: Watcher, open_store: StoreOpener, after_cycle: Callable[[CycleSummary], None]
    ) -> None:
        self.watcher = watcher
        self.progress = WatchProgress()
        self._open_store = open_store
        self._after_cycle = after_cycle
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="eventwire-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            watch_loop(self.watcher, self._open_store, self._stop, self.progress, self._cycle_done)
        except Exception as exc:  # the server stays up; /api/watch tells why watching stopped
            log.exception("watching stopped")
            self.progress.failed = f"{type(exc).__name__}: {exc}"

    def _cycle_done(self, summary: CycleSummary) -> None:
        # The server's log is its standard error (uvicorn's too): one line a cycle, one a fault.
        print(summary.line(), file=sys.stderr, flush=True)
        for error in summary.errors:
            print(f"  {error}", file=sys.stderr, flush=True)
        self._after_cycle(summary)

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the loop to stop after the batch in progress, and wait for it (up to `timeout`)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self.watcher.close()
