"""Run a command and measure it: wall time, and the peak resident memory of each process.

Peak memory comes from the kernel's own high-water mark (`VmHWM` in `/proc/PID/status`),
read for every process of the tree every `SAMPLE_SECONDS`; the mark only grows, so a sample
misses at most the growth of a process's last few milliseconds. The largest single process
is cross-checked with `wait4`'s `ru_maxrss`, which the kernel keeps exactly.
Linux only (the benchmark machine's OS); elsewhere the per-process figures are empty.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE_SECONDS = 0.05
PROC = Path("/proc")
MIB = 1024 * 1024


class BenchError(RuntimeError):
    """A measured command failed; the benchmark cannot report figures for it."""


@dataclass(slots=True)
class ProcessPeak:
    """The highest resident memory one process reached."""

    pid: int
    role: str
    """"main" (the command itself), "worker" (a multiprocessing child) or "helper"."""
    peak_bytes: int


@dataclass(slots=True)
class Measured:
    """What one command run took."""

    seconds: float
    stdout: str
    stderr: str
    processes: list[ProcessPeak] = field(default_factory=list)
    tree_max_bytes: int = 0
    """The largest single process of the tree, from `wait4` (exact)."""

    def peak(self, role: str) -> int:
        """Largest peak among processes of `role` (0 when there is none)."""
        return max((p.peak_bytes for p in self.processes if p.role == role), default=0)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:  # the process ended between listing and reading
        return ""


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = list((PROC / str(pid) / "task").glob("*"))
    except OSError:  # the process ended between being found and being listed
        return found
    for task in tasks:
        found += [int(c) for c in _read(task / "children").split()]
    return found


def _high_water(pid: int) -> int:
    for line in _read(PROC / str(pid) / "status").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def _role(pid: int, root: int) -> str:
    if pid == root:
        return "main"
    cmdline = _read(PROC / str(pid) / "cmdline").replace("\0", " ")
    # spawn and forkserver children run `multiprocessing.spawn`; the resource tracker does too
    # but names itself in its command line.
    if "resource_tracker" in cmdline:
        return "helper"
    return "worker" if "multiprocessing" in cmdline or "spawn_main" in cmdline else "helper"


class _TreeSampler(threading.Thread):
    """Polls the process tree under `root` until told to stop."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peaks: dict[int, ProcessPeak] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.sample()
            self.done.wait(SAMPLE_SECONDS)

    def sample(self) -> None:
        stack = [self.root]
        while stack:
            pid = stack.pop()
            stack += _children(pid)
            peak = _high_water(pid)
            known = self.peaks.get(pid)
            if known is None:
                self.peaks[pid] = ProcessPeak(pid=pid, role=_role(pid, self.root), peak_bytes=peak)
            else:
                known.peak_bytes = max(known.peak_bytes, peak)


def run_measured(
    command: Sequence[str | Path], *, env: dict[str, str] | None = None, cores: int | None = None
) -> Measured:
    """Run `command` to completion, timing it and sampling its process tree's memory.

    Args:
        cores: confine the command and every process it starts (a JVM's threads, worker
            processes) to this many CPUs, so that "N cores" means N, not N plus whatever helper
            threads find idle elsewhere on the machine.

    Raises:
        BenchError: when the command exits non-zero (its stderr tail is in the message).
    """
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(part) for part in command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=None if cores is None else (lambda: os.sched_setaffinity(0, range(cores))),
    )
    sampler = _TreeSampler(proc.pid)
    sampler.start()
    # Pipes are drained by threads so a chatty command never blocks on a full pipe while we
    # wait for it with wait4 (which, unlike Popen.wait, returns its resource usage).
    chunks: dict[str, str] = {}
    readers = [
        threading.Thread(target=lambda name=name, stream=stream: chunks.update({name: stream.read()}))
        for name, stream in (("stdout", proc.stdout), ("stderr", proc.stderr))
    ]
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    sampler.done.set()
    sampler.join()
    for reader in readers:
        reader.join()
    measured = Measured(
        seconds=seconds,
        stdout=chunks.get("stdout", ""),
        stderr=chunks.get("stderr", ""),
        processes=list(sampler.peaks.values()),
        tree_max_bytes=usage.ru_maxrss * 1024,
    )
    if proc.returncode != 0:
        tail = "\n".join(measured.stderr.strip().splitlines()[-5:])
        raise BenchError(f"{' '.join(map(str, command))} exited with {proc.returncode}:\n{tail}")
    return measured
