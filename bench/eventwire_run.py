"""Run `eventwire run` as a user would (a fresh process), measured, and read back its figures."""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from measure import MIB, BenchError, Measured, run_measured

# The CLI's closing line: "N documents read, N stored, N duplicates, N events, N quotes,
# N failures in S.Ss (R docs/s) -> DB".
SUMMARY = re.compile(
    r"(?P<seen>\d+) documents read, (?P<stored>\d+) stored, (?P<duplicates>\d+) duplicates, "
    r"(?P<events>\d+) events, (?P<quotes>\d+) quotes, (?P<failures>\d+) failures "
    r"in (?P<seconds>[\d.]+)s"
)
BATCH_SIZE = 16
"""The batch size the runs use (eventwire's default, passed explicitly so the steady-state
estimate below knows it)."""


@dataclass(slots=True)
class RunFigures:
    """One `eventwire run`, as measured from outside and as it reported itself."""

    workers: int
    seen: int
    stored: int
    events: int
    quotes: int
    failures: int
    wall_seconds: float
    """Process start to exit: interpreter start-up, imports, model loading, everything."""
    run_seconds: float
    """The run's own clock: from before building the pipeline to the last write."""
    steady_seconds: float | None
    """Time between the end of the first round of batches and the last write (see `_steady`)."""
    steady_documents: int
    """Documents written in that time."""
    peak_main_mib: float
    peak_worker_mib: float
    """The largest worker process; with one worker the main process does the work."""
    largest_process_mib: float

    @property
    def wall_rate(self) -> float:
        return self.seen / self.wall_seconds

    @property
    def run_rate(self) -> float:
        return self.seen / self.run_seconds if self.run_seconds else 0.0

    @property
    def steady_rate(self) -> float | None:
        """Documents a second once every worker has its model loaded and is busy."""
        if not self.steady_seconds:
            return None
        return self.steady_documents / self.steady_seconds


def eventwire_command() -> Path:
    """The `eventwire` script of the interpreter running the benchmark (the project's venv).

    Raises:
        BenchError: when no `eventwire` command can be found.
    """
    beside = Path(sys.executable).parent / "eventwire"
    if beside.exists():
        return beside
    found = shutil.which("eventwire")
    if found is None:
        raise BenchError("no `eventwire` command: run `make install` first")
    return Path(found)


def _steady(db: Path, workers: int) -> tuple[float | None, int]:
    """Steady-state window from the store's per-document write times.

    Each batch is written in one transaction, with `documents.ingested_at` stamped at write
    time. The first `workers` batches include every worker's start-up (model loading), so the
    window starts when the last of them is written and ends with the last write.

    Returns:
        (seconds, documents written after the window started); (None, 0) when the run had
        too few batches to leave a window.
    """
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT ingested_at FROM documents ORDER BY ingested_at").fetchall()
    stamps = [row[0] for row in rows]
    first_round = workers * BATCH_SIZE
    if len(stamps) <= first_round + BATCH_SIZE:
        return None, 0
    start, end = stamps[first_round - 1], stamps[-1]
    seconds = (end - start).total_seconds()
    return (seconds if seconds > 0 else None), len(stamps) - first_round


def run_eventwire(
    paths: Sequence[Path], db: Path, workers: int, *, articles_only: bool = False, cores: int | None = None
) -> tuple[RunFigures, Measured]:
    """`eventwire run PATHS --db DB --workers N` into a fresh database file.

    Raises:
        BenchError: when the run fails or its summary line cannot be read.
    """
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    command: list[str | Path] = [eventwire_command(), "run", *paths, "--db", db, "--workers", str(workers)]
    command += ["--batch-size", str(BATCH_SIZE)]
    if articles_only:
        command.append("--articles-only")
    measured = run_measured(command, cores=cores)
    match = SUMMARY.search(measured.stdout)
    if match is None:
        raise BenchError(f"no summary line in eventwire's output:\n{measured.stdout[-500:]}")
    counts = {k: int(v) for k, v in match.groupdict().items() if k != "seconds"}
    steady_seconds, steady_documents = _steady(db, workers)
    main = measured.peak("main")
    worker = measured.peak("worker") if workers > 1 else main
    figures = RunFigures(
        workers=workers,
        seen=counts["seen"],
        stored=counts["stored"],
        events=counts["events"],
        quotes=counts["quotes"],
        failures=counts["failures"],
        wall_seconds=measured.seconds,
        run_seconds=float(match["seconds"]),
        steady_seconds=steady_seconds,
        steady_documents=steady_documents,
        peak_main_mib=main / MIB,
        peak_worker_mib=worker / MIB,
        largest_process_mib=measured.tree_max_bytes / MIB,
    )
    return figures, measured
