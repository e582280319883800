"""The Spark commands: `spark`, `load` and `spark-env`.

Thin shells over `eventwire.engines.spark_*`. pyspark is imported only when a command runs, so
the base install's CLI works without it.
"""

from pathlib import Path
from typing import Optional

import typer

from eventwire.cli.common import (
    ArticlesOnlyOption,
    ConfigOption,
    DbOption,
    fail,
    open_store,
    out,
    print_stories,
    settings,
)

# Spark's settings for a run from the command line: quiet console, no web UI unless asked.
QUIET_CONF = {"spark.ui.showConsoleProgress": "false"}


def _conf_pairs(pairs: list[str]) -> dict[str, str]:
    conf = dict(QUIET_CONF)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            fail(f"--conf takes KEY=VALUE, got {pair!r}", code=2)
        conf[key.strip()] = value
    return conf


def spark(
    inputs: list[str] = typer.Argument(
        ..., help="Files, folders, globs or URIs (file:, hdfs:, s3a:) of .warc(.gz), .jsonl, text, HTML."
    ),
    out_dir: str = typer.Option(..., "--out", "-o", help="Dataset folder or URI to write (replaced)."),
    master: Optional[str] = typer.Option(
        None, "--master", help="local[N], spark://HOST:PORT or yarn (default: spark-submit's, or local[*])."
    ),
    partitions: Optional[int] = typer.Option(
        None, "--partitions", min=1, help="Processing tasks (default: two per core)."
    ),
    conf: list[str] = typer.Option([], "--conf", help="A Spark setting KEY=VALUE (repeatable)."),
    config_file: Optional[Path] = ConfigOption,
    batch_size: Optional[int] = typer.Option(None, "--batch-size", help="Documents per pipeline batch."),
    articles_only: bool = ArticlesOnlyOption,
    story_window_days: Optional[int] = typer.Option(
        None, "--story-window-days", min=1, help="Days of articles a story task clusters (default: 7)."
    ),
) -> None:
    """Run the pipeline on Spark and write a Parquet dataset (one folder a table)."""
    from eventwire.engines.spark_runner import run_spark
    from eventwire.engines.spark_session import SparkOptions

    config = settings(config_file, articles_only, batch_size=batch_size)
    width = {} if story_window_days is None else {"story_window_days": story_window_days}
    options = SparkOptions(master=master, partitions=partitions, conf=_conf_pairs(conf), **width)
    summary = run_spark(inputs, out_dir, config, options)
    rows = summary.rows
    out.print(
        f"{summary.seen} documents read from {summary.files} files, {summary.stored} stored, "
        f"{summary.duplicates} duplicates, {rows.get('events', 0)} events, {rows.get('quotes', 0)} quotes, "
        f"{rows.get('failures', 0)} failures in {summary.seconds:.1f}s "
        f"({summary.docs_per_second:.1f} docs/s; {summary.partitions} partitions, "
        f"{summary.worker_processes} worker processes, peak {summary.peak_worker_mib:.0f} MiB a worker) "
        f"-> {out_dir}"
    )
    stories = rows.get("story_articles", 0)
    out.print(
        f"stories: {stories} articles, {rows.get('article_copies', 0)} copies of others, "
        f"{summary.story_seconds:.1f}s of the run"
    )
    if summary.stored == 0 and summary.seen == 0:
        raise typer.Exit(1)


def load(
    dataset: Path = typer.Argument(..., help="A dataset folder written by `eventwire spark`."),
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
) -> None:
    """Bring a Spark dataset into the DuckDB store (then stories, as after `run`)."""
    from eventwire.engines.spark_load import load_dataset

    config = settings(config_file, db=db)
    with open_store(config) as store:
        summary = load_dataset(dataset, store)
    added = summary.added
    out.print(
        f"loaded {added.get('documents', 0)} documents, {added.get('events', 0)} events, "
        f"{added.get('quotes', 0)} quotes, {added.get('failures', 0)} failures "
        f"({summary.already_stored} already stored, {summary.renamed} renamed) -> {config.db}"
    )
    print_stories(summary.stories)


def spark_env(
    out_file: Path = typer.Option(
        Path("eventwire-env.tar.gz"), "--out", "-o", help="Archive to write (.tar.gz)."
    ),
) -> None:
    """Pack eventwire, its dependencies and the model for spark-submit --archives."""
    from eventwire.engines.spark_env import build_env

    summary = build_env(out_file)
    out.print(
        f"wrote {summary.path}: {len(summary.distributions)} distributions, {summary.files} files, "
        f"{summary.bytes / 2**20:.0f} MiB before compression"
    )
    out.print(
        f"use: spark-submit --archives {summary.path}#ew "
        "--conf spark.executorEnv.PYTHONPATH=ew/site-packages ..."
    )


COMMANDS = {"spark": spark, "load": load, "spark-env": spark_env}
