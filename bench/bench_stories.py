"""Stories: clustering quality on the labelled sets, and its cost at 10^4 and 10^5 articles.

Quality: `eventwire.evaluation.stories` on tests/data/stories/{tune,heldout} (B-cubed over
articles, copy detection, report linkage and consolidated events); the tuning set is where the
thresholds were chosen, the held-out set was written separately and not tuned on.

Scale: generated articles (stories of 1-8 articles, each article a draw from its story's own
words and a shared Zipf vocabulary, a fifth of the copies syndicated) are stored without events,
then `update_stories` is timed in a child process, whose peak RSS is the stage's memory. The
articles come at a crawl's steady rate (`PER_DAY` a day), so 10^5 articles span ten times the
days of 10^4: cost per article at 10^5 over cost per article at 10^4 near 1 means the stage
grows linearly with the input (no all-pairs comparison). `--per-day` raises the density, which
costs more per article (more stories open at once), whatever the size.

Windows: at the smallest size, the windowed plan a Spark run uses (`stories.windows`) is run in one
process against the sequential stage: articles given the same story (and rank and score), and
its work over the sequential stage's (the warm-up replay).

Run: python bench/bench_stories.py [--sizes 10000,100000] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from eventwire.config import Config
from eventwire.engines.stories import update_stories
from eventwire.evaluation.stories import score_labelled_set
from eventwire.records import Article, BatchResult, Processed, RawDocument
from eventwire.store import Store
from eventwire.store.stories import views_sql
from eventwire.stories.cluster import view_from_row
from eventwire.stories.windows import WINDOW_WIDTH_DAYS, Windows, run_windows

SETS = Path(__file__).resolve().parent.parent / "tests" / "data" / "stories"
DEFAULT_SIZES = (10_000, 100_000)
VOCABULARY = 30_000
STORY_WORDS = 25
ARTICLE_WORDS = 180
BATCH = 2_000
PER_DAY = 30
"""Articles a day: a regional news crawl's rate; CC-NEWS in English runs far above it."""


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))


def generate(db: Path, articles: int, seed: int = 7, per_day: int = PER_DAY) -> None:
    """Store `articles` generated articles (no events) in a new database at `db`."""
    rng = random.Random(seed)
    vocabulary = [_word(rng) for _ in range(VOCABULARY)]
    weights = [1.0 / (rank + 1) for rank in range(VOCABULARY)]
    start = date(2024, 1, 1)
    batch: list[Processed] = []
    made = 0
    with Store(db) as store:
        while made < articles:
            story_words = rng.sample(vocabulary[2_000:], STORY_WORDS)
            day = start + timedelta(days=rng.randrange(max(1, articles // per_day)))
            wire_text = None
            for member in range(min(rng.randint(1, 8), articles - made)):
                if wire_text is not None and rng.random() < 0.2:
                    text = wire_text + " " + _word(rng)  # a syndicated copy with a credit line
                else:
                    common = rng.choices(vocabulary, weights, k=ARTICLE_WORDS * 7 // 10)
                    own = rng.choices(story_words, k=ARTICLE_WORDS * 3 // 10)
                    body = common + own
                    rng.shuffle(body)
                    text = " ".join(body)
                    wire_text = wire_text or text
                doc_id = f"g{made:07d}"
                published = day + timedelta(days=rng.randint(0, 2))
                raw = RawDocument(text=text, format="text", source="generated", doc_id=doc_id)
                article = Article(
                    doc_id=doc_id, text=text, title=" ".join(rng.sample(story_words, 5)),
                    outlet=f"outlet{member % 6}", published=published, source="generated", hash=raw.hash,
                )
                batch.append(Processed(document=raw, article=article))
                made += 1
            if len(batch) >= BATCH or made >= articles:
                store.write_batch(BatchResult(processed=batch))
                batch = []


def _child(db: Path) -> None:
    with Store(db) as store:
        started = time.perf_counter()
        summary = update_stories(store)
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "peak_bytes": peak, "articles": summary.articles,
                      "copies": summary.copies, "stories": summary.new_stories}))


def scale(size: int, runs: int, per_day: int = PER_DAY) -> dict[str, Any]:
    results = []
    with tempfile.TemporaryDirectory(prefix="eventwire-stories-bench-") as tmp:
        master = Path(tmp) / "generated.duckdb"
        generate(master, size, per_day=per_day)
        for _ in range(runs):
            db = Path(tmp) / "run.duckdb"
            db.write_bytes(master.read_bytes())
            wal = db.with_suffix(".duckdb.wal")
            if wal.exists():
                wal.unlink()
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(db)], capture_output=True, text=True, check=True
            )
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
            db.unlink()
    seconds = statistics.median(r["seconds"] for r in results)
    return {
        "articles": size,
        "per_day": per_day,
        "runs": runs,
        "seconds": round(seconds, 2),
        "articles_per_second": round(size / seconds, 1),
        "ms_per_article": round(1000 * seconds / size, 3),
        "peak_rss_mib": round(max(r["peak_bytes"] for r in results) / 2**20, 1),
        "copies": results[0]["copies"],
        "stories": results[0]["stories"],
    }


