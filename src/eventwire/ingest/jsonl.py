"""JSON Lines: one document per line; a bad line is reported and the rest still read."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from eventwire.errors import E
from eventwire.ingest._common import GZIP_ERRORS, Source, open_source, parse_date
from eventwire.ingest._failures import Rejected, failure
from eventwire.ingest.decode import SNIFF_BYTES, binary_kind
from eventwire.ingest.options import IngestOptions
from eventwire.records import Failure, RawDocument


def read_jsonl(path: Source, options: IngestOptions) -> Iterator[RawDocument | Failure]:
    """Stream `path` (gzipped or not) line by line.

    Each line is an object with `text` (or `html`) and optional `id`, `url`, `outlet`,
    `published`, `title`, `format`. Lines are UTF-8 (as JSON text must be). No line is held in
    memory past `max_bytes`.
    Yields:
        A RawDocument per good line, a Failure per bad one (E107 not JSON, E108 no text,
        E113 line too long); in a gzipped file a line past the limit ends the file (E117: a
        gzip bomb), and damaged gzip data ends it where the damage starts (E118).
    Raises:
        Rejected: E111 unreadable, E103 binary, E102 no line at all, E118 unreadable gzip header.
    """
    any_line = False
    try:
        with open_source(path) as (handle, compressed):
            kind = binary_kind(handle.read(SNIFF_BYTES))
            handle.seek(0)
            if kind:
                raise Rejected(E.E103, kind=kind)
            for number, raw, too_long in _lines(handle, options.max_bytes):
                if number == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8) :]
                if too_long and compressed:
                    yield failure(path, E.E117, record=f"line {number}", limit=options.max_bytes, what="line")
                    return
                if too_long:
                    yield failure(path, E.E113, record=f"line {number}", size=raw, limit=options.max_bytes)
                    any_line = True
                    continue
                if not raw.strip():
                    continue
                any_line = True
                yield _line(path, number, raw)
    except GZIP_ERRORS as exc:
        if not any_line:
            raise Rejected(E.E118, detail=str(exc)[:160] or type(exc).__name__) from exc
        yield failure(path, E.E118, detail=str(exc)[:160] or type(exc).__name__)
        return
    except OSError as exc:
        raise Rejected(E.E111, detail=exc.strerror or type(exc).__name__) from exc
    if not any_line:
        raise Rejected(E.E102)


def _lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, Any, bool]]:
    """(number, bytes, False) per line, or (number, its length, True) for a line over `max_bytes`,
    whose bytes are skipped without being kept."""
    number = 0
    while True:
        raw = handle.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw) <= max_bytes:
            yield number, raw, False
            continue
        size = len(raw)
        while not raw.endswith(b"\n"):
            raw = handle.readline(max_bytes + 1)
            if not raw:
                break
            size += len(raw)
        yield number, size, True


def _line(path: Source, number: int, raw: bytes) -> RawDocument | Failure:
    record = f"line {number}"
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return failure(path, E.E107, record=record, line=number, detail=f"invalid UTF-8 at byte {exc.start}")
    except json.JSONDecodeError as exc:
        return failure(path, E.E107, record=record, line=number, detail=f"{exc.msg} at column {exc.colno}")
    if not isinstance(obj, dict):
        return failure(
            path, E.E107, record=record, line=number, detail=f"expected an object, got {type(obj).__name__}"
        )
    text, fmt = _text_and_format(obj)
    if text is None:
        return failure(path, E.E108, record=record, line=number)
    doc_id = obj.get("id")
    return RawDocument(
        text=text,
        format=fmt,
        source=str(path),
        record=record,
        doc_id=str(doc_id) if doc_id not in (None, "") else None,
        url=_string(obj, "url"),
        outlet=_string(obj, "outlet"),
        title=_string(obj, "title"),
        published=parse_date(obj.get("published")),
        encoding="utf-8",
    )


def _string(obj: dict[str, Any], name: str) -> str | None:
    value = obj.get(name)
    return value if isinstance(value, str) and value.strip() else None


def _text_and_format(obj: dict[str, Any]) -> tuple[str | None, Any]:
    html, text = obj.get("html"), obj.get("text")
    if isinstance(html, str) and html.strip():
        return html, "html"
    if isinstance(text, str) and text.strip():
        return text, "html" if obj.get("format") == "html" else "text"
    return None, "text"
