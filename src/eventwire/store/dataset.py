"""A dataset of the store's tables written elsewhere (`eventwire spark`'s Parquet folders), brought in.

DuckDB reads the Parquet folders directly (`stage_dataset`) and inserts them keyed as the store
is (`insert_dataset`): documents by content hash, events and quotes by their hash ids, failures
by where and what, so loading a dataset twice, or into a store that already holds some of its
documents, adds nothing twice. A document whose id another document of the store already holds
comes back as its records, for `Store.write_batch` to rename as a local run would.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from eventwire.records import Actor, Article, Event, Processed, Quote, RawDocument
from eventwire.store.database import Store
from eventwire.store.rows import place_from_row
from eventwire.store.schema import table_columns

PREFIX = "ds_"
"""The temporary views over the dataset are called `ds_<table>`."""


def stage_dataset(store: Store, dataset: Path, tables: tuple[str, ...]) -> None:
    """A temporary view `ds_<table>` over each table's Parquet files, with the store's columns."""
    for table in tables:
        names = ", ".join(c.name for c in table_columns(table))
        files = sorted(str(f) for f in (dataset / table).rglob("*.parquet"))
        if files:
            listing = "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"
            source = f"read_parquet({listing}, hive_partitioning = false, union_by_name = true)"
        else:
            # Spark writes no file for a partitioned table without rows.
            source = f"(SELECT {names} FROM {table} WHERE false)"
        store.con.execute(f"CREATE OR REPLACE TEMP VIEW {PREFIX}{table} AS SELECT {names} FROM {source}")


def insert_dataset(store: Store) -> tuple[int, list[Processed]]:
    """Insert what is new of the staged dataset (inside the caller's transaction).

    Returns:
        (documents already stored, the records of documents whose id the store holds for others).
    """
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
        store.count("SELECT count(*) FROM ds_documents")
        - store.count("SELECT count(*) FROM ds_new")
        - store.count("SELECT count(*) FROM ds_clash")
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
    return already, _processed(store, "SELECT * FROM ds_clash ORDER BY doc_id, hash")


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
