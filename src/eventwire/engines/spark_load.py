"""`eventwire load`: a Spark dataset into the DuckDB store, then stories over it.

DuckDB reads the Parquet folders directly and inserts them in one transaction, keyed as the
store is (documents by content hash, events and quotes by their hash ids, failures by where and
what), so loading a dataset twice, or loading it into a store that already holds some of its
documents, adds nothing twice. A document whose id another document of the store already holds
(a JSONL `id` given twice) is written through `Store.write_batch`, which renames it as a local
run would.

Stories: into a store that held no articles, the stories the Spark run clustered (its story
tables) are taken as they are (`adopt_stories`); into a store that already has articles and
stories, the new articles join them as after a local run (`update_stories`). Either way a Spark
run plus `load` gives the stories a local run gives.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from eventwire.engines.spark_dataset import MANIFEST, TABLES, columns
from eventwire.engines.spark_stories import STORY_TABLES
from eventwire.errors import E, EventwireError
from eventwire.records import Actor, Article, BatchResult, Event, Processed, Quote, RawDocument
from eventwire.store import Store
from eventwire.store.database import place_from_row
from eventwire.store.schema import SCHEMA_VERSION
from eventwire.stories import StoriesSummary, update_stories
from eventwire.stories.update import adopt_stories


@dataclass(slots=True)
class LoadSummary:
    """Rows a load added to each table, and what stories made of them."""

    added: dict[str, int] = field(default_factory=dict)
    already_stored: int = 0
    """Documents of the dataset whose content the store already held."""
    renamed: int = 0
    """Documents stored under a new id because the store held theirs for other content."""
    stories: StoriesSummary = field(default_factory=StoriesSummary)


def read_manifest(dataset: Path) -> dict[str, Any]:
    """Raises: EventwireError E703 when `dataset` is not our dataset, E704 for another schema."""
    parts = sorted((dataset / MANIFEST).glob("part-*"))
    if not dataset.is_dir() or not parts:
        raise EventwireError(E.E703, path=dataset, detail="no manifest folder (written by `eventwire spark`)")
    try:
        manifest: dict[str, Any] = json.loads(parts[0].read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EventwireError(E.E703, path=dataset, detail=f"unreadable manifest: {exc}") from exc
    found = manifest.get("eventwire_schema_version")
    if found != SCHEMA_VERSION:
        raise EventwireError(E.E704, path=dataset, found=found, expected=SCHEMA_VERSION)
    return manifest


def load_dataset(dataset: str | Path, store: Store) -> LoadSummary:
    """Insert the dataset under `dataset` into `store`, then update stories.

    Raises:
        EventwireError: E703/E704 for a folder that is not a dataset of this schema version,
            E401/E402 when the store cannot be written.
    """
    dataset = Path(str(dataset).removeprefix("file://").removeprefix("file:"))
    manifest = read_manifest(dataset)
    summary = LoadSummary()
    try:
        with store.transaction():
            before = {t: _count(store, t) for t in TABLES}
            _stage(store, dataset, TABLES + STORY_TABLES)
            summary.already_stored, clashing = _insert(store)
            summary.added = {t: _count(store, t) - before[t] for t in TABLES}
    except duckdb.Error as exc:
        raise EventwireError(E.E402, path=store.path, detail=str(exc).splitlines()[0]) from exc
    if clashing:
        store.write_batch(BatchResult(processed=clashing))
        summary.renamed = len(clashing)
        summary.added = {t: _count(store, t) - before[t] for t in TABLES}
    if before["articles"] == 0 and "story_documents" in manifest and not clashing:
        summary.stories = adopt_stories(store, "ds_", int(manifest["story_documents"]))
    else:
        summary.stories = update_stories(store)
    return summary


def _count(store: Store, table: str) -> int:
    row = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def _stage(store: Store, dataset: Path, tables: tuple[str, ...]) -> None:
    """A temporary view `ds_<table>` over each table's Parquet files, with the store's columns."""
    for table in tables:
        names = ", ".join(c.name for c in columns(table))
        files = sorted(str(f) for f in (dataset / table).rglob("*.parquet"))
        if files:
            listing = "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"
            source = f"read_parquet({listing}, hive_partitioning = false, union_by_name = true)"
        else:
            # Spark writes no file for a partitioned table without rows.
            source = f"(SELECT {names} FROM {table} WHERE false)"
        store.con.execute(f"CREATE OR REPLACE TEMP VIEW ds_{table} AS SELECT {names} FROM {source}")


def _insert(store: Store) -> tuple[int, list[Processed]]:
    """Insert what is new; returns (documents already stored, documents whose id is taken)."""
    con = store.con
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ds_new AS SELECT * FROM ds_documents "
        "WHERE hash NOT IN (SELECT hash FROM documents)"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ds_clash AS SELECT * FROM ds_new "
        "WHERE doc_id IN (SELECT doc_id FROM documents)"
    )
    con.execute("DELETE FROM ds_new WHERE hash IN (SELECT hash FROM ds_clash)")
    already = (
        _scalar(con, "SELECT count(*) FROM ds_documents")
        - _scalar(con, "SELECT count(*) FROM ds_new")
        - _scalar(con, "SELECT count(*) FROM ds_clash")
    )
    # In input order (the order a local run stores in, kept in `ingested_at`): stories break ties
    # between articles of one day by the order they were stored.
    con.execute("INSERT INTO documents SELECT * FROM ds_new ORDER BY ingested_at, hash")
    con.execute(
        "INSERT INTO articles SELECT a.* FROM ds_articles a JOIN ds_new d ON d.hash = a.hash "
        "ORDER BY d.ingested_at, d.hash"
    )
    con.execute("INSERT OR IGNORE INTO actors SELECT * FROM ds_actors")
    for table in ("events", "quotes"):
        con.execute(
            f"INSERT OR IGNORE INTO {table} SELECT * FROM ds_{table} "
            "WHERE doc_id IN (SELECT doc_id FROM ds_new)"
        )
    con.execute("INSERT OR REPLACE INTO failures SELECT * FROM ds_failures")
    clashing = _processed(store, "SELECT * FROM ds_clash ORDER BY doc_id, hash")
    return already, clashing


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _processed(store: Store, documents_sql: str) -> list[Processed]:
    """The records behind some dataset rows, to be written again through `Store.write_batch`."""
    documents = store.query(documents_sql)
    if not documents:
        return []
    hashes = [d["hash"] for d in documents]
    articles = {a["hash"]: a for a in store.query("SELECT * FROM ds_articles WHERE hash IN ?", [hashes])}
    doc_ids = [a["doc_id"] for a in articles.values()]
    actors = {a.pop("actor_id"): Actor(**a) for a in store.query("SELECT * FROM ds_actors")}
    events: dict[str, list[Event]] = defaultdict(list)
    for row in store.query("SELECT * FROM ds_events WHERE doc_id IN ?", [doc_ids]):
        row.pop("event_id")
        row["source"], row["target"] = actors[row.pop("source_id")], actors[row.pop("target_id")]
        row["place"] = place_from_row(row)
        events[row["doc_id"]].append(Event(**row))
    quotes: dict[str, list[Quote]] = defaultdict(list)
    for row in store.query("SELECT * FROM ds_quotes WHERE doc_id IN ?", [doc_ids]):
        row.pop("quote_id")
        speaker = row.pop("speaker_id")
        quotes[row["doc_id"]].append(Quote(**row, speaker_actor=actors.get(speaker) if speaker else None))
    processed = []
    for doc in documents:
        article = Article(**articles[doc["hash"]])
        raw = RawDocument(
            text=doc["raw"],
            format=doc["format"],
            source=doc["source"],
            record=doc["record"],
            doc_id=doc["doc_id"],
            url=doc["url"],
            encoding=doc["encoding"],
            fetched_at=doc["fetched_at"],
            hash=doc["hash"],
        )
        processed.append(
            Processed(raw, article, events=events[article.doc_id], quotes=quotes[article.doc_id])
        )
    return processed
