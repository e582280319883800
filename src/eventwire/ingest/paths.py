"""Turn the paths a user gives (files, folders, globs) into the files to read, in a stable order."""

from __future__ import annotations

import glob
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import E
from eventwire.ingest._common import Blob, Source
from eventwire.ingest._failures import failure
from eventwire.ingest.options import SUPPORTED_SUFFIXES, IngestOptions, IngestStats, kind_of
from eventwire.records import Failure

GLOB_CHARS = re.compile(r"[*?\[]")
SUFFIX_LIST = ", ".join(SUPPORTED_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Target:
    """A file to read."""

    path: Source
    explicit: bool
    """Named by the user, not found in a folder or by a glob: an unsupported suffix is then an error."""


def expand_paths(
    paths: Sequence[str | Path | Blob], options: IngestOptions, stats: IngestStats
) -> Iterator[Target | Failure]:
    """Files to read, in the order given, each folder and glob expanded in sorted order; bytes
    (a `Blob`) are a file named by the user.

    A file reached twice (named and also inside a named folder) is read once.
    Yields a `Failure` for a missing path (E101), a folder without supported files (E109)
    and a glob without supported matches (E115).
    """
    seen: set[Path] = set()
    for given in paths:
        if isinstance(given, Blob):
            yield Target(given, explicit=True)
            continue
        path = Path(given)
        if path.is_dir():
            items: Iterator[Target | Failure] = _folder(path, options, stats)
        elif path.is_file():
            items = iter([Target(path, explicit=True)])
        elif path.exists():
            # A FIFO or device would block or never end: only regular files are read.
            items = iter([failure(given, E.E111, detail="not a regular file")])
        elif GLOB_CHARS.search(str(given)):
            items = _glob(str(given), options, stats)
        else:
            items = iter([failure(given, E.E101)])
        for item in items:
            if isinstance(item, Target):
                assert isinstance(item.path, Path)
                key = item.path.resolve()
                if key in seen:
                    continue
                seen.add(key)
            yield item


def _folder(folder: Path, options: IngestOptions, stats: IngestStats) -> Iterator[Target | Failure]:
    found = False
    for path in sorted(folder.rglob("*")):
        if not options.include_hidden and any(
            part.startswith(".") for part in path.relative_to(folder).parts
        ):
            continue
        if not path.is_file():
            continue
        if _supported(path, stats):
            found = True
            yield Target(path, explicit=False)
    if not found:
        yield failure(folder, E.E109, suffixes=SUFFIX_LIST)


def _glob(pattern: str, options: IngestOptions, stats: IngestStats) -> Iterator[Target | Failure]:
    found = False
    # glob.glob, not Path.glob: the pattern may be absolute or start with "**".
    matches = glob.glob(pattern, recursive=True, include_hidden=options.include_hidden)  # noqa: PTH207
    for match in sorted(matches):
        path = Path(match)
        if path.is_dir():
            for item in _folder(path, options, stats):
                found = found or isinstance(item, Target)
                if isinstance(item, Target):
                    yield item
        elif path.is_file() and _supported(path, stats):
            found = True
            yield Target(path, explicit=False)
    if not found:
        yield failure(pattern, E.E115, suffixes=SUFFIX_LIST)


def _supported(path: Path, stats: IngestStats) -> bool:
    if kind_of(path.name):
        return True
    stats.skipped_unsupported += 1
    suffix = path.suffix.lower() or "(none)"
    stats.skipped_by_kind[suffix] = stats.skipped_by_kind.get(suffix, 0) + 1
    return False
