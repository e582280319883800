"""The embedded DuckDB store: its tables, the rows records become, read queries and exports."""

from eventwire.store.database import Store
from eventwire.store.export import EXPORT_FORMATS, export
from eventwire.store.rows import actor_id, event_id, quote_id

__all__ = ["EXPORT_FORMATS", "Store", "actor_id", "event_id", "export", "quote_id"]
