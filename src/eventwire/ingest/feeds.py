"""RSS and Atom feeds: one document per item."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser

from eventwire.errors import E
from eventwire.ingest._common import Source, read_limited
from eventwire.ingest._failures import Rejected, failure
from eventwire.ingest.decode import binary_kind
from eventwire.ingest.files import ANY_TAG
from eventwire.ingest.options import IngestOptions
from eventwire.records import Failure, RawDocument


def read_feed(path: Source, options: IngestOptions) -> Iterator[RawDocument | Failure]:
    """One `RawDocument` per feed item; a Failure (E116) for an item without text.

    feedparser is lenient ("bozo" marks a feed it had to repair): a repaired feed with items
    is read, while one without items, or XML that is neither RSS nor Atom, is rejected.
    Raises:
        Rejected: E106 not a feed, and E102, E103, E111, E113 from reading the file.
    """
    data = read_limited(path, options.max_bytes)
    kind = binary_kind(data)
    if kind:
        raise Rejected(E.E103, kind=kind)
    if not data.strip():
        raise Rejected(E.E102)
    # A file object, never bytes or str: feedparser fetches anything that looks like a URL.
    try:
        parsed = feedparser.parse(io.BytesIO(data))
    # feedparser is meant to never raise, but it runs several XML/SGML parsers over hostile
    # input; if one slips, the file is still just "not a feed".
    except Exception as exc:
        raise Rejected(E.E106, detail=_one_line(exc)) from exc
    if not parsed.entries:
        if parsed.bozo:
            raise Rejected(E.E106, detail=_one_line(parsed.get("bozo_exception")))
        if not parsed.version:
            raise Rejected(E.E106, detail="XML that is neither RSS nor Atom")
        return
    outlet = parsed.feed.get("title") or None
    encoding = parsed.get("encoding") or None
    for number, entry in enumerate(parsed.entries, start=1):
        record = f"item {number}"
        text = entry_text(entry)
        if not text:
            yield failure(path, E.E116, record=record)
            continue
        yield RawDocument(
            text=text,
            format="html" if ANY_TAG.search(text) else "text",
            source=str(path),
            record=record,
            url=entry.get("link") or None,
            outlet=outlet,
            title=entry.get("title") or None,
            published=entry_date(entry),
            encoding=encoding,
        )


def entry_text(entry: Any) -> str:
    """A feed item's text: its longest full content, else its summary ("" when it has neither)."""
    # Full content (content:encoded, atom:content) beats the summary when both are given.
    contents = [c.get("value", "") for c in entry.get("content") or []]
    best = max(contents, key=len, default="")
    if best.strip():
        return best.strip()
    return str(entry.get("summary") or "").strip()


def entry_date(entry: Any) -> date | None:
    """A feed item's publication (else update, else creation) date, if it gives one."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _one_line(exc: object) -> str:
    text = " ".join(str(exc or "unreadable XML").split())
    return text[:160]
