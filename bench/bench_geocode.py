"""Geocoding: how right the places are on the dev set, and what the geocoder costs.

1. accuracy: the dev gold files go through `eventwire eval` (the whole pipeline, the store and
   the export); every matched event with a gold place is checked against our labels of where the
   gold places are (`tests/data/geo/dev_places.tsv`): right country, and right city (the gold city,
   or the city of a gold venue, within 30 km) where the gold place is a city or a venue;
2. cost per event: the dev set's coded events are geocoded again, article by article
   (`Geocoder.place_events`, as the pipeline calls it), many times over; medians of --runs runs;
3. start-up: loading the gazetteer in a fresh interpreter (wall time, and the peak resident memory
   it adds), once per worker process.

Run: .venv/bin/python bench/bench_geocode.py [--runs 5] [--repeat 200] [--gold ../shared/eval/dev]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from eventwire.config import Config
from eventwire.evaluation import default_scorer, evaluate
from eventwire.evaluation.places import load_labels, score_places, summary
from eventwire.geo import Gazetteer, Geocoder
from eventwire.records import Actor, Event
from eventwire.store import Store

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "eval" / "dev"
LABELS = ROOT / "tests" / "data" / "geo" / "dev_places.tsv"
# The kernel's high-water mark of this process (VmHWM, KiB): unlike ru_maxrss, it starts afresh
# at exec, so a child of a large process does not inherit its parent's peak.
LOAD_SCRIPT = """
import time
def peak():
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
import eventwire.records
before = peak()
start = time.perf_counter()
from eventwire.geo import Gazetteer
Gazetteer.load()
print(time.perf_counter() - start, (peak() - before) / 1024)
"""


def stored_events(db: Path) -> dict[str, list[Event]]:
    """The events of a store by article, as the coder gave them (without their places)."""
    by_doc: dict[str, list[Event]] = defaultdict(list)
    with Store(db, read_only=True) as store:
        rows = store.query(
            "SELECT e.doc_id, e.type, e.cameo, e.goldstein, e.location, s.name AS sn, s.country AS sc, "
            "t.name AS tn, t.country AS tc FROM events e JOIN actors s ON s.actor_id = e.source_id "
            "JOIN actors t ON t.actor_id = e.target_id ORDER BY e.doc_id, e.sentence_index"
        )
    for r in rows:
        by_doc[r["doc_id"]].append(
            Event(r["doc_id"], r["type"], Actor(r["sn"], r["sc"]), Actor(r["tn"], r["tc"]), r["cameo"],
                  r["goldstein"], location=r["location"])
        )  # fmt: skip
    return by_doc


def cost_per_event(by_doc: dict[str, list[Event]], runs: int, repeat: int) -> list[float]:
    """Microseconds a event, one figure per run (each run geocodes every article `repeat` times)."""
    geocoder = Geocoder(Gazetteer.load())
    n_events = sum(len(v) for v in by_doc.values()) * repeat
    figures = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(repeat):
            for events in by_doc.values():
                for event in events:
                    event.place = None
                geocoder.place_events(events)
        figures.append((time.perf_counter() - start) / n_events * 1e6)
    return figures


def load_cost(runs: int) -> list[tuple[float, float]]:
    """(seconds, MiB of peak memory added) of loading the gazetteer, in fresh interpreters."""
    out = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", LOAD_SCRIPT], capture_output=True, text=True, check=True)
        seconds, mib = done.stdout.split()
        out.append((float(seconds), float(mib)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=200, help="Passes over the dev events a run.")
    args = parser.parse_args()
    if not args.gold.is_dir():
        print(f"no gold folder at {args.gold} (../shared beside the checkout)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="eventwire-geo-") as work:
        result = evaluate(args.gold, Config(workers=1), workdir=work)
        scores = score_places(args.gold, result.predictions, load_labels(LABELS), default_scorer(args.gold))
        print(summary(scores))
        by_doc = stored_events(Path(work) / "eval.duckdb")
    n_events = sum(len(v) for v in by_doc.values())
    per_event = cost_per_event(by_doc, args.runs, args.repeat)
    loads = load_cost(args.runs)
    print(
        f"cost: {statistics.median(per_event):.1f} us an event (median of {args.runs} runs of "
        f"{n_events} events x {args.repeat}; runs {', '.join(f'{x:.1f}' for x in per_event)})"
    )
    print(
        f"start-up: gazetteer loaded in {statistics.median(s for s, _ in loads):.2f} s, "
        f"+{statistics.median(m for _, m in loads):.0f} MiB peak memory "
        f"(median of {args.runs} fresh interpreters)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
