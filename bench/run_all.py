"""`make bench`: every benchmark in one report, printed and written to bench/results/latest.json.

1. the scraped-text line classifier's precision and recall (bench_line_classifier.py);
2. ingest throughput and peak memory, `--articles-only`, 1 and 2 workers (bench_ingest.py);
3. end-to-end throughput next to bare spaCy on the same ~600-word articles, 1 and 2 workers,
   with PASS/FAIL against the targets (bench_pipeline.py);
4. where a single-worker end-to-end run spends its time, by stage, from py-spy samples
   (stage_profile.py; an extra untimed run, skipped with --no-profile or without py-spy);
5. stories: clustering quality on the labelled sets, and the story stage's cost and memory at
   10^4 and 10^5 generated articles (bench_stories.py);
6. API latency: GET /api/events with filters on a store of 10^5 events, 20 concurrent
   clients for 30 s on loopback, p50/p95 against the p95 <= 100 ms target (bench_api.py);
7. Spark: `eventwire spark --master local[1]` and `local[2]` over 4,000 generated documents in
   WARC files next to the local engine with as many workers, the local[2]/local[1] ratio against
   its 1.8 target, and the cores one month of CC-NEWS needs in a day (bench_spark.py);
8. start-up: `Pipeline()` in fresh processes with an empty and a filled actor cache, and the
   actor dictionary built and loaded, with peak memory, against the 3 s target (bench_startup.py);
9. watching: one `eventwire watch --once` cycle over 50 local feeds x 20 items (articles/s, peak
   RSS), then an unchanged cycle (all 304s) next to 50 bare conditional GETs (bench_watch.py).

Figures are medians of --runs runs. The corpora are generated into a temporary folder and
deleted afterwards. The exit status is 0 whether targets pass or fail (this is a report) and
1 only when a benchmark could not run.

Run: python bench/run_all.py [--runs N] [--quick] [--no-profile] [--seed N] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import bench_api
import bench_ingest
import bench_line_classifier
import bench_pipeline
import bench_spark
import bench_startup
import bench_stories
import bench_watch
import stage_profile
from measure import BenchError

RESULTS = Path(__file__).parent / "results" / "latest.json"
# (ingest documents, end-to-end articles): the full sizes, and --quick's smoke sizes. The quick
# article count still leaves a steady-state window with 2 workers (see eventwire_run._steady).
FULL_SIZES = (bench_ingest.DEFAULT_DOCS, bench_pipeline.DEFAULT_ARTICLES)
QUICK_SIZES = (200, 64)
# Above this 1-minute load average (per machine, not per CPU) something else is running.
BUSY_LOAD = 0.7
# Above this share of the machine's CPU time used by processes other than the bench's own,
# the figures are not to be trusted.
BUSY_SHARE = 0.05


def _machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "eventwire": version("eventwire"),
        "spacy": version("spacy"),
        "duckdb": version("duckdb"),
    }


def _load() -> float:
    """The 1-minute load average: other work on the machine makes every figure noisy."""
    return os.getloadavg()[0]


def _machine_cpu_seconds() -> float | None:
    """CPU time every process of the machine has used since boot (Linux), idle and I/O wait left out."""
    try:
        fields = Path("/proc/stat").read_text(encoding="ascii").splitlines()[0].split()[1:]
    except OSError:
        return None
    # user nice system idle iowait irq softirq steal ...
    busy = sum(int(v) for i, v in enumerate(fields[:8]) if i not in (3, 4))
    return busy / os.sysconf("SC_CLK_TCK")


def _own_cpu_seconds() -> float:
    """CPU time of this process and every child it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _section(title: str) -> None:
    print()
    print(f"== {title} " + "=" * max(0, 90 - len(title)))


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Every benchmark; returns the JSON report (also printed as it goes)."""
    docs, articles = QUICK_SIZES if args.quick else FULL_SIZES
    runs = 1 if args.quick and args.runs is None else (args.runs or 3)
    report: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": {
            "runs": runs,
            "quick": args.quick,
            "seed": args.seed,
            "documents": docs,
            "articles": articles,
        },
        "machine": _machine(),
    }
    machine = report["machine"]
    machine["load_before"] = _load()
    print(
        f"eventwire {machine['eventwire']} bench: {runs} run(s) each, {machine['cpus']} CPUs, "
        f"Python {machine['python']}, spaCy {machine['spacy']}, load average {machine['load_before']:.1f}"
    )
    if machine["load_before"] > BUSY_LOAD:
        print("warning: the machine is busy with other work; throughput figures will be low and noisy")
    machine_cpu, own_cpu, started = _machine_cpu_seconds(), _own_cpu_seconds(), time.perf_counter()

    _section("Line classifier (bench/data/scraped)")
    bench_line_classifier.main(["--quiet"])
    report["line_classifier"] = bench_line_classifier.totals()

    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        workdir = Path(tmp)
        _section(f"Ingest: {docs} generated documents, --articles-only")
        ingest = bench_ingest.run_bench(workdir, docs=docs, runs=runs, seed=args.seed)
        bench_ingest.print_table(ingest)
        report["ingest"] = ingest

        _section(f"End to end vs bare spaCy: {articles} generated articles")
        pipeline = bench_pipeline.run_bench(workdir, articles=articles, runs=runs, seed=args.seed + 1)
        bench_pipeline.print_table(pipeline)
        report["pipeline"] = pipeline

        if args.profile:
            shares = stage_profile.profile_run([workdir / "articles"], workdir)
            if shares is not None:
                stage_profile.print_shares(shares)
                report["profile_samples"] = dict(shares)

    _section("Stories: labelled sets, and clustering cost at scale")
    story_sizes = (2_000,) if args.quick else bench_stories.DEFAULT_SIZES
    report["stories"] = bench_stories.run_bench(story_sizes, runs)

    api_events = 10_000 if args.quick else bench_api.DEFAULT_EVENTS
    api_seconds = 5.0 if args.quick else bench_api.DEFAULT_SECONDS
    _section(
        f"API latency: /api/events with filters, {api_events} events, {bench_api.DEFAULT_CLIENTS} clients"
    )
    with tempfile.TemporaryDirectory(prefix="eventwire-api-bench-") as tmp:
        api = bench_api.run_bench(
            Path(tmp), events=api_events, seconds=api_seconds, runs=runs, seed=args.seed
        )
    bench_api.print_table(api)
    report["api"] = api

    spark_docs = 200 if args.quick else bench_spark.DEFAULT_DOCS
    _section(f"Spark: local[1] and local[2] vs the local engine, {spark_docs} documents in WARC files")
    with tempfile.TemporaryDirectory(prefix="eventwire-spark-bench-") as tmp:
        spark = bench_spark.run_bench(Path(tmp), docs=spark_docs, runs=runs, seed=args.seed)
    bench_spark.print_table(spark)
    report["spark"] = spark

    _section("Start-up: spaCy model + patterns + actor dictionary, fresh processes")
    startup = bench_startup.run_bench(1 if args.quick else bench_startup.DEFAULT_RUNS)
    bench_startup.print_table(startup)
    report["startup"] = startup

    feeds, items = (10, 5) if args.quick else (bench_watch.DEFAULT_FEEDS, bench_watch.DEFAULT_ITEMS)
    _section(f"Watching: one cycle over {feeds} local feeds x {items} items, then an unchanged cycle")
    with tempfile.TemporaryDirectory(prefix="eventwire-watch-bench-") as tmp:
        watch = bench_watch.run_bench(Path(tmp), feeds=feeds, items=items, runs=runs, seed=args.seed)
    bench_watch.print_table(watch)
    report["watch"] = watch

    machine_cpu_after = _machine_cpu_seconds()
    if machine_cpu is not None and machine_cpu_after is not None:
        foreign = (machine_cpu_after - machine_cpu) - (_own_cpu_seconds() - own_cpu)
        capacity = (time.perf_counter() - started) * (os.cpu_count() or 1)
        machine["other_processes_cpu_share"] = max(0.0, foreign) / capacity
    _section("Targets")
    report["targets"] = []
    verdicts = [
        *bench_pipeline.verdicts(pipeline),
        bench_api.verdict(api),
        *bench_spark.verdicts(spark),
        bench_startup.verdict(startup),
    ]
    for target, passed, detail in verdicts:
        print(f"{'PASS' if passed else 'FAIL'}  {target}: {detail}")
        report["targets"].append({"target": target, "passed": passed, "detail": detail})
    foreign_share = machine.get("other_processes_cpu_share")
    if foreign_share is not None:
        print(
            f"other processes used {foreign_share:.0%} of the machine's CPU time during the bench"
            + (": figures are low and noisy, rerun on a quiet machine" if foreign_share > BUSY_SHARE else "")
        )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 3; 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="small corpora, one run: a smoke test")
    parser.add_argument(
        "--no-profile", dest="profile", action="store_false", help="skip the py-spy stage profile"
    )
    parser.add_argument("--seed", type=int, default=bench_ingest.DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"JSON report (default {RESULTS})")
    args = parser.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    started = time.perf_counter()
    try:
        report = run(args)
    except BenchError as exc:
        print(f"bench error: {exc}", file=sys.stderr)
        return 1
    report["seconds"] = round(time.perf_counter() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\n{report['seconds']:.0f}s in all; figures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
