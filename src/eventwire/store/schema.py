"""The DuckDB schema, versioned: a database records the version it was created with.

Bump `SCHEMA_VERSION` and add a step to `MIGRATIONS` whenever a table changes, so that
files written by an older eventwire are brought forward instead of rejected.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import duckdb

SCHEMA_VERSION = 4

CREATE_TABLES: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS meta (
        key VARCHAR PRIMARY KEY,
        value VARCHAR NOT NULL)""",
    # One row per distinct content hash: the same page under two names is stored once.
    """CREATE TABLE IF NOT EXISTS documents (
        hash VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL UNIQUE,
        format VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        record VARCHAR,
        url VARCHAR,
        encoding VARCHAR,
        fetched_at TIMESTAMP,
        ingested_at TIMESTAMP NOT NULL,
        raw VARCHAR NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS articles (
        doc_id VARCHAR PRIMARY KEY,
        hash VARCHAR NOT NULL,
        title VARCHAR,
        outlet VARCHAR,
        author VARCHAR,
        published DATE,
        url VARCHAR,
        language VARCHAR,
        source VARCHAR NOT NULL,
        record VARCHAR,
        text VARCHAR NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS actors (
        actor_id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        country VARCHAR,
        sector VARCHAR,
        kind VARCHAR NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS events (
        event_id VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        mode VARCHAR,
        cameo VARCHAR NOT NULL,
        goldstein DOUBLE NOT NULL,
        source_id VARCHAR NOT NULL,
        target_id VARCHAR NOT NULL,
        date DATE,
        date_precision VARCHAR,
        date_reason VARCHAR,
        location VARCHAR,
        evidence VARCHAR NOT NULL,
        sentence_index INTEGER NOT NULL,
        rule VARCHAR NOT NULL,
        confidence DOUBLE NOT NULL,
        -- Where (version 3): after the older columns, where a migration adds them too.
        place_name VARCHAR,
        geonames_id BIGINT,
        feature_type VARCHAR,
        place_country VARCHAR,
        admin1 VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        geo_reason VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS quotes (
        quote_id VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL,
        speaker VARCHAR NOT NULL,
        speaker_id VARCHAR,
        text VARCHAR NOT NULL,
        sentence_index INTEGER NOT NULL,
        rule VARCHAR NOT NULL)""",
    # Keyed by where and what, so a re-run that meets the same bad input records it once.
    """CREATE TABLE IF NOT EXISTS failures (
        source VARCHAR NOT NULL,
        record VARCHAR NOT NULL,
        stage VARCHAR NOT NULL,
        code VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        seen_at TIMESTAMP NOT NULL,
        PRIMARY KEY (source, record, code))""",
)

# Stories (version 2): written by `eventwire.stories` after the articles of a run are stored.
STORY_TABLES: tuple[str, ...] = (
    # A syndicated or lightly edited copy: linked to its original, its events not kept.
    """CREATE TABLE IF NOT EXISTS article_copies (
        doc_id VARCHAR PRIMARY KEY,
        original_id VARCHAR NOT NULL,
        similarity DOUBLE NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS stories (
        story_id VARCHAR PRIMARY KEY,
        title VARCHAR,
        first_published DATE,
        last_published DATE,
        n_articles INTEGER NOT NULL,
        n_outlets INTEGER NOT NULL)""",
    # seq is the order articles joined their stories in: incremental runs continue it.
    """CREATE TABLE IF NOT EXISTS story_articles (
        doc_id VARCHAR PRIMARY KEY,
        story_id VARCHAR NOT NULL,
        seq BIGINT NOT NULL,
        score DOUBLE NOT NULL)""",
    # Document frequencies of terms over every clustered article: the IDF of text similarity.
    """CREATE TABLE IF NOT EXISTS term_frequencies (
        term VARCHAR PRIMARY KEY,
        df INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS consolidated_events (
        cevent_id VARCHAR PRIMARY KEY,
        story_id VARCHAR,
        type VARCHAR NOT NULL,
        mode VARCHAR,
        cameo VARCHAR NOT NULL,
        goldstein DOUBLE NOT NULL,
        source_id VARCHAR NOT NULL,
        target_id VARCHAR NOT NULL,
        date DATE,
        first_date DATE,
        last_date DATE,
        location VARCHAR,
        evidence VARCHAR NOT NULL,
        n_reports INTEGER NOT NULL,
        n_articles INTEGER NOT NULL,
        n_outlets INTEGER NOT NULL,
        disagreements VARCHAR NOT NULL)""",
    # One row per event (a report): which consolidated event it is a report of.
    """CREATE TABLE IF NOT EXISTS event_reports (
        event_id VARCHAR PRIMARY KEY,
        cevent_id VARCHAR NOT NULL)""",
)

