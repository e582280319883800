"""Pages of events for the API and the events table: the index picks, DuckDB reads the rows.

`EventBrowser.page` answers as `store.events.event_page` does, from the in-memory index
(`store.event_index`) and caches of the rows read and encoded.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from starlette.concurrency import run_in_threadpool

from eventwire.serving.database import Database
from eventwire.store.event_index import EventIndex
from eventwire.store.events import EventQuery

V = TypeVar("V")


ARTICLE_FIELDS = "doc_id, title, outlet, published, url"
EVENT_FIELDS = (
    "event_id, doc_id, type, mode, cameo, goldstein, source_id, target_id, date, date_precision, "
    "date_reason, location, evidence, sentence_index, rule, confidence, place_name, geonames_id, "
    "feature_type, place_country, admin1, lat, lon, geo_reason"
)


class RowCache(Generic[V]):
    """The most recently shown events, by id: stored events never change, so what was read (or
    encoded) once stays right (an ingest adds events, it does not rewrite them)."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, V] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_many(self, ids: list[str]) -> dict[str, V]:
        if not self.capacity:
            return {}
        with self._lock:
            found = {}
            for event_id in ids:
                item = self._items.get(event_id)
                if item is not None:
                    self._items.move_to_end(event_id)
                    found[event_id] = item
            self.hits += len(found)
            self.misses += len(ids) - len(found)
            return found

    def put_many(self, items: dict[str, V]) -> None:
        if not self.capacity:
            return
        with self._lock:
            self._items.update(items)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)

    def stats(self) -> dict[str, int]:
        return {
            "items": len(self._items),
            "capacity": self.capacity,
            "hits": self.hits,
            "misses": self.misses,
        }


ROW_CACHE_ROWS = 20_000
"""Event rows kept in memory (about 1 KB each): the pages people return to cost no query."""


class EventBrowser:
    """Pages of events for the API and the events table: the index picks, DuckDB reads the rows."""

    def __init__(self, database: Database, cache_rows: int = ROW_CACHE_ROWS) -> None:
        self.database = database
        self._index: EventIndex | None = None
        self._lock = threading.Lock()
        self.cache: RowCache[dict[str, Any]] = RowCache(cache_rows)
        self.articles: RowCache[dict[str, Any]] = RowCache(cache_rows)
        """Title, outlet, date and URL of articles whose events were read (they never change)."""
        self.encoded: RowCache[bytes] = RowCache(cache_rows)
        """Each event as the API sends it: a page of cached events is joined, not encoded."""

    def index(self) -> EventIndex:
        """The index for the database as it is now, rebuilt when an ingest has changed it."""
        current = self._index
        if current is not None and current.generation == self.database.generation:
            return current
        with self._lock:
            if self._index is None or self._index.generation != self.database.generation:
                generation = self.database.generation
                self._index = EventIndex(self.database.reader(), generation)
            return self._index

    async def page_encoded(
        self, q: EventQuery, *, limit: int, offset: int, encode: Callable[[dict[str, Any]], bytes]
    ) -> tuple[list[bytes], int]:
        """One page as `encode(row)` of each event, for the event loop: a page found in the cache
        costs no thread hop; the store is read (and the index rebuilt) on a worker thread, where
        a DuckDB call may block."""
        index = self._index
        if index is None or index.generation != self.database.generation:
            index = await run_in_threadpool(self.index)
        ids, total = index.select(q, limit=limit, offset=offset)
        found = self.encoded.get_many(ids)
        if len(found) < len(ids):
            missing = [i for i in ids if i not in found]
            rows = await run_in_threadpool(self.rows, index, missing)
            encoded = {row["event_id"]: encode(row) for row in rows}
            self.encoded.put_many(encoded)
            found.update(encoded)
        return [found[event_id] for event_id in ids], total

    def page(self, q: EventQuery, *, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
        """Rows shaped like `queries.event_page`'s, and the number of matches."""
        index = self.index()
        ids, total = index.select(q, limit=limit, offset=offset)
        return self.rows(index, ids), total

    def rows(
        self, index: EventIndex, ids: list[str], found: dict[str, dict[str, Any]] | None = None
    ) -> list[dict[str, Any]]:
        """The page's rows in `ids` order, from the cache or (for the rest) from the store.

        Args:
            found: rows already taken from the cache (not looked up again).
        """
        if not ids:
            return []
        if found is None:
            found = self.cache.get_many(ids)
        missing = [i for i in ids if i not in found]
        if missing:
            read = self._read(index, missing)
            self.cache.put_many(read)
            found.update(read)
        # Copies: callers may add to a row; the cached one stays as read.
        return [dict(found[event_id]) for event_id in ids]

    def _read(self, index: EventIndex, ids: list[str]) -> dict[str, dict[str, Any]]:
        store = self.database.reader()
        # Two primary-key reads: DuckDB joins the page to actors and articles only after
        # scanning every event, which costs more than these two lookups together.
        events = {
            r["event_id"]: r
            for r in store.query(f"SELECT {EVENT_FIELDS} FROM events WHERE event_id IN ?", [ids])
        }
        docs = sorted({r["doc_id"] for r in events.values()})
        articles = self.articles.get_many(docs)
        wanted = [d for d in docs if d not in articles]
        if wanted:
            read = {
                r["doc_id"]: r
                for r in store.query(f"SELECT {ARTICLE_FIELDS} FROM articles WHERE doc_id IN ?", [wanted])
            }
            self.articles.put_many(read)
            articles.update(read)
        for row in events.values():
            for side in ("source", "target"):
                actor = index.actors[index.actor_index[row[f"{side}_id"]]]
                row[f"{side}_name"] = actor.name
                row[f"{side}_country"] = actor.country
                row[f"{side}_sector"] = actor.sector
                row[f"{side}_kind"] = actor.kind
            article = articles[row["doc_id"]]
            row.update(
                title=article["title"],
                outlet=article["outlet"],
                published=article["published"],
                url=article["url"],
            )
        return events
