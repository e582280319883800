"""Building ingest `Failure`s from coded reasons."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.errors import E
from eventwire.records import Failure

if TYPE_CHECKING:
    from eventwire.ingest._common import Blob

Code = E


class Rejected(Exception):
    """Raised inside a reader for one bad file or record; turned into a `Failure` by the caller."""

    def __init__(self, code: Code, record: str | None = None, **kwargs: object) -> None:
        self.code = code
        self.record = record
        self.reason = code.value.format(**kwargs)
        super().__init__(f"{code.name} {self.reason}")


def failure(source: str | Path | Blob, code: Code, record: str | None = None, **kwargs: object) -> Failure:
    """A `Failure` of the ingest stage with the coded one-line reason."""
    return Failure(
        source=str(source),
        stage="ingest",
        code=code.name,
        reason=code.value.format(**kwargs),
        record=record,
    )


def from_rejected(source: str | Path | Blob, exc: Rejected) -> Failure:
    """The `Failure` for a `Rejected` raised while reading `source`."""
    return Failure(
        source=str(source), stage="ingest", code=exc.code.name, reason=exc.reason, record=exc.record
    )
