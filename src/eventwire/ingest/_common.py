"""Helpers shared by the readers: what a source is (a path, or bytes with a name), reading a whole
one within limits, and lenient dates."""

from __future__ import annotations

import email.utils
import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from eventwire.errors import E
from eventwire.ingest._failures import Rejected
from eventwire.ingest.decode import binary_kind, decode_bytes

GZIP_MAGIC = b"\x1f\x8b"
# gzip raises these on damaged input: bad headers, bad CRCs, streams cut short.
GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


@dataclass(frozen=True, slots=True)
class Blob:
    """A file's bytes under its name (an upload, a file fetched from a cluster's storage): read as
    the file of that name would be, its kind judged by the name's suffix."""

    name: str
    data: bytes = b""

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix

    def __str__(self) -> str:
        # What failures and documents name as their source, as they name a path.
        return self.name


Source = Path | Blob
"""What a reader reads: a file by its path, or a file's bytes."""


def open_binary(source: Source) -> BinaryIO:
    """The source's bytes as a file object.

    Raises:
        OSError: when the file cannot be opened.
    """
    return io.BytesIO(source.data) if isinstance(source, Blob) else source.open("rb")


def size_of(source: Source) -> int:
    return len(source.data) if isinstance(source, Blob) else source.stat().st_size


def is_gzip(source: Source) -> bool:
    """Whether the file is gzipped, judged by its first bytes (whatever its name says)."""
    with open_binary(source) as handle:
        return handle.read(len(GZIP_MAGIC)) == GZIP_MAGIC


@contextmanager
def open_source(source: Source) -> Iterator[tuple[BinaryIO, bool]]:
    """The file's bytes as a stream, gunzipped on the fly when the file is gzipped.

    Yields:
        (stream, compressed).
    Raises:
        OSError: when the file cannot be opened.
    """
    compressed = is_gzip(source)
    with open_binary(source) as raw:
        if not compressed:
            yield raw, False
            return
        with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
            yield unzipped, True  # type: ignore[misc]


def read_limited(source: Source, max_bytes: int) -> bytes:
    """The bytes of `source` (decompressed, when gzipped), refusing more than `max_bytes`.

    Only `max_bytes + 1` bytes are ever decompressed: a gzip bomb costs no more memory or time
    than a file at the limit.

    Raises:
        Rejected: E113 too large, E117 expands past the limit, E118 corrupt gzip, E111
            unreadable, E102 empty.
    """
    try:
        with open_source(source) as (handle, compressed):
            if not compressed:
                size = size_of(source)
                if size > max_bytes:
                    raise Rejected(E.E113, size=size, limit=max_bytes)
            # Read one byte past the limit: a file growing while read must not slip through.
            data = handle.read(max_bytes + 1)
    except GZIP_ERRORS as exc:
        raise Rejected(E.E118, detail=_one_line(exc)) from exc
    except OSError as exc:
        raise Rejected(E.E111, detail=exc.strerror or type(exc).__name__) from exc
    if len(data) > max_bytes:
        if compressed:
            raise Rejected(E.E117, limit=max_bytes, what="file")
        raise Rejected(E.E113, size=len(data), limit=max_bytes)
    if not data:
        raise Rejected(E.E102)
    return data


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__


def bytes_to_text(
    data: bytes, declared: tuple[str | None, ...] = (), record: str | None = None
) -> tuple[str, str]:
    """Decode document bytes after checking they are not binary and not blank.

    Returns:
        (text, encoding).
    Raises:
        Rejected: E103 binary, E104 undecodable, E102 blank.
    """
    kind = binary_kind(data)
    if kind:
        raise Rejected(E.E103, record=record, kind=kind)
    try:
        text, encoding = decode_bytes(data, declared)
    except Rejected as exc:
        exc.record = record
        raise
    # Stray NULs (allowed in small numbers by `binary_kind`) only upset later stages.
    text = text.replace("\x00", "")
    if not text.strip():
        raise Rejected(E.E102, record=record)
    return text, encoding


def parse_date(value: object) -> date | None:
    """A date from ISO 8601 ("2025-06-02", "2025-06-02T08:00:00Z") or RFC 2822 text; None when unreadable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    parsed = parse_datetime(value)
    if parsed:
        return parsed.date()
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def parse_datetime(value: str | None) -> datetime | None:
    """A datetime from ISO 8601 or RFC 2822 text; None when unreadable."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
