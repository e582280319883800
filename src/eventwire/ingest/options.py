"""Settings and counters for reading sources, and the table of file kinds by suffix."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["text", "html", "warc", "feed", "jsonl", "json"]

# Longest suffix first, so ".warc.gz" wins over a plain ".gz" rule should one be added.
PLAIN_SUFFIX_KINDS: tuple[tuple[str, Kind], ...] = (
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".txt", "text"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
    (".rss", "feed"),
    (".atom", "feed"),
    (".xml", "feed"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json", "json"),
)
COMPRESSED = ".gz"
"""Every kind is also read gzipped (`page.html.gz`), decompressed on the fly within `max_bytes`."""
SUFFIX_KINDS: tuple[tuple[str, Kind], ...] = PLAIN_SUFFIX_KINDS + tuple(
    (suffix + COMPRESSED, kind) for suffix, kind in PLAIN_SUFFIX_KINDS if not suffix.endswith(COMPRESSED)
)

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(suffix for suffix, _ in SUFFIX_KINDS)

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def kind_of(name: str) -> Kind | None:
    """The kind of file `name` is, judged by its suffix (case-insensitive); None when unsupported."""
    lowered = name.lower()
    for suffix, kind in SUFFIX_KINDS:
        if lowered.endswith(suffix):
            return kind
    return None


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How sources are read."""

    max_bytes: int = DEFAULT_MAX_BYTES
    """Largest file read whole (text, HTML, JSON, feeds), and largest single WARC record or
    JSONL line; WARC and JSONL files themselves are streamed and may be any size. For gzipped
    files the limit applies to the decompressed bytes."""
    sniff_unknown: bool = True
    """Look at the first bytes of a file named explicitly with an unknown suffix to tell its kind."""
    include_hidden: bool = False
    """Read dot-files and dot-folders met while walking a folder."""


@dataclass(slots=True)
class IngestStats:
    """Counters filled while iterating; pass one to `iter_documents` to read them afterwards."""

    files: int = 0
    """Files opened."""
    documents: int = 0
    """RawDocuments yielded."""
    failures: int = 0
    """Failures yielded."""
    skipped_unsupported: int = 0
    """Files inside folders or glob matches skipped for an unsupported suffix."""
    skipped_non_html: int = 0
    """WARC response/resource records skipped because their payload is not HTML."""
    skipped_not_ok: int = 0
    """WARC HTML responses skipped for a non-2xx HTTP status (error pages, redirects)."""
    skipped_by_kind: dict[str, int] = field(default_factory=dict)
    """Skipped files by suffix, for a summary line."""
