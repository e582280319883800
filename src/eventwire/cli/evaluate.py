"""`eventwire eval`: gold sets through a run, scored by the project's scorer."""

from pathlib import Path
from typing import Optional

import typer

from eventwire.cli.common import ConfigOption, WorkersOption, fail, out, settings


def eval_cmd(
    gold_dirs: list[Path] = typer.Argument(
        ..., help="Folders of gold *.json files (e.g. ../shared/eval/dev ../shared/eval/plover-dev)."
    ),
    scorer: Optional[Path] = typer.Option(
        None, "--scorer", help="score.py to use (default: GOLD_DIR/../score.py)."
    ),
    workdir: Optional[Path] = typer.Option(
        None, "--workdir", help="Keep the databases and predictions here."
    ),
    workers: Optional[int] = WorkersOption,
    config_file: Optional[Path] = ConfigOption,
) -> None:
    """Ingest gold files, export predictions and print the scorer's table: one per set, and one
    for all sets together when there are several."""
    from eventwire.evaluation import evaluate_sets

    for gold_dir in gold_dirs:
        if not gold_dir.is_dir():
            fail(f"gold folder not found: {gold_dir}", code=2)
    config = settings(config_file, workers=workers)
    results, combined = evaluate_sets(gold_dirs, config, scorer=scorer, workdir=workdir)
    for gold_dir, result in zip(gold_dirs, results, strict=True):
        if len(gold_dirs) > 1:
            out.rule(f"{gold_dir}")
        out.print(result.table.rstrip())
        out.print(f"predictions: {result.predictions}")
    if combined is not None:
        out.rule("all sets")
        out.print(combined.table.rstrip())


COMMANDS = {"eval": eval_cmd}
