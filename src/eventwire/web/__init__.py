"""web: server-rendered pages over the same reads as the JSON API (templates, static files, charts)."""

from fastapi import APIRouter

from eventwire.web.pages import ROUTERS as PAGES
from eventwire.web.static import router as static
from eventwire.web.templating import render_error

ROUTERS: tuple[APIRouter, ...] = (*PAGES, static)

__all__ = ["ROUTERS", "render_error"]
