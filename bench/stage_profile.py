"""Where an `eventwire run` spends its time: py-spy samples grouped by pipeline stage.

Used by `run_all.py` (one extra single-worker run under py-spy, after the timed ones). The
stages are matched by function name in the sampled stacks; a sample counts for the first
stage, in the order below, found anywhere in its stack, so nested stages are not counted twice
(the spaCy parse inside annotation is its own line because it comes first).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from eventwire_run import eventwire_command

SAMPLES_PER_SECOND = 100
# (stage label, pattern matched against a stack frame "function (file:line)").
STAGES: tuple[tuple[str, str], ...] = (
    ("store: DuckDB writes", r"^Store\.write_batch "),
    ("annotate: spaCy parse", r"^Language\.pipe .*spacy/language\.py"),
    ("annotate: split + select", r"^Annotator\.(split|worth_parsing) "),
    ("annotate: dates and the rest", r"^Annotator\.annotate "),
    ("code: events (actors, dates, patterns)", r"^EventCoder\.code "),
    ("quotes", r"^extract_quotes "),
    ("extract (line classifier, trafilatura)", r"^extract_article "),
    ("build pipeline (model load, dictionaries)", r"^Pipeline\.__init__ "),
    ("ingest: read files, hash, skip known", r"^_batches "),
    ("imports", r"importlib\._bootstrap"),
)
OTHER = "other"


def py_spy() -> Path | None:
    """The py-spy next to the running interpreter, or on PATH."""
    beside = Path(sys.executable).parent / "py-spy"
    if beside.exists():
        return beside
    found = shutil.which("py-spy")
    return Path(found) if found else None


def stage_shares(raw_profile: str) -> Counter[str]:
    """Samples per stage from py-spy's `raw` (collapsed stacks) output."""
    compiled = [(label, re.compile(pattern)) for label, pattern in STAGES]
    shares: Counter[str] = Counter()
    for line in raw_profile.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = stack.split(";")
        label = next(
            (name for name, pattern in compiled if any(pattern.search(f) for f in frames)),
            OTHER,
        )
        shares[label] += int(count)
    return shares


def profile_run(paths: list[Path], workdir: Path) -> Counter[str] | None:
    """Run `eventwire run PATHS --workers 1` under py-spy.

    Returns:
        Samples per stage; None when py-spy is missing or cannot attach (it needs ptrace).
    """
    spy = py_spy()
    if spy is None:
        return None
    db = workdir / "profile.duckdb"
    db.unlink(missing_ok=True)
    with tempfile.NamedTemporaryFile(suffix=".txt", dir=workdir, delete=False) as out:
        raw_file = Path(out.name)
    command = [str(spy), "record", "--format", "raw", "--rate", str(SAMPLES_PER_SECOND)]
    command += ["--output", str(raw_file), "--", str(eventwire_command()), "run", *map(str, paths)]
    command += ["--db", str(db), "--workers", "1"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not raw_file.exists():
        print(f"  (profile skipped: py-spy exited with {done.returncode}: {done.stderr.strip()[-200:]})")
        return None
    return stage_shares(raw_file.read_text(encoding="utf-8"))


def print_shares(shares: Counter[str]) -> None:
    total = sum(shares.values()) or 1
    print()
    print("Where a single-worker end-to-end run spends its time (py-spy samples; run slowed by sampling)")
    for label, _ in (*STAGES, (OTHER, "")):
        if shares[label]:
            seconds = shares[label] / SAMPLES_PER_SECOND
            print(f"  {shares[label] / total:6.1%}  {seconds:6.1f}s  {label}")
