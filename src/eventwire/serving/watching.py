"""`eventwire serve --watch`: the watcher on a thread of the server, which owns the database.

DuckDB lets one process write a file, so the server that shows the pages is also the one that
ingests: each cycle writes through `Database.writer()` (serialised with HTTP ingest), readers
keep their own cursors meanwhile, and once the cycle commits the event index is rebuilt at once,
so the next page shows the new articles, stories and events.
"""

from __future__ import annotations

from eventwire.serving.state import ServerState
from eventwire.watch import AlertEngine, BackgroundWatch, CycleSummary, Watcher, WatchPlan


def start_watch(state: ServerState, plan: WatchPlan) -> BackgroundWatch:
    """Start watching `plan`'s sources on a daemon thread; `BackgroundWatch.stop` ends it."""
    alerts = AlertEngine(plan.alerts) if plan.alerts is not None else None
    # The ingest pipeline, shared: one spaCy model in memory, built when first needed.
    watcher = Watcher(plan.sources, state.ingestor.config, pipeline=state.ingestor.pipeline, alerts=alerts)

    def refreshed(summary: CycleSummary) -> None:
        # Most cycles find nothing new (304s): those leave the caches, and the open pages, alone.
        if summary.stored or (summary.alerts is not None and summary.alerts.fired):
            state.database.touch()
            state.events.index()

    background = BackgroundWatch(watcher, lambda: state.database.writer(bump=False), refreshed)
    background.start()
    return background
