"""The embedded DuckDB store: idempotent, one transaction per batch.

A batch is written in one transaction, so a run killed at any point (even SIGKILL) leaves
the file as it was after the last committed batch; a re-run skips documents whose content
hash is already stored, so nothing is written twice.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from eventwire.errors import E, EventwireError
from eventwire.records import BatchResult, Failure
from eventwire.store.rows import BatchRows, Row, TableRows, free_doc_id
from eventwire.store.schema import CREATE_TABLES, MIGRATIONS, SCHEMA_VERSION


def now_utc() -> datetime:
    """Naive UTC, as the store keeps its timestamps."""
    return datetime.now(UTC).replace(tzinfo=None)


ROWS_PER_STATEMENT = 500
"""Rows per multi-row INSERT: large enough to amortise a statement, small enough for its SQL."""


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

    def cursor(self) -> Store:
        """Another handle on this database, for another thread: a cursor of this connection
        (DuckDB's cursors are connections of their own to the same database)."""
        handle = copy.copy(self)
        handle.con = self.con.cursor()
        return handle

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
        rows = BatchRows()
        known = self.known_hashes(p.document.hash for p in batch.processed)
        wanted_ids = [p.document.doc_id or p.document.hash[:16] for p in batch.processed]
        taken = self._taken_doc_ids(wanted_ids)
        for item in batch.processed:
            if item.document.hash in known:
                continue
            known.add(item.document.hash)
            item = free_doc_id(item, taken)
            taken.add(item.document.doc_id or "")
            rows.add(item, ingested_at=now_utc())
        for failure in batch.failures:
            rows.add_failure(failure, seen_at=now_utc())
        self.write_rows([*rows.inserts(), *also])
        return len(rows.documents)

    def record_failures(self, failures: Iterable[Failure]) -> None:
        rows = BatchRows()
        for failure in failures:
            rows.add_failure(failure, seen_at=now_utc())
        self.write_rows(rows.inserts())

    def write_rows(self, tables: Sequence[TableRows]) -> None:
        """Insert rows of several tables in one transaction (all or nothing).

        Raises:
            EventwireError: E401/E402 when the database cannot be written.
        """
        try:
            with self.transaction():
                for statement, rows in tables:
                    self.insert_rows(statement, rows)
        except duckdb.Error as exc:
            raise self._open_error(exc) from exc

    def _taken_doc_ids(self, doc_ids: list[str]) -> set[str]:
        if not doc_ids:
            return set()
        rows = self.con.execute("SELECT doc_id FROM documents WHERE doc_id IN ?", [doc_ids]).fetchall()
        return {r[0] for r in rows}

    def insert_rows(self, statement: str, rows: Sequence[Row]) -> None:
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

    def stream(self, sql: str, params: Sequence[Any], chunk: int) -> Iterator[list[dict[str, Any]]]:
        """The rows of a read query as dictionaries, `chunk` at a time (at least one chunk, maybe
        empty, so that a header can be written for no rows)."""
        result = self.con.execute(sql, list(params))
        names = [d[0] for d in result.description]
        while True:
            batch = result.fetchmany(chunk)
            yield [dict(zip(names, row, strict=True)) for row in batch]
            if len(batch) < chunk:
                return

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
