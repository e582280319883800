"""JSON Lines: one document per line; a bad line is reported and the rest still read."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventwire.errors import E
from eventwire.ingest._common import parse_date
from eventwire.ingest._failures import Rejected, failure
from eventwire.ingest.decode import binary_kind
from eventwire.ingest.options import IngestOptions
from eventwire.records import Failure, RawDocument


def read_jsonl(path: Path, options: IngestOptions) -> Iterator[RawDocument | Failure]:
    """Stream `path` line by line.

    Each line is an object with `text` (or `html`) and optional `id`, `url`, `outlet`,
    `published`, `title`, `format`. Lines are UTF-8 (as JSON text must be).
    Yields:
        A RawDocument per good line, a Failure per bad one (E107 not JSON, E108 no text,
        E113 line too long).
    Raises:
        Rejected: E111 unreadable, E103 binary, E102 no line at all.
    """
    any_line = False
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
            kind = binary_kind(head)
            if kind:
                raise Rejected(E.E103, kind=kind)
            handle.seek(0)
            for number, raw in enumerate(handle, start=1):
                if number == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8) :]
                if not raw.strip():
                    continue
                any_line = True
                yield _line(path, number, raw, options)
    except OSError as exc:
        raise Rejected(E.E111, detail=exc.strerror or type(exc).__name__) from exc
    if not any_line:
        raise Rejected(E.E102)


def _line(path: Path, number: int, raw: bytes, options: IngestOptions) -> RawDocument | Failure:
    record = f"line {number}"
    if len(raw) > options.max_bytes:
        return failure(path, E.E113, record=record, size=len(raw), limit=options.max_bytes)
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
