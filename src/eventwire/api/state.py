"""What every handler reaches through `request.app.state`: settings, database, ingestor."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from eventwire.api.database import Database
from eventwire.api.event_index import EventBrowser
from eventwire.api.ingest import Ingestor
from eventwire.api.settings import ServerSettings


@dataclass(slots=True)
class ServerState:
    settings: ServerSettings
    database: Database
    ingestor: Ingestor
    events: EventBrowser


def server(request: Request) -> ServerState:
    state: ServerState = request.app.state.eventwire
    return state
