"""What to watch and how politely: sources from `--feed URL` flags or a TOML file.

A sources file has an optional `[fetch]` table (politeness and limits, see `FetchOptions`) and
one `[[source]]` table per feed or sitemap:

    [[source]]
    url = "https://example.org/world/rss.xml"   # RSS/Atom feed, news sitemap or plain sitemap
    name = "Example Times"                      # the outlet (default: the feed's title, else the host)
    interval = 900                              # seconds between polls (default 900)
    pages = true                                # fetch the linked pages (default); false: the feed's own text
    max_items = 50                              # new items taken per poll; the rest wait for the next poll
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

from courlan import normalize_url

from eventwire.errors import E, EventwireError
from eventwire.version import __version__

DEFAULT_INTERVAL = 900
"""Seconds between two polls of a source: GDELT's own update period is 15 minutes."""
MIN_INTERVAL = 1
DEFAULT_MAX_ITEMS = 50
"""New items taken from one poll; a sitemap listing a whole site is worked through over several polls."""


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Politeness and limits of every request the watcher makes."""

    user_agent: str = f"eventwire/{__version__} (news monitor)"
    host_delay: float = 1.0
    """Least seconds between the starts of two requests to one host (a longer Crawl-delay wins)."""
    timeout: float = 10.0
    """Seconds to connect, and to wait for each piece of the answer."""
    body_seconds: float = 30.0
    """Seconds a whole answer may take: a server dripping bytes is cut off here."""
    max_page_bytes: int = 5 * 1024 * 1024
    """Largest page or feed, after decompression."""
    retries: int = 2
    """Extra tries after a timeout, a lost connection, a 429 or a 5xx answer."""
    backoff: float = 1.0
    """Seconds before the first retry; doubled before each next one."""
    max_redirects: int = 5
    max_attempts: int = 3
    """Cycles in which a page that failed for a passing reason (5xx, timeout) is tried again."""
    connections: int = 8
    """Requests in flight at once (over all hosts)."""
    robots: bool = True
    """Obey robots.txt (RFC 9309). Turning it off is for your own servers only."""


@dataclass(frozen=True, slots=True)
class Source:
    """One feed or sitemap to poll."""

    url: str
    """The normalised URL: the source's identity in the store."""
    name: str | None = None
    interval: int = DEFAULT_INTERVAL
    pages: bool = True
    max_items: int = DEFAULT_MAX_ITEMS


@dataclass(frozen=True, slots=True)
class SourcesPlan:
    """Sources and fetch options, as read from flags and a sources file."""

    sources: tuple[Source, ...]
    fetch: FetchOptions = field(default_factory=FetchOptions)


def normalise_url(url: str) -> str:
    """One spelling per page: lower-case host, no default port, no fragment, no tracking
    parameters (utm_* and the like), query parameters sorted (courlan)."""
    try:
        normalised = normalize_url(url.strip())
    except (ValueError, TypeError):
        normalised = url.strip()
    return urldefrag(normalised)[0]


def is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


_SOURCE_KEYS = {"url", "name", "interval", "pages", "max_items"}


def _source(table: dict[str, Any], where: str, path: str) -> Source:
    unknown = set(table) - _SOURCE_KEYS
    if unknown:
        raise EventwireError(
            E.E811,
            path=path,
            detail=f"{where}: unknown key(s) {sorted(unknown)} (known: {sorted(_SOURCE_KEYS)})",
        )
    url = table.get("url")
    if not isinstance(url, str) or not is_web_url(url.strip()):
        raise EventwireError(E.E811, path=path, detail=f"{where}: 'url' must be an http(s) URL, got {url!r}")
    name = table.get("name")
    if name is not None and not isinstance(name, str):
        raise EventwireError(E.E811, path=path, detail=f"{where}: 'name' must be text")
    interval = table.get("interval", DEFAULT_INTERVAL)
    if isinstance(interval, bool) or not isinstance(interval, int) or interval < MIN_INTERVAL:
        raise EventwireError(
            E.E811, path=path, detail=f"{where}: 'interval' must be whole seconds >= {MIN_INTERVAL}"
        )
    pages = table.get("pages", True)
    if not isinstance(pages, bool):
        raise EventwireError(E.E811, path=path, detail=f"{where}: 'pages' must be true or false")
    max_items = table.get("max_items", DEFAULT_MAX_ITEMS)
    if isinstance(max_items, bool) or not isinstance(max_items, int) or max_items < 1:
        raise EventwireError(E.E811, path=path, detail=f"{where}: 'max_items' must be a whole number >= 1")
    return Source(
        url=normalise_url(url), name=name or None, interval=interval, pages=pages, max_items=max_items
    )


def _fetch_options(table: dict[str, Any], path: str) -> FetchOptions:
    defaults = FetchOptions()
    known = {f.name: getattr(defaults, f.name) for f in fields(FetchOptions)}
    given: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise EventwireError(
                E.E811, path=path, detail=f"[fetch]: unknown key {key!r} (known: {', '.join(known)})"
            )
        default = known[key]
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        elif isinstance(default, float):
            ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
        else:
            ok = isinstance(value, str) and bool(value.strip())
        if not ok:
            raise EventwireError(
                E.E811, path=path, detail=f"[fetch]: {key!r} must be like {default!r}, got {value!r}"
            )
        given[key] = float(value) if isinstance(default, float) else value
    return replace(defaults, **given)


def load_sources(
    path: str | Path | None, feeds: list[str] | None = None, interval: int | None = None
) -> SourcesPlan:
    """The sources of a TOML file and of `--feed` flags (flags add to the file's sources).

    Args:
        interval: poll interval for the `--feed` sources (default `DEFAULT_INTERVAL`).
    Raises:
        EventwireError: E811 for an unreadable or invalid file or URL, E814 when there is no source.
    """
    sources: dict[str, Source] = {}
    fetch = FetchOptions()
    if path is not None:
        where = str(path)
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise EventwireError(E.E811, path=where, detail=str(exc).splitlines()[0]) from exc
        unknown = set(data) - {"source", "fetch"}
        if unknown:
            raise EventwireError(
                E.E811, path=where, detail=f"unknown table(s) {sorted(unknown)} (known: [fetch], [[source]])"
            )
        if not isinstance(data.get("fetch", {}), dict):
            raise EventwireError(E.E811, path=where, detail="[fetch] must be a table")
        fetch = _fetch_options(data.get("fetch", {}), where)
        tables = data.get("source", [])
        if not isinstance(tables, list):
            raise EventwireError(E.E811, path=where, detail="sources are [[source]] tables")
        for number, table in enumerate(tables, start=1):
            source = _source(table, f"source {number}", where)
            sources.setdefault(source.url, source)
    for url in feeds or []:
        flag = {"url": url} | ({"interval": interval} if interval is not None else {})
        source = _source(flag, "--feed", "command line")
        sources.setdefault(source.url, source)
    if not sources:
        raise EventwireError(E.E814)
    return SourcesPlan(sources=tuple(sources.values()), fetch=fetch)
