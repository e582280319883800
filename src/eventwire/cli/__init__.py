"""The `eventwire` command line: parses flags, calls library functions, prints.

No stage logic lives here: every command is a thin shell over the engines, the store, the reads
and the evaluation. Shared options, consoles and printers are in `common`; the commands are filed
by group, one module each (`ingest`, `query`, `evaluate`, `stories`, `spark`, `serve`, `watch`), and
import what they need (spaCy, pyspark, FastAPI) only when they run.
"""

import sys

import typer
from rich.markup import escape

from eventwire.cli import evaluate, ingest, query, serve, spark, stories, watch
from eventwire.cli.common import err, out
from eventwire.errors import EventwireError
from eventwire.version import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, help="News in, events out.")


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


for group in (ingest, query, evaluate, stories, spark, serve, watch):
    for name, command in group.COMMANDS.items():
        app.command(name)(command)


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
