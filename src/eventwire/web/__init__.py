"""web: server-rendered pages over the same reads as the JSON API (templates, static files, charts)."""

from eventwire.web.pages import ROUTERS
from eventwire.web.templating import render_error

__all__ = ["ROUTERS", "render_error"]
