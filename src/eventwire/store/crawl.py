"""The watcher's crawl state in the store: sources with their validators and schedule, every URL met.

What the watcher knows lives in the DuckDB file, written with the data it describes, so a
restart (even after SIGKILL) resumes where the last commit left off:
- `watch_urls`: one row per normalised article URL (stored, duplicate, rejected, failed, or to
  retry), committed in the same transaction as the batch that stored or rejected it;
- `watch_sources`: per source, the ETag / Last-Modified of the last poll whose every item was
  committed (saved after them, never before: a validator saved early would turn the next poll
  into a 304 and lose the items not yet stored), the next poll time and the last outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from eventwire.store.database import Store, now_utc
from eventwire.store.rows import TableRows

UrlStatus = Literal["stored", "duplicate", "rejected", "failed", "retry"]
"""stored: its text is in the store; duplicate: the same text came from another URL; rejected:
fetched, but no article in it (E2xx); failed: a lasting fault (PDF, robots.txt, too large) or
passing faults `max_attempts` times; retry: a passing fault (5xx, timeout), tried again next cycle."""

URL_INSERT = "INSERT OR REPLACE INTO watch_urls"


@dataclass(frozen=True, slots=True)
class SourceState:
    url: str
    title: str | None
    """The feed's own title at its last successful poll."""
    etag: str | None
    last_modified: str | None
    next_poll: datetime | None


@dataclass(frozen=True, slots=True)
class UrlRecord:
    """What became of one article URL."""

    url: str
    source_url: str
    status: UrlStatus
    code: str | None = None
    attempts: int = 1
    doc_hash: str | None = None
    title: str | None = None
    published: date | None = None

    def row(self, first_seen: datetime, when: datetime) -> tuple[Any, ...]:
        return (
            self.url,
            self.source_url,
            self.status,
            self.code,
            self.attempts,
            self.doc_hash,
            self.title,
            self.published,
            first_seen,
            when,
        )


@dataclass(frozen=True, slots=True)
class RetryItem:
    url: str
    attempts: int
    title: str | None
    published: date | None


def register_sources(store: Store, wanted: dict[str, tuple[str | None, bool, int]]) -> None:
    """Add new sources and bring the settings of known ones up to date (validators are kept).

    Args:
        wanted: url -> (name, pages, interval in seconds) of each source.

    Only rows that differ are written: a cycle of 304s should cost little more than its GETs.
    """
    stored = {
        r[0]: tuple(r[1:])
        for r in store.con.execute(
            "SELECT url, name, pages, interval_seconds FROM watch_sources WHERE url IN ?", [list(wanted)]
        ).fetchall()
    }
    changed = [(url, *row) for url, row in wanted.items() if stored.get(url) != row]
    if not changed:
        return
    with store.transaction():
        for url, name, pages, interval in changed:
            store.con.execute(
                """INSERT INTO watch_sources (url, name, pages, interval_seconds) VALUES (?, ?, ?, ?)
                ON CONFLICT (url) DO UPDATE SET name = excluded.name, pages = excluded.pages,
                    interval_seconds = excluded.interval_seconds""",
                [url, name, pages, interval],
            )


def source_states(store: Store, urls: list[str]) -> dict[str, SourceState]:
    rows = store.con.execute(
        "SELECT url, title, etag, last_modified, next_poll FROM watch_sources WHERE url IN ?", [urls]
    ).fetchall()
    return {r[0]: SourceState(*r) for r in rows}


def known_urls(store: Store, urls: list[str]) -> set[str]:
    """Which of these URLs were met before (whatever became of them)."""
    if not urls:
        return set()
    rows = store.con.execute("SELECT url FROM watch_urls WHERE url IN ?", [urls]).fetchall()
    return {r[0] for r in rows}


def retry_items(store: Store, source_urls: list[str]) -> dict[str, list[RetryItem]]:
    """Per source, its pages that failed for a passing reason, oldest first."""
    rows = store.con.execute(
        "SELECT source_url, url, attempts, title, published FROM watch_urls "
        "WHERE source_url IN ? AND status = 'retry' ORDER BY first_seen, url",
        [source_urls],
    ).fetchall()
    found: dict[str, list[RetryItem]] = {}
    for source_url, *rest in rows:
        found.setdefault(source_url, []).append(RetryItem(*rest))
    return found


