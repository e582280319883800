"""server: the application of `eventwire serve`: the JSON API (`api`) and the pages (`web`),
side by side over their shared layer (`serving`)."""

from eventwire.server.app import create_app
from eventwire.serving.settings import ServerSettings

__all__ = ["ServerSettings", "create_app"]
