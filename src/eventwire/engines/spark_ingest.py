"""Executor side, stage 1: read input files with eventwire's own readers, record by record.

A file is read by one task with `eventwire.ingest.iter_documents`, the same front door a local
run uses, so parsing, encodings and failures (E1xx, with their byte offsets and line numbers)
are those of a local run. Reading is cheap next to the NLP: what makes a large WARC file many
tasks is the next stage, which spreads its records over every partition (see `spark_runner`).

A remote file (hdfs:, s3a:) arrives as bytes from Spark's `binaryFiles` and is read as they are,
under its name, so that its kind is judged by the same suffix rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from eventwire.engines.spark_inputs import InputFile
from eventwire.ingest import Blob, IngestOptions, iter_documents
from eventwire.records import Failure, RawDocument

OrderKey = tuple[int, int]
"""(file index, position of the item in that file's reading order)."""
Item = RawDocument | Failure
Keyed = tuple[OrderKey, Item]


def read_local(entry: InputFile, options: IngestOptions) -> Iterator[Keyed]:
    """The documents and failures of a local file, keyed by input order and named by its label."""
    items = iter_documents([entry.location], options)
    yield from _keyed(entry, entry.location, items)


def read_bytes(entry: InputFile, data: bytes, options: IngestOptions) -> Iterator[Keyed]:
    """The documents and failures of a remote file's bytes."""
    name = PurePosixPath(unquote(urlsplit(entry.location).path)).name or "input"
    yield from _keyed(entry, name, iter_documents([Blob(name, data)], options))


def _keyed(entry: InputFile, read_as: str, items: Iterable[Item]) -> Iterator[Keyed]:
    for position, item in enumerate(items):
        # The reader names the path it was given; records name the input as the user gave it.
        if item.source == read_as:
            item = replace(item, source=entry.label)
        yield (entry.index, position), item
