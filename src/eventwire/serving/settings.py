"""What a server process needs to know: the database, the ingest token and the limits."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.config import Config

if TYPE_CHECKING:
    from eventwire.watch import WatchPlan

TOKEN_ENV = "EVENTWIRE_TOKEN"
"""The ingest token; without it the server opens the database read-only and refuses ingest."""
DEFAULT_HOST = "127.0.0.1"
"""Loopback only: serving to a network is a choice the user makes with --host."""
DEFAULT_PORT = 8000
DEFAULT_MAX_UPLOAD = 32 * 1024 * 1024
"""Largest ingest request body, in bytes (all files of one upload together)."""
MAX_PAGE = 1000
"""Largest `limit` of a JSON page; downloads (CSV, JSON Lines) are not paged."""
DEFAULT_PAGE = 50
DEFAULT_CACHE_ROWS = 20_000
"""Event rows the server keeps in memory for the events table (about 1 KB each)."""


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """Settings of one `eventwire serve` process."""

    db: str
    token: str | None = None
    """Ingest is allowed only with this token; None makes the server read-only."""
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD
    config: Config = field(default_factory=Config)
    """Pipeline settings for ingest (actor and pattern files, batch size)."""
    cache_rows: int = DEFAULT_CACHE_ROWS
    """Event rows kept in memory for the events table; 0 reads every page from the store."""
    watch: WatchPlan | None = None
    """Sources (and alert rules) to watch on a thread of the server, which then owns the database."""

    @property
    def read_only(self) -> bool:
        return not self.token

    @classmethod
    def from_env(
        cls,
        db: str,
        config: Config | None = None,
        max_upload_bytes: int | None = None,
        cache_rows: int | None = None,
        watch: WatchPlan | None = None,
    ) -> ServerSettings:
        """Settings for `db`, the token taken from `EVENTWIRE_TOKEN` (empty means none)."""
        return cls(
            db=db,
            token=os.environ.get(TOKEN_ENV) or None,
            max_upload_bytes=max_upload_bytes or DEFAULT_MAX_UPLOAD,
            config=config or Config(db=db),
            cache_rows=DEFAULT_CACHE_ROWS if cache_rows is None else cache_rows,
            watch=watch,
        )
