"""watch: poll outlets' feeds and sitemaps, ingest what is new through the one pipeline, alert.

`eventwire watch` and `eventwire serve --watch` run `Watcher.cycle` (see `cycle.py` for a
cycle's steps); the crawl state and the alerts live in the store (`store.crawl`, `store.alerts`).
"""

from dataclasses import dataclass

from eventwire.watch.alerts import AlertEngine, AlertPlan, load_alerts
from eventwire.watch.cycle import CycleSummary, Watcher
from eventwire.watch.loop import BackgroundWatch, WatchProgress, watch_loop
from eventwire.watch.sources import FetchOptions, Source, SourcesPlan, load_sources


@dataclass(frozen=True, slots=True)
class WatchPlan:
    """What a watching server watches: sources with their fetch options, and alert rules."""

    sources: SourcesPlan
    alerts: AlertPlan | None = None

__all__ = [
    "AlertEngine",
    "AlertPlan",
    "BackgroundWatch",
    "CycleSummary",
    "FetchOptions",
    "Source",
    "SourcesPlan",
    "WatchPlan",
    "WatchProgress",
    "Watcher",
    "load_alerts",
    "load_sources",
    "watch_loop",
]
