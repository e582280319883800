"""Building ingest `Failure`s from coded reasons."""

from __future__ import annotations

from pathlib import Path

from eventwire.errors import E
from eventwire.records import Failure

Code = E


class Rejected(Exception):
    """Raised inside a reader for one bad file or record; turned into a `Failure` by the caller."""

    def __init__(self, code: Code, record: str | None = None, **kwargs: object) -> None:
        self.code = code
        self.record = record
        self.reason = code.value.format(**kwargs)
        super().__init__(f"{code.name} {self.reason}")


def failure(source: str | Path, code: Code, record: str | None = None, **kwargs: object) -> Failure:
    """A `Failure` of the ingest stage with the coded one-line reason."""
    return Failure(
        source=str(source),
        stage="ingest",
        code=code.name,
        reason=code.value.format(**kwargs),
        record=record,
    )


def from_rejected(source: str | Path, exc: Rejected) -> Failure:
    """The `Failure` for a `Rejected` raised while reading `source`."""
    return Failure(
        source=str(source), stage="ingest", code=exc.code.name, reason=exc.reason, record=exc.record
    )
