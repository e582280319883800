"""What every command shares: options declared once, the consoles, the settings-and-store
preamble, and the printers."""

import functools
import inspect
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape

from eventwire.config import DB_ENV, DEFAULT_DB, Config, load_config
from eventwire.records import Failure
from eventwire.store import Store
from eventwire.store.events import FILTERS

if TYPE_CHECKING:
    from eventwire.engines.stories import StoriesSummary

Rows = list[dict[str, Any]]

# Piped output gets a wide table rather than rich's 80-column default.
# No markup on standard output: article text and evidence carry brackets of their own ("[Xinhua]").
out = Console(
    highlight=False, soft_wrap=True, markup=False, emoji=False, width=None if sys.stdout.isatty() else 160
)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

DbOption = typer.Option(None, "--db", help=f"DuckDB file (default: ${DB_ENV} or ./{DEFAULT_DB}).")
ConfigOption = typer.Option(None, "--config", help="TOML file with an [eventwire] table of settings.")
JsonOption = typer.Option(False, "--json", help="One JSON object a line instead of a table.")
WorkersOption = typer.Option(None, "--workers", "-w", help="Processes (default: one per core).")
BatchSizeOption = typer.Option(None, "--batch-size", help="Documents per transaction.")
ArticlesOnlyOption = typer.Option(False, "--articles-only", help="Store clean articles, skip events.")
LimitOption = typer.Option(None, "--limit", help="At most this many (newest first).")


def settings(config_file: Optional[Path], articles_only: bool = False, **overrides: Any) -> Config:
    """The settings of a command: defaults, the `--config` file, then its flags (unset ones ignored)."""
    return load_config(config_file).with_overrides(
        code_events=False if articles_only else None, **overrides
    )


def open_store(config: Config, *, read_only: bool = False) -> Store:
    """The database of `config`; a command that only reads needs it to exist."""
    if read_only and not Path(config.db).exists():
        fail(f"no database at {config.db}: run `eventwire run PATH` first or pass --db")
    return Store(config.db, read_only=read_only)


@contextmanager
def reading(db: Optional[str], config_file: Optional[Path]) -> Iterator[Store]:
    """The database a reading command reads (`--db`, `--config`), opened read-only."""
    with open_store(settings(config_file, db=db), read_only=True) as store:
        yield store


def fail(message: str, code: int = 1) -> NoReturn:
    """One line on standard error and the exit status (2: the command line was wrong)."""
    err.print(f"[red]error:[/red] {escape(message)}")
    raise typer.Exit(code)


def _json_default(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def print_jsonl(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")


def listed(
    db: Optional[str], config_file: Optional[Path], as_json: bool, read: Callable[[Store], Rows]
) -> Optional[Rows]:
    """The rows a listing command reads from the database; with `--json` they are printed as JSON
    Lines here and None is returned (nothing left to print)."""
    with reading(db, config_file) as store:
        rows = read(store)
    if as_json:
        print_jsonl(rows)
        return None
    return rows


def print_stories(stories: "StoriesSummary") -> None:
    """What the story stage did after a run or a load, when it had new articles."""
    if stories.articles:
        out.print(stories.line())


def print_failures(failures: Iterable[Failure]) -> None:
    for failure in failures:
        err.print(f"[yellow]skipped[/yellow] {escape(failure.message())}")


def parse_date(value: Optional[str], flag: str) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{flag} must be a date like 2017-05-27, got {value!r}", code=2)


def actor_label(name: str, country: Optional[str], sector: Optional[str]) -> str:
    """ "China (CHN/GOV)": an actor as the tables show it."""
    return f"{name} ({country or '-'}/{sector or '-'})"


def actor_text(row: dict[str, Any], side: str) -> str:
    """The source or target of an event row (`side`), as `actor_label` shows it."""
    return actor_label(row[f"{side}_name"], row[f"{side}_country"], row[f"{side}_sector"])


def with_event_filters(command: Callable[..., None]) -> Callable[..., None]:
    """`command` with an option per event filter (`store.events.FILTERS`), handed to it as `filters`:
    a filter added to the event query is an option here without another line."""
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