# Watching sources and alerts (version 4): written by `eventwire.watch`. Every statement is
# idempotent (IF NOT EXISTS), so the step can run again whatever version number it ends up under.
WATCH_TABLES: tuple[str, ...] = (
    # One row per watched source: its HTTP validators (a conditional GET next time), schedule
    # and last outcome. Validators are saved only once every item of the poll is stored.
    """CREATE TABLE IF NOT EXISTS watch_sources (
        url VARCHAR PRIMARY KEY,
        name VARCHAR,
        title VARCHAR,
        kind VARCHAR,
        pages BOOLEAN NOT NULL,
        interval_seconds INTEGER NOT NULL,
        etag VARCHAR,
        last_modified VARCHAR,
        last_poll TIMESTAMP,
        next_poll TIMESTAMP,
        last_status VARCHAR,
        last_http INTEGER,
        last_error_code VARCHAR,
        last_error VARCHAR,
        polls INTEGER NOT NULL DEFAULT 0,
        not_modified INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0)""",
    # One row per normalised article URL met in a source: what became of it. Written in the same
    # transaction as the batch that stored (or rejected) the article, so nothing is fetched twice.
    """CREATE TABLE IF NOT EXISTS watch_urls (
        url VARCHAR PRIMARY KEY,
        source_url VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        code VARCHAR,
        attempts INTEGER NOT NULL,
        doc_hash VARCHAR,
        title VARCHAR,
        published DATE,
        first_seen TIMESTAMP NOT NULL,
        last_attempt TIMESTAMP NOT NULL)""",
    # A fired alert, keyed so that it fires once; `subjects` are the ids it was about.
    """CREATE TABLE IF NOT EXISTS alerts (
        alert_key VARCHAR PRIMARY KEY,
        rule VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        subjects VARCHAR[] NOT NULL,
        payload VARCHAR NOT NULL,
        fired_at TIMESTAMP NOT NULL)""",
    # One row per alert and channel (stdout, a JSON Lines file, a webhook): pending until delivered.
    """CREATE TABLE IF NOT EXISTS alert_deliveries (
        alert_key VARCHAR NOT NULL,
        channel VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        attempts INTEGER NOT NULL,
        last_error VARCHAR,
        last_attempt TIMESTAMP,
        delivered_at TIMESTAMP,
        PRIMARY KEY (alert_key, channel))""",
)

CREATE_TABLES = CREATE_TABLES + STORY_TABLES + WATCH_TABLES

# Places (version 3): each event's place resolved by `eventwire.geo`. A store of version 2 gets
# the columns empty; its events keep their `location` text.
EVENT_PLACE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("place_name", "VARCHAR"),
    ("geonames_id", "BIGINT"),
    ("feature_type", "VARCHAR"),
    ("place_country", "VARCHAR"),
    ("admin1", "VARCHAR"),
    ("lat", "DOUBLE"),
    ("lon", "DOUBLE"),
    ("geo_reason", "VARCHAR"),
)
PLACE_COLUMNS_SQL: tuple[str, ...] = tuple(
    f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {name} {kind}" for name, kind in EVENT_PLACE_COLUMNS
)

# version -> statements that bring a database of the previous version to it.
MIGRATIONS: dict[int, tuple[str, ...]] = {2: STORY_TABLES, 3: PLACE_COLUMNS_SQL, 4: WATCH_TABLES}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    """The DuckDB type name."""
    nullable: bool
    key: bool


@cache
def table_columns(table: str) -> tuple[Column, ...]:
    """The columns of one table, as DuckDB creates them from `CREATE_TABLES` (read, not restated)."""
    with duckdb.connect(":memory:") as con:
        for statement in CREATE_TABLES:
            con.execute(statement)
        described = con.execute(f"DESCRIBE {table}").fetchall()
    return tuple(Column(r[0], r[1], r[2] == "YES", r[3] in ("PRI", "UNI")) for r in described)
