"""The ingest front door: paths (or files' bytes) in, `RawDocument`s and `Failure`s out; one bad file
never stops the rest."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from eventwire.errors import E
from eventwire.ingest._common import Blob, Source
from eventwire.ingest._failures import Rejected, failure, from_rejected
from eventwire.ingest.feeds import read_feed
from eventwire.ingest.files import read_gold_json, read_page
from eventwire.ingest.jsonl import read_jsonl
from eventwire.ingest.options import SUPPORTED_SUFFIXES, IngestOptions, IngestStats, Kind, kind_of
from eventwire.ingest.paths import Target, expand_paths
from eventwire.ingest.sniff import sniff_kind
from eventwire.ingest.warc import read_warc
from eventwire.records import Failure, RawDocument

log = logging.getLogger(__name__)

Reader = Callable[[Source, IngestOptions, IngestStats], Iterator[RawDocument | Failure]]

READERS: dict[Kind, Reader] = {
    "text": lambda path, options, _stats: read_page(path, options, "text"),
    "html": lambda path, options, _stats: read_page(path, options, "html"),
    "json": lambda path, options, _stats: read_gold_json(path, options),
    "jsonl": lambda path, options, _stats: read_jsonl(path, options),
    "feed": lambda path, options, _stats: read_feed(path, options),
    "warc": read_warc,
}


def iter_documents(
    paths: Sequence[str | Path | Blob],
    options: IngestOptions = IngestOptions(),
    stats: IngestStats | None = None,
) -> Iterator[RawDocument | Failure]:
    """Read every document under `paths`, lazily.

    Args:
        paths: files, folders (read recursively) and glob patterns (`data/**/*.html`); each
            folder and glob is expanded in sorted order, the paths themselves in the order given.
            A `Blob` (a file's bytes and name: an upload) is read as the file of that name.
        options: limits and switches, see `IngestOptions`.
        stats: when given, its counters are updated as documents are read.
    Yields:
        A `RawDocument` per document (a file, a WARC response, a feed item, a JSONL line) and
        a `Failure` (stage "ingest", code E1xx) per path, file or record that could not be read.
    """
    stats = stats if stats is not None else IngestStats()
    for target in expand_paths(paths, options, stats):
        items = _read_target(target, options, stats) if isinstance(target, Target) else iter([target])
        for item in items:
            if isinstance(item, Failure):
                stats.failures += 1
                log.debug("ingest failure: %s", item.message())
            else:
                stats.documents += 1
            yield item


def _read_target(
    target: Target, options: IngestOptions, stats: IngestStats
) -> Iterator[RawDocument | Failure]:
    path = target.path
    kind = kind_of(path.name)
    if kind is None and target.explicit and options.sniff_unknown:
        kind = sniff_kind(path)
    if kind is None:
        suffix = path.suffix.lower() or "(none)"
        yield failure(path, E.E110, suffix=suffix, suffixes=", ".join(SUPPORTED_SUFFIXES))
        return
    stats.files += 1
    try:
        yield from READERS[kind](path, options, stats)
    except Rejected as exc:
        yield from_rejected(path, exc)
