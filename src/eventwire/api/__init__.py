"""api: the FastAPI application of `eventwire serve`, JSON under /api/ and the web pages."""

from eventwire.api.app import create_app
from eventwire.api.settings import ServerSettings

__all__ = ["ServerSettings", "create_app"]
