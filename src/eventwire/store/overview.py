"""What the store holds at a glance: events over time by type, cooperation against conflict,
the busiest dyads, the most-covered stories and the outlets, for the overview page and its API."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from eventwire.store import queries
from eventwire.store.database import Store
from eventwire.store.events import EventQuery, and_where, where
from eventwire.store.stories import OUTLET_SQL

DAILY_UP_TO_DAYS = 62
WEEKLY_UP_TO_DAYS = 3 * 366
"""Spans of dated events up to two months are charted by day, up to three years by week,
longer ones by month (a corpus reaching back years would be hundreds of empty weeks)."""
PERIODS = ("day", "week", "month")
TOP = 10
OUTLETS_SHOWN = 15


def _as_date(value: Any) -> date:
    return value.date() if hasattr(value, "date") else value


def _periods(first: date, last: date, period: str) -> list[date]:
    out, day = [], first
    while day <= last:
        out.append(day)
        if period == "month":
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        else:
            day += timedelta(days=7 if period == "week" else 1)
    return out


def choose_period(store: Store, q: EventQuery = EventQuery()) -> str:
    """'day', 'week' or 'month', by the span of the matching dated events."""
    sql_where, params = where(q)
    (row,) = store.query(
        "SELECT min(e.date) AS first, max(e.date) AS last FROM events e"
        + and_where(sql_where, "e.date IS NOT NULL"),
        params,
    )
    if row["first"] is None:
        return "week"
    span = (row["last"] - row["first"]).days
    return "day" if span <= DAILY_UP_TO_DAYS else "week" if span <= WEEKLY_UP_TO_DAYS else "month"


def period_series(store: Store, q: EventQuery = EventQuery(), period: str = "week") -> dict[str, Any]:
    """Dated events matching `q` per day, week (from Monday) or month: counts by PLOVER type
    and the mean Goldstein score. Every period from the first to the last is listed, empty ones
    too, so that a chart's time axis is even.

    Returns:
        {"period", "types", "series": [{"start", "n", "by_type", "goldstein"}], "undated"}.
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, got {period!r}")
    sql_where, params = where(q)
    rows = store.query(
        f"SELECT date_trunc('{period}', e.date) AS start, e.type, count(*) AS n, "
        "avg(e.goldstein) AS goldstein FROM events e"
        + and_where(sql_where, "e.date IS NOT NULL")
        + " GROUP BY start, e.type ORDER BY start, e.type",
        params,
    )
    counts: dict[date, dict[str, int]] = defaultdict(dict)
    weighted: dict[date, float] = defaultdict(float)
    for row in rows:
        start = _as_date(row["start"])
        counts[start][row["type"]] = row["n"]
        weighted[start] += row["goldstein"] * row["n"]
    series = []
    for start in _periods(min(counts), max(counts), period) if counts else []:
        by_type = counts.get(start, {})
        n = sum(by_type.values())
        series.append(
            {
                "start": start,
                "n": n,
                "by_type": by_type,
                "goldstein": round(weighted[start] / n, 3) if n else None,
            }
        )
    dated = sum(s["n"] for s in series)
    return {
        "period": period,
        "types": sorted({t for s in series for t in s["by_type"]}),
        "series": series,
        "dated": dated,
        "mean_goldstein": round(sum(weighted.values()) / dated, 3) if dated else None,
    }


def chart_data(series: dict[str, Any]) -> dict[str, Any]:
    """A period series as the pages' charts read it (labels, counts per type, Goldstein)."""
    points = series["series"]
    return {
        "labels": [p["start"].isoformat() for p in points],
        "types": series["types"],
        "counts": {t: [p["by_type"].get(t, 0) for p in points] for t in series["types"]},
        "goldstein": [p["goldstein"] for p in points],
    }


def overview(store: Store) -> dict[str, Any]:
    """Everything the overview page shows."""
    (totals,) = store.query(
        f"""SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM events) AS events,
                   (SELECT count(*) FROM stories) AS stories,
                   (SELECT count(DISTINCT {OUTLET_SQL}) FROM articles a) AS outlets"""
    )
    series = period_series(store, period=choose_period(store))
    stories = store.query(
        "SELECT story_id AS id, title, first_published, last_published, n_articles, n_outlets FROM stories "
        "ORDER BY n_outlets DESC, n_articles DESC, last_published DESC NULLS LAST, story_id LIMIT ?",
        [TOP],
    )
    outlets = store.query(
        f"SELECT {OUTLET_SQL} AS outlet, count(*) AS n_articles, min(a.published) AS first_published, "
        "max(a.published) AS last_published FROM articles a GROUP BY ALL "
        "ORDER BY n_articles DESC, outlet LIMIT ?",
        [OUTLETS_SHOWN],
    )
    types = store.query(
        "SELECT type, count(*) AS n, avg(goldstein) AS goldstein FROM events "
        "GROUP BY type ORDER BY n DESC, type"
    )
    return {
        "totals": totals,
        "over_time": series,
        "types": types,
        "dyads": queries.dyad_top(store, limit=TOP),
        "stories": stories,
        "outlets": outlets,
    }
