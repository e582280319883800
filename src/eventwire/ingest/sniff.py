"""Tell a file's kind from its first bytes, for files whose suffix says nothing."""

from __future__ import annotations

import json
import re
import zlib

from eventwire.ingest._common import GZIP_MAGIC, Source, open_binary
from eventwire.ingest.decode import SNIFF_BYTES
from eventwire.ingest.options import Kind

FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)
PROLOGUE = re.compile(rb"\s*(?:<\?xml[^>]*>\s*|<!--.*?-->\s*)*", re.DOTALL)


def sniff_kind(source: Source) -> Kind | None:
    """The kind of `source` judged by content, or None when it is not one eventwire reads."""
    try:
        with open_binary(source) as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return None
    return sniff_bytes(head)


def sniff_bytes(head: bytes) -> Kind | None:
    """The kind of a file starting with `head`."""
    if head.startswith(GZIP_MAGIC):
        # A gzipped file of any kind: judged by its first decompressed bytes.
        try:
            inner = zlib.decompressobj(wbits=31).decompress(head, SNIFF_BYTES)
        except zlib.error:
            return None
        return "warc" if inner.startswith(b"WARC/") else (sniff_bytes(inner) if inner else None)
    if head.startswith(b"WARC/"):
        return "warc"
    body = head.removeprefix(b"\xef\xbb\xbf")
    start = body[PROLOGUE.match(body).end() :]  # type: ignore[union-attr]
    if FEED_ROOT.match(start):
        return "feed"
    if HTML_ROOT.match(start):
        return "html"
    if start.startswith(b"{"):
        first_line = start.split(b"\n", 1)[0]
        try:
            json.loads(first_line)
        except ValueError:
            return "json"
        return "jsonl"
    return None
