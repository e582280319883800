"""Helpers shared by the readers: reading a whole file within limits, and lenient dates."""

from __future__ import annotations

import email.utils
from datetime import date, datetime
from pathlib import Path

from eventwire.errors import E
from eventwire.ingest._failures import Rejected
from eventwire.ingest.decode import binary_kind, decode_bytes


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The bytes of `path`, refusing files over `max_bytes`.

    Raises:
        Rejected: E113 too large, E111 unreadable, E102 empty.
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise Rejected(E.E113, size=size, limit=max_bytes)
        with path.open("rb") as handle:
            # Read one byte past the limit: a file growing while read must not slip through.
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise Rejected(E.E111, detail=exc.strerror or type(exc).__name__) from exc
    if len(data) > max_bytes:
        raise Rejected(E.E113, size=len(data), limit=max_bytes)
    if not data:
        raise Rejected(E.E102)
    return data


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
