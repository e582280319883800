"""api: the JSON API under /api/, one router a resource (`routes/`), over the shared layer `serving`."""

from eventwire.api.routes import ROUTERS

__all__ = ["ROUTERS"]
