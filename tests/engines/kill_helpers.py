"""Start `eventwire run`, watch its database grow, SIGKILL it at a chosen point.

Where to kill is told by the size of DuckDB's write-ahead log (`FILE.wal`): DuckDB appends to
it when a transaction commits, so "the log holds N bytes" means "some batches are committed"
whatever the speed of the machine. The database itself is never opened while the run is alive
(DuckDB allows one process with a writable file at a time).
"""

from __future__ import annotations

import os
import re
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from e2e_helpers import start_cli

POLL_SECONDS = 0.002
RUN_TIMEOUT = 240.0
SUMMARY = re.compile(r"(\d+) documents read, (\d+) stored, (\d+) duplicates, (\d+) events, (\d+) quotes")


@dataclass(frozen=True)
class Watched:
    """How a watched run ended."""

    returncode: int
    killed: bool
    """True when the test killed it (it was still running then)."""
    wal_bytes: int
    """The largest write-ahead log size seen."""


def wal_of(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def run_and_kill(args: list[str | Path], db: Path, *, at_wal_bytes: int | None, after_seconds: float | None = None) -> Watched:
    """Run `eventwire ARGS`, SIGKILL its whole process group once the log reaches `at_wal_bytes`
    (or `after_seconds` have passed); with neither, let it finish and only measure the log.
    """
    proc = start_cli(*args)
    started = time.monotonic()
    wal = wal_of(db)
    largest = 0
    killed = False
    try:
        while proc.poll() is None:
            largest = max(largest, _size(wal))
            elapsed = time.monotonic() - started
            due = (at_wal_bytes is not None and largest >= at_wal_bytes) or (
                after_seconds is not None and elapsed >= after_seconds
            )
            if due:
                # The process group: worker processes of `--workers N` die with the parent.
                os.killpg(proc.pid, signal.SIGKILL)
                killed = True
                break
            if elapsed > RUN_TIMEOUT:
                raise TimeoutError(f"eventwire run still going after {RUN_TIMEOUT}s")
            time.sleep(POLL_SECONDS)
        returncode = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return Watched(returncode=returncode, killed=killed, wal_bytes=largest)


def group_is_gone(pgid: int, wait_seconds: float = 5.0) -> bool:
    """Whether every process of the group has exited (workers are reaped by init, not by us)."""
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def parse_summary(stdout: str) -> dict[str, int]:
    """The counts of `eventwire run`'s closing line."""
    match = SUMMARY.search(stdout)
    assert match, f"no summary line in: {stdout!r}"
    names = ("read", "stored", "duplicates", "events", "quotes")
    return dict(zip(names, map(int, match.groups()), strict=True))
