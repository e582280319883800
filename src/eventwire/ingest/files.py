"""Whole-file documents: scraped page text (.txt), HTML pages and gold/document JSON files."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from eventwire.errors import E
from eventwire.ingest._common import Source, bytes_to_text, parse_date, read_limited
from eventwire.ingest._failures import Rejected
from eventwire.ingest.decode import declared_charset
from eventwire.ingest.options import IngestOptions
from eventwire.records import RawDocument

HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.IGNORECASE | re.DOTALL
)
ANY_TAG = re.compile(r"<[A-Za-z!/][^>]{0,500}>")
TAG_SNIFF_CHARS = 4096

# The only fields read from a gold file: its answers (events, quotes, notes) stay unread.
GOLD_FIELDS = ("id", "text", "format", "published", "outlet", "url", "title")


def read_page(path: Source, options: IngestOptions, declared_format: str) -> Iterator[RawDocument]:
    """One `RawDocument` from a .txt or .html file.

    A .txt that is really an HTML page is read as HTML, and an .html without a single tag as text.
    Raises:
        Rejected: E102, E103, E104, E111, E113.
    """
    data = read_limited(path, options.max_bytes)
    text, encoding = bytes_to_text(data, (declared_charset(data),))
    fmt = declared_format
    if fmt == "text" and HTML_START.match(text[:TAG_SNIFF_CHARS]):
        fmt = "html"
    elif fmt == "html" and not ANY_TAG.search(text):
        fmt = "text"
    yield RawDocument(text=text, format=fmt, source=str(path), encoding=encoding)  # type: ignore[arg-type]


def read_gold_json(path: Source, options: IngestOptions) -> Iterator[RawDocument]:
    """One `RawDocument` from an evaluation/document JSON object, keeping its id.

    Raises:
        Rejected: E114 for JSON that is not such an object, and the read errors of `read_page`.
    """
    data = read_limited(path, options.max_bytes)
    text, encoding = bytes_to_text(data)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Rejected(
            E.E114, detail=f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    fields = _gold_fields(obj)
    yield RawDocument(
        text=fields["text"],
        format=fields["format"],
        source=str(path),
        doc_id=fields["id"],
        url=fields["url"],
        outlet=fields["outlet"],
        title=fields["title"],
        published=parse_date(fields["published"]),
        encoding=encoding,
    )


def _gold_fields(obj: Any) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise Rejected(E.E114, detail=f"expected an object, got {type(obj).__name__}")
    fields = {name: obj.get(name) for name in GOLD_FIELDS}
    if not isinstance(fields["text"], str) or not fields["text"].strip():
        raise Rejected(E.E114, detail="no non-empty string 'text'")
    fields["format"] = fields["format"] or "text"
    if fields["format"] not in ("text", "html"):
        raise Rejected(E.E114, detail=f"'format' must be 'text' or 'html', got {fields['format']!r}")
    if fields["id"] is not None:
        fields["id"] = str(fields["id"])
    for name in ("url", "outlet", "title", "published"):
        if fields[name] is not None and not isinstance(fields[name], str):
            raise Rejected(E.E114, detail=f"'{name}' must be a string or null")
    return fields
