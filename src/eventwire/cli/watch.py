"""The monitoring commands: `watch` (poll sources, ingest what is new, alert), `sources`, `alerts`.

Thin shells over `eventwire.watch`.
"""

import signal
import sys
import threading
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import Any, Optional

import typer
from rich.live import Live
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from eventwire.cli.common import (
    ArticlesOnlyOption,
    BatchSizeOption,
    ConfigOption,
    DbOption,
    JsonOption,
    LimitOption,
    err,
    listed,
    open_store,
    out,
    settings,
)
from eventwire.store import Store
from eventwire.store.alerts import list_alerts
from eventwire.store.crawl import list_sources
from eventwire.store.database import now_utc
from eventwire.watch import (
    AlertEngine,
    CycleSummary,
    Watcher,
    WatchProgress,
    load_alerts,
    load_sources,
    watch_loop,
)

FeedOption = typer.Option(None, "--feed", help="An RSS/Atom feed or sitemap URL to watch (repeatable).")
SourcesOption = typer.Option(None, "--sources", help="TOML file of sources ([[source]]) and fetch limits.")
AlertsOption = typer.Option(None, "--alerts", help="TOML file of alert rules ([[rule]]) and [deliver].")
IntervalOption = typer.Option(
    None, "--interval", min=1, help="Seconds between polls of the --feed sources (default 900)."
)


class _StatusLine:
    """The live status line: sources, new articles, errors, next poll."""

    def __init__(self, progress: WatchProgress) -> None:
        self.progress = progress

    def __rich__(self) -> Text:
        p = self.progress
        if p.next_poll is None:
            waiting = "polling"
        else:
            seconds = max(0, int((p.next_poll - now_utc()).total_seconds()))
            waiting = f"next poll in {seconds}s"
        return Text(
            f"watching {p.sources} sources · {p.cycles} cycles · {p.stored} new articles · "
            f"{p.errors} errors · {p.alerts} alerts · {waiting}",
            style="dim",
        )


def _print_cycle(summary: CycleSummary) -> None:
    for error in summary.errors:
        err.print(f"[yellow]error[/yellow] {escape(error)}")
    out.print(summary.line())


def _stop_on_signals(stop: threading.Event) -> None:
    """The first Ctrl-C or SIGTERM ends the loop after the batch in progress; a second Ctrl-C
    stops at once."""

    def handler(_signum: int, _frame: Optional[FrameType]) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        err.print("stopping after the batch in progress (Ctrl-C again to stop at once)")

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


def watch(
    feeds: Optional[list[str]] = FeedOption,
    sources_file: Optional[Path] = SourcesOption,
    alerts_file: Optional[Path] = AlertsOption,
    once: bool = typer.Option(
        False, "--once", help="Poll every source once, then exit (for cron and tests)."
    ),
    interval: Optional[int] = IntervalOption,
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
    batch_size: Optional[int] = BatchSizeOption,
    articles_only: bool = ArticlesOnlyOption,
) -> None:
    """Poll feeds and sitemaps, ingest new articles (stories updated as they arrive), fire alerts."""
    plan = load_sources(sources_file, feeds, interval)
    alerts = AlertEngine(load_alerts(alerts_file)) if alerts_file is not None else None
    config = settings(config_file, articles_only, db=db, batch_size=batch_size)
    watcher = Watcher(plan, config, alerts=alerts)
    store = open_store(config)
    with store:
        try:
            if once:
                summary = watcher.cycle(store, due_only=False)
                _print_cycle(summary)
                if summary.polled and summary.source_errors == summary.polled:
                    raise typer.Exit(1)  # nothing could be polled: worth a cron mail
                return
            _watch_forever(watcher, store)
        finally:
            watcher.close()


def _watch_forever(watcher: Watcher, store: Store) -> None:
    stop = threading.Event()
    _stop_on_signals(stop)
    progress = WatchProgress()

    def opener() -> AbstractContextManager[Store]:
        return nullcontext(store)

    status = _StatusLine(progress)
    if sys.stderr.isatty():
        with Live(status, console=err, refresh_per_second=1, transient=True):
            watch_loop(watcher, opener, stop, progress, _print_cycle)
    else:
        # A service's log gets the cycle lines, not a redrawn status line.
        watch_loop(watcher, opener, stop, progress, _print_cycle)
    err.print(
        f"stopped after {progress.cycles} cycles: {progress.stored} new articles, {progress.alerts} alerts"
    )


def _when(value: Optional[datetime]) -> str:
    return value.isoformat(sep=" ", timespec="seconds") if value else "-"


def sources(
    db: Optional[str] = DbOption, config_file: Optional[Path] = ConfigOption, as_json: bool = JsonOption
) -> None:
    """List watched sources with their last poll, status and counts of articles met."""
    rows = listed(db, config_file, as_json, list_sources)
    if rows is None:
        return
    table = Table(
        "source", "kind", "status", "last poll", "next poll", "stored", "dup", "failed", "retry", "polls"
    )
    for r in rows:
        status = r["status"] or "never polled"
        if r["error_code"]:
            status += f" ({r['error_code']})"
        table.add_row(
            (r["name"] or r["title"] or "") + ("\n" if (r["name"] or r["title"]) else "") + r["url"],
            r["kind"] or "",
            status,
            _when(r["last_poll"]),
            _when(r["next_poll"]),
            str(r["stored"]),
            str(r["duplicates"]),
            str(r["failed"]),
            str(r["retrying"]),
            f"{r['polls']} ({r['not_modified']} unchanged, {r['errors']} errors)",
        )
    out.print(table)
    out.print(f"{len(rows)} sources")


def alerts(
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
    as_json: bool = JsonOption,
    limit: Optional[int] = LimitOption,
) -> None:
    """List fired alerts, newest first, with their evidence and deliveries."""
    rows = listed(db, config_file, as_json, lambda store: list_alerts(store, limit=limit))
    if rows is None:
        return
    table = Table("fired", "rule", "alert", "evidence", "delivered")
    for r in rows:
        table.add_row(
            str(r["fired_at"])[:19].replace("T", " "),
            r["rule"],
            r["title"],
            _evidence_text(r["evidence"]),
            ", ".join(f"{d['channel']}: {d['status']}" for d in r["deliveries"]) or "-",
        )
    out.print(table)
    out.print(f"{len(rows)} alerts")


def _evidence_text(evidence: dict[str, Any]) -> str:
    links = evidence.get("links", {})
    parts = [links["story"]] if "story" in links else []
    parts += [links["dyad"]] if "dyad" in links else []
    parts += links.get("events", [])[:3]
    return " ".join(parts)


COMMANDS = {"watch": watch, "sources": sources, "alerts": alerts}
