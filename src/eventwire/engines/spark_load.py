"""`eventwire load`: a Spark dataset into the DuckDB store, then stories over it.

DuckDB reads the Parquet folders directly and inserts them in one transaction, keyed as the
store is (`store.dataset`), so loading a dataset twice, or loading it into a store that already
holds some of its documents, adds nothing twice. A document whose id another document of the
store already holds (a JSONL `id` given twice) is written through `Store.write_batch`, which
renames it as a local run would.

Stories: into a store that held no articles, the stories the Spark run clustered (its story
tables) are taken as they are (`adopt_stories`); into a store that already has articles and
stories, the new articles join them as after a local run (`update_stories`). Either way a Spark
run plus `load` gives the stories a local run gives.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from eventwire.engines.spark_dataset import MANIFEST
from eventwire.engines.spark_stories import STORY_TABLES
from eventwire.engines.stories import StoriesSummary, adopt_stories, update_stories
from eventwire.errors import E, EventwireError
from eventwire.records import BatchResult
from eventwire.store import Store
from eventwire.store.dataset import PREFIX, insert_dataset, stage_dataset
from eventwire.store.rows import TABLES
from eventwire.store.schema import SCHEMA_VERSION


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
            before = _counts(store)
            stage_dataset(store, dataset, TABLES + STORY_TABLES)
            summary.already_stored, clashing = insert_dataset(store)
            summary.added = _added(store, before)
    except duckdb.Error as exc:
        raise EventwireError(E.E402, path=store.path, detail=str(exc).splitlines()[0]) from exc
    if clashing:
        store.write_batch(BatchResult(processed=clashing))
        summary.renamed = len(clashing)
        summary.added = _added(store, before)
    if before["articles"] == 0 and "story_documents" in manifest and not clashing:
        summary.stories = adopt_stories(store, PREFIX, int(manifest["story_documents"]))
    else:
        summary.stories = update_stories(store)
    return summary


def _counts(store: Store) -> dict[str, int]:
    return {t: store.count(f"SELECT count(*) FROM {t}") for t in TABLES}


def _added(store: Store, before: dict[str, int]) -> dict[str, int]:
    return {t: n - before[t] for t, n in _counts(store).items()}
