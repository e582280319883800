"""The page routers: one module per kind of page."""

from fastapi import APIRouter

from eventwire.web.pages.actors import router as actors
from eventwire.web.pages.articles import router as articles
from eventwire.web.pages.docs import router as docs
from eventwire.web.pages.dyads import router as dyads
from eventwire.web.pages.events import router as events
from eventwire.web.pages.ingest import router as ingest
from eventwire.web.pages.overview import router as overview
from eventwire.web.pages.stories import router as stories
from eventwire.web.pages.watch import router as watch

ROUTERS: tuple[APIRouter, ...] = (overview, stories, events, articles, actors, dyads, ingest, docs, watch)

__all__ = ["ROUTERS"]