def windowed(size: int, width: int = WINDOW_WIDTH_DAYS, per_day: int = PER_DAY) -> dict[str, Any]:
    """The windowed plan (what `eventwire spark` runs) against the sequential stage, in one process:
    how many articles get the same story, copy link and score, and the cost of the warm-up replay."""
    with tempfile.TemporaryDirectory(prefix="eventwire-windows-bench-") as tmp:
        db = Path(tmp) / "generated.duckdb"
        generate(db, size, per_day=per_day)
        with Store(db) as store:
            started = time.perf_counter()
            update_stories(store)
            sequential_seconds = time.perf_counter() - started
            stored = store.con.execute("SELECT doc_id FROM articles ORDER BY rowid").fetchall()
            views = {v.doc_id: v for v in map(view_from_row, store.con.execute(views_sql("TRUE")).fetchall())}
            members = {r[0]: r[1:] for r in store.con.execute("SELECT * FROM story_articles").fetchall()}
    started = time.perf_counter()
    result = run_windows([views[doc_id] for doc_id, in stored], width)
    windowed_seconds = time.perf_counter() - started
    first = min(seq for _, seq, _ in members.values())
    same_story = sum(members[d][0] == story for d, story, _, _ in result.members)
    same_row = sum(members[d] == (story, first + rank, score) for d, story, rank, score in result.members)
    return {
        "articles": size,
        "width_days": width,
        "windows": len({Windows.over(v.day for v in views.values()).of(v.day) for v in views.values()}),
        "same_story": same_story,
        "same_row": same_row,
        "work_ratio": round(windowed_seconds / sequential_seconds, 2),
    }


def quality() -> dict[str, Any]:
    report: dict[str, Any] = {}
    for name in ("tune", "heldout"):
        folder = SETS / name
        if not (folder / "articles.jsonl").exists():
            continue
        scores = score_labelled_set(folder, Config(workers=1)).as_dict()
        report[name] = scores
        b3, copies = scores["stories_bcubed"], scores["copies"]
        link, cons = scores["report_linkage"], scores["consolidated_events"]
        print(
            f"{name:8} {scores['articles']:3} articles, {scores['gold_stories']} stories "
            f"(predicted {scores['predicted_stories']}): B-cubed P {b3['precision']:.3f} "
            f"R {b3['recall']:.3f} F1 {b3['f1']:.3f}; "
            f"copies P {copies['precision']:.2f} R {copies['recall']:.2f}; "
            f"report linkage P {link['precision']:.2f} R {link['recall']:.2f}; "
            f"consolidated events P {cons['precision']:.2f} R {cons['recall']:.2f}"
        )
    return report


def run_bench(
    sizes: tuple[int, ...] = DEFAULT_SIZES, runs: int = 3, per_day: int = PER_DAY
) -> dict[str, Any]:
    report: dict[str, Any] = {"quality": quality(), "scale": []}
    for size in sizes:
        row = scale(size, runs if size <= 10_000 else 1, per_day)
        report["scale"].append(row)
        print(
            f"clustering {row['articles']:>7} articles ({per_day} a day): {row['seconds']:.1f}s "
            f"({row['articles_per_second']:.0f} articles/s, {row['ms_per_article']:.2f} ms each), "
            f"peak RSS {row['peak_rss_mib']:.0f} MiB, {row['stories']} stories, {row['copies']} copies"
        )
    row = windowed(min(sizes))
    report["windowed"] = row
    print(
        f"windows of {row['width_days']} days over {row['articles']} articles ({row['windows']} windows): "
        f"{row['same_story']} same story as the sequential stage, {row['same_row']} same story, rank "
        f"and score; work {row['work_ratio']:.2f}x the sequential stage's (the warm-up replay)"
    )
    if len(report["scale"]) >= 2:
        small, large = report["scale"][0], report["scale"][-1]
        growth = large["ms_per_article"] / small["ms_per_article"]
        report["cost_growth"] = round(growth, 2)
        print(f"cost per article at {large['articles']} / at {small['articles']}: {growth:.2f} "
              "(1.0 = linear; all-pairs would be ~" f"{large['articles'] / small['articles']:.0f})")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--per-day", type=int, default=PER_DAY)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child)
        return 0
    run_bench(tuple(int(s) for s in args.sizes.split(",")), args.runs, args.per_day)
    return 0


if __name__ == "__main__":
    sys.exit(main())
