"""Planning on the driver: the user's inputs become a numbered list of files to read.

Local paths are expanded exactly as `eventwire run` expands them (`ingest.paths.expand_paths`:
folders recursively, globs, unsupported files skipped, missing paths recorded), so a local and a
Spark run of the same paths read the same files in the same order. URIs (`file:`, `hdfs:`,
`s3a:`, anything Spark's Hadoop file systems read) are listed through the JVM's `FileSystem`,
which the driver has and the Python executors do not.

The file's number is the first part of every document's order key `(file, position)`: "first
in input order" (which copy of a duplicate is kept) means the same thing as in a local run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from eventwire.errors import E
from eventwire.ingest import IngestOptions, IngestStats
from eventwire.ingest.options import SUPPORTED_SUFFIXES, kind_of
from eventwire.ingest.paths import GLOB_CHARS, Target, expand_paths
from eventwire.records import Failure

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
"""A scheme ("file:", "hdfs://", "s3a://"); a Windows drive letter would match too, but Spark
drivers run on Linux."""


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to read, and how a local run would name it."""

    index: int
    """Its place in input order: the first part of each of its documents' order key."""
    label: str
    """What `source` says in the records: the path as `eventwire run` would show it, or the URI."""
    location: str
    """Where an executor reads it: an absolute local path, or a Hadoop-qualified URI."""
    remote: bool
    """Read through Spark's file systems (`binaryFiles`), not opened by the executor's Python."""


def is_uri(given: str) -> bool:
    return bool(URI.match(given)) and not Path(given).exists()


def list_inputs(
    session: SparkSession, inputs: Sequence[str], options: IngestOptions
) -> tuple[list[InputFile], list[Failure]]:
    """The files under `inputs`, numbered in input order, and a Failure per input that gave none.

    Raises nothing for bad inputs: a missing path is an E101 failure, as in a local run.
    """
    files: list[InputFile] = []
    failures: list[Failure] = []
    seen: set[str] = set()
    stats = IngestStats()
    for given in inputs:
        if is_uri(given):
            found: Iterator[InputFile | Failure] = _remote(session, given)
        else:
            found = _local(given, options, stats)
        for item in found:
            if isinstance(item, Failure):
                failures.append(item)
            elif item.location not in seen:
                seen.add(item.location)
                files.append(InputFile(len(files), item.label, item.location, item.remote))
    return files, failures


def _local(given: str, options: IngestOptions, stats: IngestStats) -> Iterator[InputFile | Failure]:
    for item in expand_paths([given], options, stats):
        if isinstance(item, Target):
            path = Path(str(item.path))  # a path given, the targets are files (not bytes)
            yield InputFile(-1, str(path), str(path.absolute()), remote=False)
        else:
            yield item


def _remote(session: SparkSession, given: str) -> Iterator[InputFile | Failure]:
    """List a URI with Hadoop's FileSystem: a file, a folder (recursively) or a glob."""
    jvm: Any = session.sparkContext._jvm
    conf = session.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(given)
    fs = path.getFileSystem(conf)
    if GLOB_CHARS.search(given):
        statuses = list(fs.globStatus(path) or [])
        if not statuses:
            yield _failure(given, E.E115, suffixes=", ".join(SUPPORTED_SUFFIXES))
            return
    elif fs.exists(path):
        statuses = [fs.getFileStatus(path)]
    else:
        yield _failure(given, E.E101)
        return
    for status in sorted(statuses, key=lambda s: s.getPath().toString()):
        if status.isDirectory():
            yield from _remote_folder(fs, status.getPath(), given)
        else:
            # Named (or matched) directly: read whatever it is and let the reader judge it.
            uri = status.getPath().toString()
            yield InputFile(-1, uri, uri, remote=True)


def _remote_folder(fs: Any, folder: Any, given: str) -> Iterator[InputFile | Failure]:
    listing = fs.listFiles(folder, True)
    base = PurePosixPath(folder.toUri().getPath())
    uris: list[str] = []
    while listing.hasNext():
        status = listing.next()
        relative = PurePosixPath(status.getPath().toUri().getPath()).relative_to(base)
        # Hidden files are skipped as in a local folder; "_" marks Hadoop's own (_SUCCESS).
        if any(part.startswith((".", "_")) for part in relative.parts):
            continue
        if kind_of(status.getPath().getName()):
            uris.append(status.getPath().toString())
    if not uris:
        yield _failure(given, E.E109, suffixes=", ".join(SUPPORTED_SUFFIXES))
    for uri in sorted(uris):
        yield InputFile(-1, uri, uri, remote=True)


def _failure(source: str, code: E, **kwargs: object) -> Failure:
    return Failure(source=source, stage="ingest", code=code.name, reason=code.value.format(**kwargs))
