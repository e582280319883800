"""The JSON API's routers, one module per resource, all under /api."""

from fastapi import APIRouter

from eventwire.api.routes.actors import router as actors
from eventwire.api.routes.articles import router as articles
from eventwire.api.routes.dyads import router as dyads
from eventwire.api.routes.events import router as events
from eventwire.api.routes.ingest import router as ingest
from eventwire.api.routes.meta import router as meta
from eventwire.api.routes.overview import router as overview
from eventwire.api.routes.quotes import router as quotes
from eventwire.api.routes.stories import router as stories
from eventwire.api.routes.watch import router as watch

ROUTERS: tuple[APIRouter, ...] = (
    meta, overview, stories, events, articles, quotes, actors, dyads, ingest, watch
)  # fmt: skip

__all__ = ["ROUTERS"]
