"""The FastAPI application behind `eventwire serve`: JSON API under /api/, pages elsewhere.

1. the database is opened once (read-only without a token) and shared by request threads;
2. request bodies are limited in size before any handler sees them;
3. every response carries headers that forbid inline and foreign scripts, so even text that
   escaped escaping could not run;
4. errors are JSON under /api/ and an HTML page elsewhere.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.api import ROUTERS as API
from eventwire.server.limits import BodyLimit
from eventwire.serving.database import Database
from eventwire.serving.errors import install_error_handlers
from eventwire.serving.event_browser import EventBrowser
from eventwire.serving.ingest import Ingestor
from eventwire.serving.settings import ServerSettings
from eventwire.serving.state import ServerState
from eventwire.serving.watching import start_watch
from eventwire.version import __version__
from eventwire.web import ROUTERS as PAGES
from eventwire.web import render_error
from eventwire.web.shapes import countries_json

# Scripts and styles only from this server; no inline script, no plugins, no framing.
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


class SecurityHeaders:
    """ASGI middleware adding `SECURITY_HEADERS` to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: ServerSettings) -> FastAPI:
    """The application for `settings`; the database is opened here, so a bad file fails at once.

    Raises:
        EventwireError: E401/E402/E403 when the database cannot be opened.
    """
    # A watching server writes what it fetches, token or not; ingest over HTTP still needs the token.
    database = Database(settings.db, read_only=settings.read_only and settings.watch is None)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # The maps' country shapes take a few seconds to build: start now, not on the first map.
        threading.Thread(target=countries_json, name="country-shapes", daemon=True).start()
        state: ServerState = app.state.eventwire
        if settings.watch is not None:
            state.watch = start_watch(state, settings.watch)
        yield
        if state.watch is not None:
            state.watch.stop()
        database.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        description="Political events from news: stories, events, articles, actors and dyads.",
        openapi_url="/api/openapi.json",
        # FastAPI's interactive docs load their scripts from a CDN; /docs/api is ours instead.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.eventwire = ServerState(
        settings=settings,
        database=database,
        ingestor=Ingestor(database, settings.config),
        events=EventBrowser(database, cache_rows=settings.cache_rows),
    )
    for router in (*API, *PAGES):
        app.include_router(router)
    install_error_handlers(app, render_error)
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes)
    app.add_middleware(SecurityHeaders)
    return app
