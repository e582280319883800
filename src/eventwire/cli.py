"""The `eventwire` command line: parses flags, calls library functions, prints.

No stage logic lives here: every command is a thin shell over `eventwire.engines`,
`eventwire.store` and `eventwire.evaluate`.
"""

import functools
import inspect
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventwire.config import DB_ENV, DEFAULT_DB, Config, load_config
from eventwire.errors import EventwireError
from eventwire.store import EXPORT_FORMATS, Store, export, queries
from eventwire.store.events import FILTERS, QueryError, event_by_prefix, event_rows, parse_event_query
from eventwire.store.shapes import event_export
from eventwire.version import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, help="News in, events out.")
# Piped output gets a wide table rather than rich's 80-column default.
# No markup on standard output: article text and evidence carry brackets of their own ("[Xinhua]").
out = Console(
    highlight=False, soft_wrap=True, markup=False, emoji=False, width=None if sys.stdout.isatty() else 160
)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

# Options shared by several commands, declared once.
DbOption = typer.Option(None, "--db", help=f"DuckDB file (default: ${DB_ENV} or ./{DEFAULT_DB}).")
ConfigOption = typer.Option(None, "--config", help="TOML file with an [eventwire] table of settings.")
JsonOption = typer.Option(False, "--json", help="One JSON object a line instead of a table.")
WorkersOption = typer.Option(None, "--workers", "-w", help="Processes (default: one per core).")


def _config(config_file: Optional[Path], **overrides: Any) -> Config:
    return load_config(config_file).with_overrides(**overrides)


def _open(config: Config, *, read_only: bool = False) -> Store:
    if read_only and not Path(config.db).exists():
        _fail(f"no database at {config.db}: run `eventwire run PATH` first or pass --db")
    return Store(config.db, read_only=read_only)


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {escape(message)}")
    raise typer.Exit(code)


