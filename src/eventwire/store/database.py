"""The embedded DuckDB store: idempotent, one transaction per batch.

A batch is written in one transaction, so a run killed at any point (even SIGKILL) leaves
the file as it was after the last committed batch; a re-run skips documents whose content
hash is already stored, so nothing is written twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from eventwire.errors import E, EventwireError
from eventwire.records import Actor, BatchResult, Event, Failure, Place, Processed, Quote
from eventwire.store.schema import CREATE_TABLES, EVENT_PLACE_COLUMNS, MIGRATIONS, SCHEMA_VERSION


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


def _place_row(place: Place | None) -> tuple[Any, ...]:
    """An event's place as the values of the events table's place columns (in their order)."""
    if place is None:
        return (None,) * 8
    return (
        place.name, place.geonames_id, place.feature, place.country, place.admin1, place.lat, place.lon,
        place.reason,
    )


def place_from_row(row: dict[str, Any]) -> Place | None:
    """The `Place` held in an events row's place columns; the columns are taken out of `row`."""
    values = [row.pop(name) for name, _ in EVENT_PLACE_COLUMNS]
    if values[0] is None:
        return None
    name, geonames_id, feature, country, admin1, lat, lon, reason = values
    return Place(name, feature, country, geonames_id, admin1, lat, lon, reason or "")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


TableRows = tuple[str, list[tuple[Any, ...]]]
"""An INSERT statement without its VALUES, and the rows it inserts."""

ROWS_PER_STATEMENT = 500
"""Rows per multi-row INSERT: large enough to amortise a statement, small enough for its SQL."""


def _with_free_doc_id(item: Processed, taken: set[str]) -> Processed:
    """Keep the given id unless another document already holds it."""
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


class _BatchRows:
    """A batch as table rows, keyed where the table has a key so that repeats collapse."""

    def __init__(self) -> None:
        self.documents: list[tuple[Any, ...]] = []
        self.articles: list[tuple[Any, ...]] = []
        self.actors: dict[str, tuple[Any, ...]] = {}
        self.events: dict[str, tuple[Any, ...]] = {}
        self.quotes: dict[str, tuple[Any, ...]] = {}
        self.failures: dict[tuple[str, str, str], tuple[Any, ...]] = {}

    def actor(self, actor: Actor) -> str:
        key = actor_id(actor)
        self.actors.setdefault(key, (key, actor.name, actor.country, actor.sector, actor.kind))
        return key

    def add(self, item: Processed) -> None:
        doc, art = item.document, item.article
        self.documents.append(
            (
                doc.hash,
                doc.doc_id,
                doc.format,
                doc.source,
                doc.record,
                doc.url,
                doc.encoding,
                doc.fetched_at,
                _now(),
                doc.text,
            )
        )
        self.articles.append(
            (
                doc.doc_id,
                doc.hash,
                art.title,
                art.outlet,
                art.author,
                art.published,
                art.url,
                art.language,
                art.source,
                art.record,
                art.text,
            )
        )
        for event in item.events:
            key = event_id(event)
            self.events.setdefault(
                key,
                (
                    key,
                    event.doc_id,
                    event.type,
                    event.mode,
                    event.cameo,
                    event.goldstein,
                    self.actor(event.source),
                    self.actor(event.target),
                    event.date,
                    event.date_precision,
                    event.date_reason,
                    event.location,
                    event.evidence,
                    event.sentence_index,
                    event.rule,
                    event.confidence,
                    *_place_row(event.place),
                ),
            )
        for quote in item.quotes:
            key = quote_id(quote)
            speaker = self.actor(quote.speaker_actor) if quote.speaker_actor is not None else None
            self.quotes.setdefault(
                key, (key, quote.doc_id, quote.speaker, speaker, quote.text, quote.sentence_index, quote.rule)
            )

    def add_failure(self, failure: Failure) -> None:
        record = failure.record or ""
        self.failures[(failure.source, record, failure.code)] = (
            failure.source,
            record,
            failure.stage,
            failure.code,
            failure.reason,
            _now(),
        )


