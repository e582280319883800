"""`eventwire run`: ingest files, folders and globs through the pipeline into the store."""

from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from eventwire.cli.common import (
    ArticlesOnlyOption,
    BatchSizeOption,
    ConfigOption,
    DbOption,
    WorkersOption,
    err,
    open_store,
    out,
    print_failures,
    print_stories,
    settings,
)


def run(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive) or globs to ingest."),
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
    workers: Optional[int] = WorkersOption,
    batch_size: Optional[int] = BatchSizeOption,
    articles_only: bool = ArticlesOnlyOption,
) -> None:
    """Ingest documents, extract articles, code events and quotes, store them."""
    from eventwire.engines.local import run_local

    config = settings(config_file, articles_only, db=db, workers=workers, batch_size=batch_size)
    store = open_store(config)
    progress = Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} docs/s"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    with store, progress:
        task = progress.add_task("run", total=None, rate="-")

        def advance(n: int) -> None:
            progress.advance(task, n)
            elapsed = progress.tasks[0].elapsed or 0
            done = progress.tasks[0].completed
            progress.update(task, rate=f"{done / elapsed:.1f}" if elapsed else "-")

        summary = run_local(paths, config, store, progress=advance)
    print_failures(summary.failures)
    out.print(
        f"{summary.seen} documents read, {summary.stored} stored, {summary.duplicates} duplicates, "
        f"{summary.events} events, {summary.quotes} quotes, {len(summary.failures)} failures "
        f"in {summary.seconds:.1f}s ({summary.docs_per_second:.1f} docs/s) -> {config.db}"
    )
    print_stories(summary.stories)
    if summary.stored == 0 and summary.duplicates == 0:
        # Nothing new and nothing already known: every input failed.
        raise typer.Exit(1)


COMMANDS = {"run": run}
