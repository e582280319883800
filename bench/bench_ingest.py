"""Ingest throughput: `eventwire run --articles-only` (read, extract, store; no NLP) over a
generated corpus of mixed formats, with 1 and 2 workers.

Run alone: python bench/bench_ingest.py [--docs N] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from corpus import CorpusInfo, write_ingest_corpus
from eventwire_run import RunFigures, run_eventwire
from measure import BenchError

DEFAULT_DOCS = 2000
DEFAULT_SEED = 20231001


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def summarise(runs: list[RunFigures]) -> dict[str, Any]:
    """Medians over the runs of one worker count."""
    return {
        "workers": runs[0].workers,
        "documents": runs[0].seen,
        "stored": runs[0].stored,
        "failures": runs[0].failures,
        "docs_per_s_wall": _median([r.wall_rate for r in runs]),
        "docs_per_s_run": _median([r.run_rate for r in runs]),
        "docs_per_s_steady": _median([r.steady_rate for r in runs if r.steady_rate is not None]),
        "wall_seconds": _median([r.wall_seconds for r in runs]),
        "peak_rss_main_mib": max(r.peak_main_mib for r in runs),
        "peak_rss_worker_mib": max(r.peak_worker_mib for r in runs),
        "runs": [asdict(r) for r in runs],
    }


def run_bench(
    workdir: Path, *, docs: int, runs: int, seed: int, workers: tuple[int, ...] = (1, 2)
) -> dict[str, Any]:
    """Generate the corpus under `workdir`, run each worker count `runs` times (interleaved).

    Returns:
        The corpus description and, per worker count, the medians and every run's figures.
    """
    info: CorpusInfo = write_ingest_corpus(workdir / "ingest", docs, seed)
    print(
        f"ingest corpus: {info.documents} documents in {info.files} files "
        f"({', '.join(f'{n} {kind}' for kind, n in sorted(info.by_format.items()))}), "
        f"{info.words / info.documents:.0f} words each on average"
    )
    results: dict[int, list[RunFigures]] = {w: [] for w in workers}
    for number in range(runs):
        for w in workers:
            figures, _ = run_eventwire([info.folder], workdir / "ingest.duckdb", w, articles_only=True)
            if figures.seen != info.documents:
                raise BenchError(f"ingest run read {figures.seen} documents, the corpus has {info.documents}")
            results[w].append(figures)
            print(
                f"  run {number + 1}/{runs} workers={w}: {figures.wall_rate:6.1f} docs/s wall "
                f"({figures.wall_seconds:.1f}s), peak RSS main {figures.peak_main_mib:.0f} MiB"
            )
    return {
        "corpus": {
            "documents": info.documents,
            "files": info.files,
            "by_format": dict(info.by_format),
            "words": info.words,
            "seed": seed,
        },
        "by_workers": {str(w): summarise(r) for w, r in results.items()},
    }


def print_table(result: dict[str, Any]) -> None:
    """The medians as a table."""
    print()
    print("Ingest (--articles-only: read + extract + store), medians")
    print(
        f"{'workers':>7} {'docs':>6} {'docs/s wall':>12} {'docs/s run':>11} {'docs/s steady':>14} "
        f"{'peak RSS main':>14} {'peak RSS worker':>16}"
    )
    for row in result["by_workers"].values():
        print(
            f"{row['workers']:>7} {row['documents']:>6} {row['docs_per_s_wall']:>12.1f} "
            f"{row['docs_per_s_run']:>11.1f} {row['docs_per_s_steady']:>14.1f} "
            f"{row['peak_rss_main_mib']:>10.0f} MiB {row['peak_rss_worker_mib']:>12.0f} MiB"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        print_table(run_bench(Path(tmp), docs=args.docs, runs=args.runs, seed=args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