def url_rows(store: Store, records: list[UrlRecord]) -> TableRows:
    """`watch_urls` rows for `records`, keeping the first-seen time of URLs met before."""
    when = now_utc()
    urls = [r.url for r in records]
    first = (
        dict(store.con.execute("SELECT url, first_seen FROM watch_urls WHERE url IN ?", [urls]).fetchall())
        if urls
        else {}
    )
    return URL_INSERT, [r.row(first.get(r.url, when), when) for r in records]


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """How one poll of a source went, to be saved after its items are stored."""

    url: str
    interval: int
    """Seconds until the source's next poll."""
    status: str
    """'ok', 'not modified' or 'error'."""
    http: int | None = None
    kind: str | None = None
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    keep_validators: bool = False
    """Save the new validators: the poll's every item is committed and none was left for later."""
    error_code: str | None = None
    error: str | None = None


def save_polls(store: Store, outcomes: list[PollOutcome]) -> None:
    """Record each poll: outcome, counters, next poll time, and (when safe) the new validators.

    One UPDATE for all the polls of a cycle (DuckDB takes milliseconds a statement).
    """
    if not outcomes:
        return
    when = now_utc()
    rows = [
        (
            o.url,
            o.kind,
            o.title,
            o.keep_validators,
            o.etag,
            o.last_modified,
            when + timedelta(seconds=o.interval),
            o.status,
            o.http,
            o.error_code,
            o.error,
        )
        for o in outcomes
    ]
    values = ", ".join(["(?, ?, ?, ?, ?, ?, ?::TIMESTAMP, ?, ?::INTEGER, ?, ?)"] * len(rows))
    with store.transaction():
        store.con.execute(
            f"""UPDATE watch_sources SET
                kind = coalesce(p.kind, watch_sources.kind),
                title = coalesce(p.title, watch_sources.title),
                etag = CASE WHEN p.keep THEN p.etag ELSE watch_sources.etag END,
                last_modified = CASE WHEN p.keep THEN p.last_modified ELSE watch_sources.last_modified END,
                last_poll = ?, next_poll = p.next_poll, last_status = p.status, last_http = p.http,
                last_error_code = p.error_code, last_error = p.error,
                polls = polls + 1,
                not_modified = not_modified + CASE WHEN p.status = 'not modified' THEN 1 ELSE 0 END,
                errors = errors + CASE WHEN p.status = 'error' THEN 1 ELSE 0 END
            FROM (VALUES {values}) AS p(url, kind, title, keep, etag, last_modified, next_poll, status, http,
                                         error_code, error)
            WHERE watch_sources.url = p.url""",
            [when, *[v for row in rows for v in row]],
        )


def next_poll_time(store: Store, urls: list[str]) -> datetime | None:
    """When the first of these sources is due (None: one has never been polled)."""
    rows = store.con.execute("SELECT next_poll FROM watch_sources WHERE url IN ?", [urls]).fetchall()
    times = [r[0] for r in rows]
    if len(times) < len(urls) or any(t is None for t in times):
        return None
    return min(times)


SOURCES_SQL = """
SELECT s.url, s.name, s.title, s.kind, s.pages, s.interval_seconds AS interval, s.last_poll, s.next_poll,
       s.last_status AS status, s.last_http AS http, s.last_error_code AS error_code,
       s.last_error AS error, s.polls, s.not_modified, s.errors,
       count(u.url) AS urls,
       count(u.url) FILTER (WHERE u.status = 'stored') AS stored,
       count(u.url) FILTER (WHERE u.status = 'duplicate') AS duplicates,
       count(u.url) FILTER (WHERE u.status IN ('rejected', 'failed')) AS failed,
       count(u.url) FILTER (WHERE u.status = 'retry') AS retrying
FROM watch_sources s LEFT JOIN watch_urls u ON u.source_url = s.url
GROUP BY ALL ORDER BY s.url"""


def list_sources(store: Store) -> list[dict[str, Any]]:
    """Every source with its last poll, status and counts of the URLs met in it."""
    return store.query(SOURCES_SQL)
