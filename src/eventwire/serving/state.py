"""What every handler reaches through `request.app.state`: settings, database, ingestor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import Request

from eventwire.serving.database import Database
from eventwire.serving.event_browser import EventBrowser
from eventwire.serving.ingest import Ingestor
from eventwire.serving.settings import ServerSettings

if TYPE_CHECKING:
    from eventwire.watch import BackgroundWatch


@dataclass(slots=True)
class ServerState:
    settings: ServerSettings
    database: Database
    ingestor: Ingestor
    events: EventBrowser
    watch: BackgroundWatch | None = None
    """The watcher on its thread, with `serve --watch`."""


def server(request: Request) -> ServerState:
    state: ServerState = request.app.state.eventwire
    return state
