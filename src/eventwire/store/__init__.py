"""The embedded DuckDB store, its read queries and exports."""

from eventwire.store.database import Store, actor_id, event_id, quote_id
from eventwire.store.export import EXPORT_FORMATS, export

__all__ = ["EXPORT_FORMATS", "Store", "actor_id", "event_id", "export", "quote_id"]
