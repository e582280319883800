"""Start-up: a worker's `Pipeline()` (spaCy model, verb patterns, actor dictionary), in a fresh
process each time, with empty compiled caches (cold: the actor dictionary and the gazetteer are
built and stored) and with the caches filled (warm: what every start after the first one
costs). Also the dictionary alone, built from its TSV files and loaded from the cache, and each
process's peak resident memory.

Run alone: python bench/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from measure import BenchError

DEFAULT_RUNS = 5
TARGET_SECONDS = 3.0
"""Issue 10: model + dictionaries ready in at most 3 s."""

_PROBE = """
import json, resource, sys, time
started = time.perf_counter()
mode = sys.argv[1]
if mode == "pipeline":
    from eventwire.config import Config
    from eventwire.pipeline import Pipeline
    Pipeline(Config())
elif mode == "dictionary":
    from eventwire.actors.dictionary import ActorDictionary
    ActorDictionary.load()
elif mode == "build":
    from eventwire.compiled_cache import no_gc
    from eventwire.actors.dictionary import ActorDictionary, _package_tables
    tables = _package_tables()
    with no_gc():
        ActorDictionary(tables)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mib": peak}))
"""


def _probe(mode: str, cache_home: Path) -> dict[str, float]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache_home))
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, mode], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        raise BenchError(f"start-up probe '{mode}' failed: {done.stderr.strip()[-400:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_bench(runs: int = DEFAULT_RUNS) -> dict[str, Any]:
    """Medians of `runs` fresh processes for each figure; each cold run starts from an empty cache."""
    figures: dict[str, list[dict[str, float]]] = {
        "cold": [],
        "warm": [],
        "dictionary_built": [],
        "dictionary_cached": [],
    }
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="eventwire-startup-") as tmp:
            home = Path(tmp)
            figures["cold"].append(_probe("pipeline", home))
            figures["warm"].append(_probe("pipeline", home))
            figures["dictionary_cached"].append(_probe("dictionary", home))
            figures["dictionary_built"].append(_probe("build", home))
    report: dict[str, Any] = {"runs": runs, "target_s": TARGET_SECONDS}
    for name, values in figures.items():
        report[f"{name}_s"] = round(statistics.median(v["seconds"] for v in values), 3)
        report[f"{name}_peak_mib"] = round(max(v["peak_mib"] for v in values), 1)
    report["passed"] = report["warm_s"] <= TARGET_SECONDS
    return report


def verdict(report: dict[str, Any]) -> tuple[str, bool, str]:
    """(target, passed, detail) for the bench's summary of targets."""
    return (
        f"start-up (spaCy model + patterns + actor dictionary) <= {TARGET_SECONDS:.0f} s",
        bool(report["passed"]),
        f"warm {report['warm_s']:.2f} s, cold {report['cold_s']:.2f} s (first start, builds the cache), "
        f"peak {report['warm_peak_mib']:.0f} MiB",
    )


def print_table(report: dict[str, Any]) -> None:
    print(f"{'what':<34} {'median s':>9} {'peak MiB':>9}")
    for name, label in [
        ("warm", "Pipeline(), caches filled"),
        ("cold", "Pipeline(), empty caches"),
        ("dictionary_cached", "actor dictionary from the cache"),
        ("dictionary_built", "actor dictionary built from TSV"),
    ]:
        print(f"{label:<34} {report[f'{name}_s']:>9.2f} {report[f'{name}_peak_mib']:>9.0f}")
    print(f"(medians of {report['runs']} fresh processes; times include imports)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS)
    args = parser.parse_args(argv)
    report = run_bench(args.runs)
    print_table(report)
    target, passed, detail = verdict(report)
    print(f"{'PASS' if passed else 'FAIL'}  {target}: {detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