def _json_default(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _print_jsonl(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")


def _version(value: bool) -> None:
    if value:
        out.print(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """News in, events out: political event data from news pages, feeds and crawls."""


@app.command()
def run(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive) or globs to ingest."),
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
    workers: Optional[int] = WorkersOption,
    batch_size: Optional[int] = typer.Option(None, "--batch-size", help="Documents per transaction."),
    articles_only: bool = typer.Option(False, "--articles-only", help="Store clean articles, skip events."),
) -> None:
    """Ingest documents, extract articles, code events and quotes, store them."""
    from eventwire.engines.local import run_local

    config = _config(
        config_file,
        db=db,
        workers=workers,
        batch_size=batch_size,
        code_events=False if articles_only else None,
    )
    store = _open(config)
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
    for failure in summary.failures:
        err.print(f"[yellow]skipped[/yellow] {escape(failure.message())}")
    out.print(
        f"{summary.seen} documents read, {summary.stored} stored, {summary.duplicates} duplicates, "
        f"{summary.events} events, {summary.quotes} quotes, {len(summary.failures)} failures "
        f"in {summary.seconds:.1f}s ({summary.docs_per_second:.1f} docs/s) -> {config.db}"
    )
    stories = summary.stories
    if stories.articles:
        out.print(
            f"stories: {stories.articles} articles, {stories.copies} copies of others, "
            f"{stories.new_stories} new stories, {stories.joined} joined existing ones, "
            f"{stories.consolidated_events} consolidated events"
        )
    if summary.stored == 0 and summary.duplicates == 0:
        # Nothing new and nothing already known: every input failed.
        raise typer.Exit(1)


@app.command()
def status(db: Optional[str] = DbOption, config_file: Optional[Path] = ConfigOption) -> None:
    """Counts of documents, articles, events, quotes and failures (with reasons)."""
    config = _config(config_file, db=db)
    with _open(config, read_only=True) as store:
        counts = queries.counts(store)
        failures = queries.failures(store)
    table = Table("table", "rows", title=config.db)
    for name, n in counts.items():
        table.add_row(name, str(n))
    out.print(table)
    for f in failures:
        where = f["source"] + (f" [{f['record']}]" if f["record"] else "")
        out.print(f"  {f['stage']:<8} {f['code']} {where}: {f['reason']}")


@app.command("articles")
def list_articles(
    db: Optional[str] = DbOption, config_file: Optional[Path] = ConfigOption, as_json: bool = JsonOption
) -> None:
    """List stored articles (--json: id, title, outlet, published, url, source, text)."""
    config = _config(config_file, db=db)
    with _open(config, read_only=True) as store:
        rows = queries.articles(store)
    if as_json:
        _print_jsonl(rows)
        return
    table = Table("id", "published", "outlet", "title", "source")
    for r in rows:
        source = r["source"] + (f" [{r['record']}]" if r["record"] else "")
        table.add_row(r["id"], str(r["published"] or ""), r["outlet"] or "", r["title"] or "", source)
    out.print(table)


@app.command("article")
def show_article(
    doc_id: str = typer.Argument(..., help="Article id (or a unique prefix)."),
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
    as_json: bool = JsonOption,
) -> None:
    """Show one article's clean text and metadata."""
    config = _config(config_file, db=db)
    with _open(config, read_only=True) as store:
        row = queries.article(store, doc_id)
    if row is None:
        _fail(f"no article with id {doc_id!r}")
        return
    if as_json:
        _print_jsonl([row])
        return
    for key in (
        "id",
        "title",
        "outlet",
        "author",
        "published",
        "url",
        "source",
        "record",
        "format",
        "encoding",
    ):
        if row.get(key) is not None:
            out.print(f"{key}: {row[key]}")
    out.print()
    out.print(row["text"])


@app.command("export")
def export_cmd(
    fmt: str = typer.Option(
        ..., "--format", "-f", help=f"One of: {', '.join(EXPORT_FORMATS)}; gdelt for --what consolidated."
    ),
    out_file: Path = typer.Option(..., "--out", "-o", help="File to write."),
    what: str = typer.Option("events", "--what", help="events, stories or consolidated (events)."),
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
) -> None:
    """Export events (JSON Lines also carries quotes, in the scorer's format), stories or
    consolidated events (also as a GDELT 2.0 Event table: --what consolidated --format gdelt)."""
    from eventwire.reads.export import WHAT, export_stories

    if what not in WHAT:
        _fail(f"unknown table {what!r}: choose one of {', '.join(WHAT)}", code=2)
    if what == "events" and fmt not in EXPORT_FORMATS:
        _fail(f"unknown format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}", code=2)
    config = _config(config_file, db=db)
    with _open(config, read_only=True) as store:
        try:
            if what == "events":
                n = export(store, fmt, out_file)
            else:
                n = export_stories(store, what, fmt, out_file)
        except ValueError as exc:
            _fail(str(exc), code=2)
            return
    out.print(f"wrote {n} rows to {out_file}")


def _parse_date(value: Optional[str], flag: str) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"{flag} must be a date like 2017-05-27, got {value!r}", code=2)
        raise


def _actor_text(row: dict[str, Any], side: str) -> str:
    country = row[f"{side}_country"] or "-"
    sector = row[f"{side}_sector"] or "-"
    return f"{row[f'{side}_name']} ({country}/{sector})"


def with_event_filters(command: Callable[..., None]) -> Callable[..., None]:
    """`command` with an option per event filter (`store.events.FILTERS`), handed to it as `filters`."""
    own = [p for p in inspect.signature(command).parameters.values() if p.name != "filters"]
    options = [
        inspect.Parameter(
            f.param,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            default=typer.Option(None, f"--{f.param}", help=f.help),
            annotation=Optional[str],
        )
        for f in FILTERS
    ]

    @functools.wraps(command)
    def with_filters(**kwargs: Any) -> None:
        command(filters={f.param: kwargs.pop(f.param) for f in FILTERS}, **kwargs)

    with_filters.__signature__ = inspect.Signature(options + own)  # type: ignore[attr-defined]
    return with_filters


@app.command("events")
@with_event_filters
def list_events(
    filters: dict[str, Optional[str]],
    consolidated: bool = typer.Option(
        False, "--consolidated", help="One row per real event across articles, with its report counts."
    ),
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
    as_json: bool = JsonOption,
) -> None:
    """List coded events: who did what to whom, when and where."""
    config = _config(config_file, db=db)
    if consolidated:
        from eventwire.cli_stories import print_consolidated
        from eventwire.store.stories import consolidated_events

        with _open(config, read_only=True) as store:
            print_consolidated(consolidated_events(store), as_json)
        return
    from eventwire.coding import plover_types

    try:
        query = parse_event_query(filters, plover_types)
    except QueryError as exc:
        _fail(f"--{exc.message}", code=2)
        return
    with _open(config, read_only=True) as store:
        rows = event_rows(store, query, order="oldest")
    if as_json:
        _print_jsonl([event_export(r) for r in rows])
        return
    table = Table("id", "date", "source", "type", "target", "where", "doc")
    for r in rows:
        table.add_row(
            r["event_id"][:9],
            str(r["date"] or ""),
            _actor_text(r, "source"),
            f"{r['type']} {r['cameo']}",
            _actor_text(r, "target"),
            r["location"] or "",
            r["doc_id"],
        )
    out.print(table)
    out.print(f"{len(rows)} events")


@app.command("event")
def show_event(
    event_id: str = typer.Argument(..., help="Event id (or a unique prefix)."),
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
) -> None:
    """Show one event with its evidence sentence, rule, actors and date reasoning."""
    config = _config(config_file, db=db)
    with _open(config, read_only=True) as store:
        row = event_by_prefix(store, event_id)
    if row is None:
        _fail(f"no single event with id prefix {event_id!r}")
        return
    out.print(
        f"{row['type']} (CAMEO {row['cameo']}, Goldstein {row['goldstein']:+.1f}"
        + (f", mode {row['mode']}" if row["mode"] else "")
        + ")"
    )
    out.print(f"source:     {_actor_text(row, 'source')}")
    out.print(f"target:     {_actor_text(row, 'target')}")
    out.print(f"date:       {row['date'] or 'unknown'}  ({row['date_reason']})")
    out.print(f"location:   {row['location'] or 'unknown'}")
    if row["place_name"]:
        where = f"{row['lat']:.4f}, {row['lon']:.4f}" if row["lat"] is not None else "no coordinates"
        out.print(f"place:      {row['place_name']} ({row['feature_type']}, {row['place_country']}) {where}  "
                  f"GeoNames {row['geonames_id'] or '-'}  ({row['geo_reason']})")
    out.print(f"rule:       {row['rule']}  confidence {row['confidence']:.2f}")
    out.print(f"article:    {row['doc_id']}  {row['outlet'] or ''} {row['published'] or ''}")
    out.print(f"evidence:   {row['evidence']}")


@app.command("quotes")
def list_quotes(
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Speaker name contains this."),
    doc_id: Optional[str] = typer.Option(None, "--doc", help="Only quotes of this article."),
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
    as_json: bool = JsonOption,
) -> None:
    """List direct quotes with their speakers."""
    config = _config(config_file, db=db)
    with _open(config, read_only=True) as store:
        rows = queries.quotes(store, speaker=speaker, doc_id=doc_id)
    if as_json:
        _print_jsonl(rows)
        return
    for r in rows:
        out.print(f"{r['speaker']} ({r['doc_id']}): \u201c{r['text']}\u201d")
    out.print(f"{len(rows)} quotes")


@app.command("code")
def code_cmd(
    text: str = typer.Argument(..., help="Text to code (one or more sentences)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD)."),
    as_json: bool = JsonOption,
) -> None:
    """Code events and quotes in a piece of text, without storing anything."""
    from eventwire.coding import code_text

    result = code_text(text, published=_parse_date(published, "--published"))
    if as_json:
        _print_jsonl([e.to_dict() for e in result.events] + [q.to_dict() for q in result.quotes])
        return
    for e in result.events:
        out.print(
            f"{e.type} {e.cameo}: {e.source.name} ({e.source.country or '-'}/{e.source.sector or '-'}) -> "
            f"{e.target.name} ({e.target.country or '-'}/{e.target.sector or '-'})  "
            f"date {e.date or '-'}  at {e.location or '-'}  [{e.rule}, {e.confidence:.2f}]"
        )
        out.print(f"    date: {e.date_reason}")
    for q in result.quotes:
        out.print(f"quote {q.speaker}: \u201c{q.text}\u201d")
    if not result.events and not result.quotes:
        out.print("no events or quotes")


@app.command("eval")
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
            _fail(f"gold folder not found: {gold_dir}", code=2)
    config = _config(config_file, workers=workers)
    results, combined = evaluate_sets(gold_dirs, config, scorer=scorer, workdir=workdir)
    for gold_dir, result in zip(gold_dirs, results, strict=True):
        if len(gold_dirs) > 1:
            out.rule(f"{gold_dir}")
        out.print(result.table.rstrip())
        out.print(f"predictions: {result.predictions}")
    if combined is not None:
        out.rule("all sets")
        out.print(combined.table.rstrip())


# Commands of the other parts live in modules of their own, which use this module's helpers.
from eventwire import cli_stories  # noqa: E402

cli_stories.register(app)


# The Spark commands live in their own module; pyspark is imported only when one runs.
from eventwire.cli_spark import register as register_spark  # noqa: E402

register_spark(app)

# `serve` (web pages and JSON API) lives in its own module; FastAPI is imported only when it runs.
from eventwire.cli_serve import register as register_serve  # noqa: E402

register_serve(app)

# `watch`, `sources` and `alerts` (monitoring) live in their own module.
from eventwire.cli_watch import register as register_watch  # noqa: E402

register_watch(app)


def main() -> None:
    """Entry point: user errors print one line and exit 1; no tracebacks for them."""
    try:
        app()
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        sys.exit(1)
    except KeyboardInterrupt:
        _interrupted()
    except RuntimeError as exc:
        # DuckDB turns a Ctrl-C that lands inside a statement into this error.
        if "interrupt" not in str(exc).lower():
            raise
        _interrupted()


def _interrupted() -> None:
    err.print("interrupted: what was committed is kept; run the same command again to finish")
    sys.exit(130)


if __name__ == "__main__":
    main()
