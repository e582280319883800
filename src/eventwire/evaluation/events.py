"""Score eventwire against a gold directory with the project's scorer (`score.py`).

The gold files are ingested like any input (their `id` kept as the document id), the store is
exported in the scorer's JSON Lines format, and `score.py` from the gold directory's parent
(or a given path) scores it. The scorer is run, never reimplemented, so our figures are the
same ones anybody else computes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.config import Config
from eventwire.engines.local import RunSummary, run_local
from eventwire.store import Store, export


@dataclass(slots=True)
class EvalResult:
    """The scorer's printed table and its numbers, with the run that produced the predictions."""

    table: str
    scores: dict[str, Any]
    predictions: Path
    run: RunSummary


def default_scorer(gold_dir: Path) -> Path:
    return gold_dir.resolve().parent / "score.py"


def run_scorer(scorer: Path, gold_dir: Path, predictions: Path, *, as_json: bool) -> str:
    """Run score.py and return what it printed.

    Raises:
        FileNotFoundError: when the scorer does not exist.
        RuntimeError: when it exits non-zero.
    """
    if not scorer.is_file():
        raise FileNotFoundError(f"scorer not found: {scorer} (pass --scorer)")
    args = [sys.executable, str(scorer), str(gold_dir), str(predictions)] + (["--json"] if as_json else [])
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{scorer} exited {done.returncode}: {done.stderr.strip()}")
    return done.stdout


def evaluate(
    gold_dir: str | Path,
    config: Config,
    *,
    scorer: str | Path | None = None,
    workdir: str | Path | None = None,
) -> EvalResult:
    """Ingest `gold_dir/*.json` into a fresh database, export, and score.

    Args:
        workdir: where the database and predictions go (a temporary folder by default).
    """
    gold = Path(gold_dir)
    scorer_path = Path(scorer) if scorer else default_scorer(gold)
    work = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="eventwire-eval-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "eval.duckdb"
    db.unlink(missing_ok=True)
    predictions = work / "predictions.jsonl"
    run_config = config.with_overrides(db=str(db))
    with Store(db) as store:
        summary = run_local(sorted(gold.glob("*.json")), run_config, store)
        export(store, "jsonl", predictions)
    table = run_scorer(scorer_path, gold, predictions, as_json=False)
    scores = json.loads(run_scorer(scorer_path, gold, predictions, as_json=True))
    return EvalResult(table=table, scores=scores, predictions=predictions, run=summary)


def evaluate_sets(
    gold_dirs: list[Path],
    config: Config,
    *,
    scorer: str | Path | None = None,
    workdir: str | Path | None = None,
) -> tuple[list[EvalResult], EvalResult | None]:
    """Evaluate several gold sets, each on its own, and all of them together.

    The combined score is the scorer run once over every set's gold files (gathered by links in
    one folder) and every set's predictions, so it is micro-averaged like each set's own.

    Returns:
        one result per set, and the combined one (None for a single set).
    """
    work = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="eventwire-eval-"))
    results = [
        evaluate(gold, config, scorer=scorer, workdir=work / f"{n}-{Path(gold).name}")
        for n, gold in enumerate(gold_dirs)
    ]
    if len(results) < 2:
        return results, None
    combined = work / "all"
    gold_all = combined / "gold"
    gold_all.mkdir(parents=True, exist_ok=True)
    for gold in gold_dirs:
        for path in sorted(Path(gold).glob("*.json")):
            link = gold_all / path.name
            if not link.exists():
                link.symlink_to(path.resolve())
    predictions = combined / "predictions.jsonl"
    joined = "".join(r.predictions.read_text(encoding="utf-8") for r in results)
    predictions.write_text(joined, encoding="utf-8")
    scorer_path = Path(scorer) if scorer else default_scorer(Path(gold_dirs[0]))
    table = run_scorer(scorer_path, gold_all, predictions, as_json=False)
    scores = json.loads(run_scorer(scorer_path, gold_all, predictions, as_json=True))
    return results, EvalResult(table=table, scores=scores, predictions=predictions, run=results[0].run)

