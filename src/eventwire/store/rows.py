"""Records to table rows: the one mapping from what the pipeline makes to what the store holds.

`BatchRows` turns a batch's `Processed` documents and `Failure`s into the rows of the documents,
articles, actors, events, quotes and failures tables, keyed as the tables are (repeats collapse),
with their ids (`actor_id`, `event_id`, `quote_id`: content hashes, so a re-run makes the same
ones). `Store.write_batch` inserts them; the Spark executor makes the same rows without a store
and hands them to Parquet. `article_view` is what the story stage reads of an article, made here
from records as `stories.views_sql` makes it from the tables.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from eventwire.records import Actor, Event, Failure, Place, Processed, Quote
from eventwire.store.schema import EVENT_PLACE_COLUMNS

TABLES: tuple[str, ...] = ("documents", "articles", "actors", "events", "quotes", "failures")
"""The tables a batch writes, in the order they are written."""
INSERTS: dict[str, str] = {
    "documents": "INSERT INTO documents",
    "articles": "INSERT INTO articles",
    # Shared by documents: an actor, an event or a quote met again is the same row.
    "actors": "INSERT OR IGNORE INTO actors",
    "events": "INSERT OR IGNORE INTO events",
    "quotes": "INSERT OR IGNORE INTO quotes",
    # Keyed by where and what: the latest reason for the same bad input replaces the earlier one.
    "failures": "INSERT OR REPLACE INTO failures",
}
Row = tuple[Any, ...]
TableRows = tuple[str, list[Row]]
"""An INSERT statement without its VALUES, and the rows it inserts."""


def actor_id(actor: Actor) -> str:
    """A stable id for a canonical actor."""
    key = f"{actor.name}|{actor.country or ''}|{actor.sector or ''}|{actor.kind}"
    return "a" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:15]


def event_id(event: Event) -> str:
    key = "|".join(
        [event.doc_id, event.type, actor_id(event.source), actor_id(event.target), str(event.date or "")]
    )
    return "e" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:15]


def quote_id(quote: Quote) -> str:
    key = f"{quote.doc_id}|{quote.speaker}|{quote.text}"
    return "q" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:15]


def place_row(place: Place | None) -> Row:
    """An event's place as the values of the events table's place columns (in their order)."""
    if place is None:
        return (None,) * len(EVENT_PLACE_COLUMNS)
    return (
        place.name, place.geonames_id, place.feature, place.country, place.admin1, place.lat, place.lon,
        place.reason,
    )  # fmt: skip


def place_from_row(row: dict[str, Any]) -> Place | None:
    """The `Place` held in an events row's place columns; the columns are taken out of `row`."""
    values = [row.pop(name) for name, _ in EVENT_PLACE_COLUMNS]
    if values[0] is None:
        return None
    name, geonames_id, feature, country, admin1, lat, lon, reason = values
    return Place(name, feature, country, geonames_id, admin1, lat, lon, reason or "")


def free_doc_id(item: Processed, taken: set[str]) -> Processed:
    """`item` under its given id, or under `id-<hash prefix>` when another document holds that id."""
    doc_id = item.document.doc_id or item.document.hash[:16]
    if doc_id not in taken:
        return item
    new_id = f"{doc_id}-{item.document.hash[:8]}"
    return Processed(
        document=replace(item.document, doc_id=new_id),
        article=replace(item.article, doc_id=new_id),
        events=[replace(e, doc_id=new_id) for e in item.events],
        quotes=[replace(q, doc_id=new_id) for q in item.quotes],
    )


_PATH_SEPARATOR = re.compile(r"[/\\]")


def outlet_of(outlet: str | None, source: str) -> str:
    """An article's outlet, or the name of the file it came from when no outlet is known (as
    `stories.OUTLET_SQL` says it in SQL)."""
    return outlet or _PATH_SEPARATOR.split(source)[-1]


class BatchRows:
    """A batch as table rows, keyed where the table has a key so that repeats collapse."""

    def __init__(self) -> None:
        self.documents: list[Row] = []
        self.articles: list[Row] = []
        self.actors: dict[str, Row] = {}
        self.events: dict[str, Row] = {}
        self.quotes: dict[str, Row] = {}
        self.failures: dict[tuple[str, str, str], Row] = {}

    def actor(self, actor: Actor) -> str:
        key = actor_id(actor)
        self.actors.setdefault(key, (key, actor.name, actor.country, actor.sector, actor.kind))
        return key

    def add(self, item: Processed, ingested_at: datetime) -> None:
        """One processed document (already under a free id) and what was found in it."""
        doc, art = item.document, item.article
        self.documents.append(
            (
                doc.hash, doc.doc_id, doc.format, doc.source, doc.record, doc.url, doc.encoding,
                doc.fetched_at, ingested_at, doc.text,
            )
        )  # fmt: skip
        self.articles.append(
            (
                doc.doc_id, doc.hash, art.title, art.outlet, art.author, art.published, art.url,
                art.language, art.source, art.record, art.text,
            )
        )  # fmt: skip
        for event in item.events:
            key = event_id(event)
            if key in self.events:
                continue
            self.events[key] = (
                key, event.doc_id, event.type, event.mode, event.cameo, event.goldstein,
                self.actor(event.source), self.actor(event.target), event.date, event.date_precision,
                event.date_reason, event.location, event.evidence, event.sentence_index, event.rule,
                event.confidence, *place_row(event.place),
            )  # fmt: skip
        for quote in item.quotes:
            key = quote_id(quote)
            speaker = self.actor(quote.speaker_actor) if quote.speaker_actor is not None else None
            self.quotes.setdefault(
                key, (key, quote.doc_id, quote.speaker, speaker, quote.text, quote.sentence_index, quote.rule)
            )

    def add_failure(self, failure: Failure, seen_at: datetime) -> None:
        record = failure.record or ""
        self.failures[(failure.source, record, failure.code)] = (
            failure.source, record, failure.stage, failure.code, failure.reason, seen_at,
        )  # fmt: skip

    def table(self, name: str) -> list[Row]:
        rows = getattr(self, name)
        return list(rows.values()) if isinstance(rows, dict) else rows

    def inserts(self) -> list[TableRows]:
        """(INSERT statement, rows) of every table, in `TABLES` order."""
        return [(INSERTS[name], self.table(name)) for name in TABLES]

    def article_views(self, ranks: dict[str, int]) -> Iterator[Row]:
        """What the story stage reads of each article of the batch: `stories.views_sql`'s columns,
        after its rank in the input (`ranks`, by content hash)."""
        actors = {row[0]: row for row in self.actors.values()}
        reported: dict[str, list[Row]] = {}
        for row in self.events.values():
            reported.setdefault(row[1], []).append(row)
        for doc, art in zip(self.documents, self.articles, strict=True):
            doc_id, published = art[0], art[5]
            events = sorted(reported.get(doc_id, []), key=lambda e: (e[13], e[0]))
            parts = [
                {
                    "type": e[2],
                    "source_name": actors[e[6]][1],
                    "source_country": actors[e[6]][2],
                    "target_name": actors[e[7]][1],
                    "target_country": actors[e[7]][2],
                    "day": e[8],
                }
                for e in events
            ]
            days: list[date] = [e[8] for e in events if e[8] is not None]
            day = published if published is not None else max(days, default=None)
            yield (ranks[doc[0]], doc_id, art[2], outlet_of(art[3], art[8]), published, art[10], parts, day)


def sorted_rows(rows: list[Row]) -> list[Row]:
    """Rows in the order DuckDB's `ORDER BY ALL` gives them (nulls last)."""
    return sorted(rows, key=lambda row: tuple((value is None, value) for value in row))
