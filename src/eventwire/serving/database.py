"""The server's one DuckDB database, shared by request threads.

A DuckDB connection must not run statements from two threads at once, but cursors of one
connection are independent connections to the same database: each request thread gets its
own (kept for the thread's life), and the single writer (ingest) takes a lock. Readers see
every committed batch; an ingest in progress is invisible to them until it commits.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eventwire.errors import E, EventwireError
from eventwire.store import Store


class Database:
    """The server's store: per-thread read handles and one serialised writer."""

    def __init__(self, path: str, *, read_only: bool) -> None:
        """Open the database; a read-only server needs an existing file.

        Raises:
            EventwireError: E401 when the file is missing (read-only) or cannot be opened.
        """
        if read_only and not Path(path).exists():
            raise EventwireError(E.E401, path=path, detail="no such file (run `eventwire run PATH` first)")
        self.path = path
        self.read_only = read_only
        self._store = Store(path, read_only=read_only)
        self._local = threading.local()
        self._handles: list[Store] = []
        self._handles_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self.generation = 0
        """Counts committed ingests: caches of derived data compare it to know they are stale."""

    def _handle(self) -> Store:
        handle = self._store.cursor()
        with self._handles_lock:
            self._handles.append(handle)
        return handle

    def reader(self) -> Store:
        """This thread's read handle."""
        handle: Store | None = getattr(self._local, "store", None)
        if handle is None:
            handle = self._handle()
            self._local.store = handle
        return handle

    def cursor(self) -> Store:
        """A handle of its own, for a reader that outlives its thread's turn (a streamed download)."""
        return self._store.cursor()

    @contextmanager
    def writer(self, *, bump: bool = True) -> Iterator[Store]:
        """The write handle, one writer at a time; bumps `generation` when done.

        Args:
            bump: False for a writer that tells by itself whether it changed anything (`touch`).
        """
        with self._write_lock:
            handle = self._handle()
            try:
                yield handle
            finally:
                if bump:
                    self.generation += 1
                handle.close()

    def touch(self) -> None:
        """Mark the data changed: caches rebuild, and open pages that watch reload."""
        self.generation += 1

    def close(self) -> None:
        with self._handles_lock:
            for handle in self._handles:
                # At shutdown a cursor may already be closed: that is fine.
                with contextlib.suppress(Exception):
                    handle.close()
            self._handles.clear()
        self._store.close()
