"""WARC archives (plain or gzipped), streamed record by record: one document per HTML response."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal

from warcio.archiveiterator import ArchiveIterator

from eventwire.errors import E
from eventwire.ingest._common import Source, bytes_to_text, open_binary, parse_datetime, size_of
from eventwire.ingest._failures import Rejected, failure, from_rejected
from eventwire.ingest.decode import declared_charset
from eventwire.ingest.options import IngestOptions, IngestStats
from eventwire.records import Failure, RawDocument

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
DOCUMENT_RECORDS = frozenset({"response", "resource"})
CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
DETAIL_CHARS = 120

Skip = Literal["non-html", "not-ok", "ignored"]


def read_warc(path: Source, options: IngestOptions, stats: IngestStats) -> Iterator[RawDocument | Failure]:
    """One `RawDocument` per HTML response (or resource) record, without loading the archive.

    Yields, after the documents: E105 where the archive is damaged (the records before the
    damage still come out), then E112 with the count of non-HTML records skipped.
    Raises:
        Rejected: E111 unreadable, E102 empty.
    """
    try:
        handle = open_binary(path)
        first = handle.read(1)
        handle.seek(0)
    except OSError as exc:
        raise Rejected(E.E111, detail=exc.strerror or type(exc).__name__) from exc
    with handle:
        if not first:
            raise Rejected(E.E102)
        non_html = 0
        for item in _records(path, handle, options, stats):
            if item == "non-html":
                non_html += 1
            elif not isinstance(item, str):
                yield item
    if non_html:
        yield failure(path, E.E112, skipped=non_html)


def _records(
    path: Source, handle: Any, options: IngestOptions, stats: IngestStats
) -> Iterator[RawDocument | Failure | Skip]:
    archive = ArchiveIterator(handle)
    records = iter(archive)
    last: Any = None
    last_offset = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        # warcio raises a zoo of types (ArchiveLoadFailed, zlib.error, EOFError, parser errors)
        # on damaged input; any of them means the archive cannot be read past this point.
        except Exception as exc:
            yield failure(path, E.E105, detail=f"unreadable record at byte {archive.offset}: {_short(exc)}")
            return
        last, last_offset = record, archive.offset
        damage = _header_damage(record, last_offset)
        if damage:
            yield failure(path, E.E105, detail=damage)
            return
        try:
            item = _record(path, record, last_offset, options, stats)
        except _CutShort as exc:
            yield failure(path, E.E105, detail=str(exc))
            return
        except Exception as exc:
            yield failure(path, E.E105, detail=f"record at byte {last_offset}: {_short(exc)}")
            return
        yield item
    size = size_of(path)
    if last is None:
        yield failure(path, E.E105, detail="no WARC record could be read")
    elif _remaining(last):
        yield failure(path, E.E105, detail=f"record at byte {last_offset} is cut short")
    elif archive.offset < size:
        # warcio ends quietly when a record's header is cut: the unread tail gives it away.
        unread = size - archive.offset
        detail = f"the last {unread} bytes, from byte {archive.offset}, are not a whole record"
        yield failure(path, E.E105, detail=detail)


class _CutShort(Exception):
    pass


def _header_damage(record: Any, offset: int) -> str | None:
    if record.format != "warc":
        return f"no WARC record header at byte {offset} (not a WARC file?)"
    if record.rec_headers.get_header("Content-Length") is None:
        # Mandatory in WARC: a header without it was cut before its end.
        return f"record header at byte {offset} is cut short (no Content-Length)"
    return None


def _record(
    path: Source, record: Any, offset: int, options: IngestOptions, stats: IngestStats
) -> RawDocument | Failure | Skip:
    if record.rec_type not in DOCUMENT_RECORDS:
        return "ignored"
    record_id = record.rec_headers.get_header("WARC-Record-ID") or f"byte {offset}"
    if record.http_headers is not None:
        content_type = record.http_headers.get_header("Content-Type") or ""
        status = record.http_headers.get_statuscode() or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
        status = "200"
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        stats.skipped_non_html += 1
        return "non-html"
    if not status.startswith("2"):
        stats.skipped_not_ok += 1
        return "not-ok"
    payload = record.content_stream().read(options.max_bytes + 1)
    if len(payload) > options.max_bytes:
        return failure(path, E.E113, record=record_id, size=record.length, limit=options.max_bytes)
    if _remaining(record):
        raise _CutShort(f"record {record_id} at byte {offset} is cut short")
    charset = CHARSET_PARAM.search(content_type)
    try:
        text, encoding = bytes_to_text(
            payload,
            (charset.group(1).lower() if charset else None, declared_charset(payload)),
            record=record_id,
        )
    except Rejected as exc:
        return from_rejected(path, exc)
    return RawDocument(
        text=text,
        format="html",
        source=str(path),
        record=record_id,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        fetched_at=parse_datetime(record.rec_headers.get_header("WARC-Date")),
        encoding=encoding,
    )


def _remaining(record: Any) -> int:
    """Bytes the record's header promised but the file did not hold (warcio stops silently)."""
    return int(getattr(record.raw_stream, "limit", 0) or 0)


def _short(exc: BaseException) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in str(exc))
    return f"{type(exc).__name__}: {text[:DETAIL_CHARS]}".rstrip(": ")