class Store:
    """A DuckDB file holding documents, articles, actors, events, quotes and failures."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        """Open (creating when needed) the database at `path`.

        Raises:
            EventwireError: E401 when the file is not a DuckDB database or cannot be opened,
                E402 when it cannot be written, E403 when its schema is newer than ours.
        """
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise self._open_error(exc) from exc
        if not read_only:
            try:
                self._ensure_schema()
            except duckdb.Error as exc:
                self.con.close()
                raise self._open_error(exc) from exc
        self._check_version()

    def _open_error(self, exc: Exception) -> EventwireError:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        lowered = detail.lower()
        if any(word in lowered for word in ("read-only", "read only", "permission denied")):
            return EventwireError(E.E402, path=self.path, detail=detail)
        return EventwireError(E.E401, path=self.path, detail=detail)

    def _ensure_schema(self) -> None:
        with self.transaction():
            for statement in CREATE_TABLES:
                self.con.execute(statement)
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else None
            if version is None:
                self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
                return
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS.get(step, ()):
                    self.con.execute(statement)
            if version < SCHEMA_VERSION:
                self.con.execute(
                    "UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)]
                )

    def _check_version(self) -> None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.Error as exc:
            raise EventwireError(E.E401, path=self.path, detail="not an eventwire database") from exc
        found = int(row[0]) if row else 0
        if found != SCHEMA_VERSION:
            raise EventwireError(E.E403, path=self.path, found=found, expected=SCHEMA_VERSION)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # -- writes ---------------------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes are already stored."""
        wanted = list(set(hashes))
        if not wanted:
            return set()
        rows = self.con.execute("SELECT hash FROM documents WHERE hash IN ?", [wanted]).fetchall()
        return {r[0] for r in rows}

    def write_batch(self, batch: BatchResult, *, also: Sequence[TableRows] = ()) -> int:
        """Store a batch in one transaction; documents already stored are skipped.

        Args:
            also: rows of other tables to write in the same transaction, as (INSERT statement,
                rows): the crawler's record of which URLs the batch holds commits with them.

        Returns:
            How many new documents were stored.

        Raises:
            EventwireError: E401/E402 when the database cannot be written (nothing is lost:
                the transaction is rolled back).
        """
        try:
            return self._write_batch(batch, also)
        except duckdb.Error as exc:
            raise self._open_error(exc) from exc

    def _write_batch(self, batch: BatchResult, also: Sequence[TableRows]) -> int:
        rows = _BatchRows()
        known = self.known_hashes(p.document.hash for p in batch.processed)
        wanted_ids = [p.document.doc_id or p.document.hash[:16] for p in batch.processed]
        taken = self._taken_doc_ids(wanted_ids)
        for item in batch.processed:
            if item.document.hash in known:
                continue
            known.add(item.document.hash)
            item = _with_free_doc_id(item, taken)
            taken.add(item.document.doc_id or "")
            rows.add(item)
        for failure in batch.failures:
            rows.add_failure(failure)
        with self.transaction():
            self.insert_rows("INSERT INTO documents", rows.documents)
            self.insert_rows("INSERT INTO articles", rows.articles)
            self.insert_rows("INSERT OR IGNORE INTO actors", list(rows.actors.values()))
            self.insert_rows("INSERT OR IGNORE INTO events", list(rows.events.values()))
            self.insert_rows("INSERT OR IGNORE INTO quotes", list(rows.quotes.values()))
            self.insert_rows("INSERT OR REPLACE INTO failures", list(rows.failures.values()))
            for statement, extra in also:
                self.insert_rows(statement, extra)
        return len(rows.documents)

    def record_failures(self, failures: Iterable[Failure]) -> None:
        rows = _BatchRows()
        for failure in failures:
            rows.add_failure(failure)
        try:
            with self.transaction():
                self.insert_rows("INSERT OR REPLACE INTO failures", list(rows.failures.values()))
        except duckdb.Error as exc:
            raise self._open_error(exc) from exc

    def _taken_doc_ids(self, doc_ids: list[str]) -> set[str]:
        if not doc_ids:
            return set()
        rows = self.con.execute("SELECT doc_id FROM documents WHERE doc_id IN ?", [doc_ids]).fetchall()
        return {r[0] for r in rows}

    def insert_rows(self, statement: str, rows: list[tuple[Any, ...]]) -> None:
        """One multi-row INSERT per chunk: a statement per row costs a millisecond each."""
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            row = "(" + ", ".join("?" * len(chunk[0])) + ")"
            self.con.execute(
                f"{statement} VALUES {', '.join([row] * len(chunk))}", [v for r in chunk for v in r]
            )

    # -- reads ----------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read query as dictionaries."""
        cursor = self.con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first value of a read query's first row (None for no row)."""
        row = self.con.execute(sql, list(params)).fetchone()
        return row[0] if row else None

    def count(self, sql: str, params: Sequence[Any] = ()) -> int:
        """The number a counting query gives."""
        return int(self.scalar(sql, params) or 0)

    def copy_to(self, sql: str, params: Sequence[Any], out: Path, fmt: str) -> int:
        """Write the rows of a read query to `out` as CSV (with a header) or Parquet; returns how many.

        DuckDB writes both natively; the path goes in as an SQL string literal, quoted.
        """
        target = str(out).replace("'", "''")
        options = "FORMAT PARQUET" if fmt == "parquet" else "FORMAT CSV, HEADER"
        self.con.execute(f"COPY ({sql}) TO '{target}' ({options})", list(params))
        return self.count(f"SELECT count(*) FROM ({sql})", params)


def paged(sql: str, params: Sequence[Any], limit: int | None, offset: int = 0) -> tuple[str, list[Any]]:
    """`sql` with one page's LIMIT and OFFSET (`limit=None`: every row from `offset`)."""
    if limit is None:
        return (sql + " OFFSET ?", [*params, offset]) if offset else (sql, list(params))
    return sql + " LIMIT ? OFFSET ?", [*params, limit, offset]
