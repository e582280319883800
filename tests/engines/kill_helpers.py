"""Start `eventwire run`, watch its database grow, SIGKILL it at a chosen point.

Where to kill is told by the size of DuckDB's write-ahead log (`FILE.wal`): DuckDB appends to
it when a transaction commits, so "the log holds N bytes" means "some batches are committed"
whatever the speed of the machine. The database itself is never opened while the run is alive
(DuckDB allows one process with a writable file at a time).
"""

from __future__ import annotations

import os
import signal
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from e2e_helpers import start_cli, wal_of

POLL_SECONDS = 0.002
RUN_TIMEOUT = 240.0


@dataclass(frozen=True)
class Watched:
    """How a watched run ended."""

    returncode: int
    killed: bool
    """True when the test signalled it (it was still running then)."""
    wal_bytes: int
    """How much the write-ahead log grew while watched."""
    stderr: str


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def run_and_kill(
    args: list[str | Path],
    db: Path,
    *,
    at_wal_bytes: int | None,
    after_seconds: float | None = None,
    sig: signal.Signals = signal.SIGKILL,
) -> Watched:
    """Run `eventwire ARGS` and send `sig` to its whole process group once its commits have added
    `at_wal_bytes` to the log (or `after_seconds` have passed); with neither, let it finish.

    A log left by an earlier killed run may still be there when this one starts, or be emptied
    when it is replayed: growth is measured from the smallest size seen so far.
    """
    wal = wal_of(db)
    baseline = _size(wal)
    with tempfile.TemporaryFile() as err:
        proc = start_cli(*args, stderr=err)
        started = time.monotonic()
        grown = 0
        killed = False
        try:
            while proc.poll() is None:
                size = _size(wal)
                baseline = min(baseline, size)
                grown = max(grown, size - baseline)
                elapsed = time.monotonic() - started
                due = (at_wal_bytes is not None and grown >= at_wal_bytes) or (
                    after_seconds is not None and elapsed >= after_seconds
                )
                if due:
                    # The process group: worker processes of `--workers N` get it too, as from a terminal.
                    os.killpg(proc.pid, sig)
                    killed = True
                    break
                if elapsed > RUN_TIMEOUT:
                    raise TimeoutError(f"eventwire run still going after {RUN_TIMEOUT}s")
                time.sleep(POLL_SECONDS)
            returncode = proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        err.seek(0)
        stderr = err.read().decode("utf-8", errors="replace")
    return Watched(returncode=returncode, killed=killed, wal_bytes=grown, stderr=stderr)
