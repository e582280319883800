"""Helpers for the Spark tests: a small mixed corpus, a Spark session, table comparisons.

The corpus is the bundled sample (every input format) plus a generated crawl and a JSON Lines
file built to meet the cases a distributed run must get right: a WARC file with many records
(split across tasks), a page crawled twice under two URLs (a duplicate inside one file), a
given id used by two different documents (a rename), and a bad line (a failure).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import duckdb
from e2e_helpers import EVENT_STORIES, PNG_1PX, Response, story_text, write_warc

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "data" / "sample"
SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.memory": "1g",
    # A handful of rows: Spark's 200 shuffle partitions would be 200 near-empty tasks.
    "spark.sql.shuffle.partitions": "4",
}
# Tables compared between a local run and a Spark run plus `load`, with the columns that are
# stamped at write time (and so differ between any two runs) left out.
COMPARED: dict[str, str] = {
    "documents": "SELECT * EXCLUDE (ingested_at) FROM documents",
    "articles": "SELECT * FROM articles",
    "actors": "SELECT * FROM actors",
    "events": "SELECT * FROM events",
    "quotes": "SELECT * FROM quotes",
    "failures": "SELECT * EXCLUDE (seen_at) FROM failures",
    "article_copies": "SELECT * FROM article_copies",
    "stories": "SELECT * FROM stories",
    "story_articles": "SELECT * FROM story_articles",
    "term_frequencies": "SELECT * FROM term_frequencies",
    "consolidated_events": "SELECT * FROM consolidated_events",
    "event_reports": "SELECT * FROM event_reports",
}
CRAWL_PAGES = 14
"""Responses in the generated crawl besides the repeated page and the image."""


def html_page(title: str, body: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        '<meta name="date" content="2025-06-02"></head><body><article>'
        f"<h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


def write_spark_corpus(root: Path) -> list[Path]:
    """The sample corpus, a crawl of many records and a JSON Lines file; returns the input paths."""
    sample = root / "sample"
    shutil.copytree(SAMPLE, sample)
    crawl = root / "crawl"
    crawl.mkdir()
    responses = []
    for i in range(CRAWL_PAGES):
        if i % 2 == 0:
            title, body = EVENT_STORIES[(i // 2) % len(EVENT_STORIES)]
            body = f"{body}\n\nFiled under crawl reference {i}."
        else:
            title, body = f"Council report {i}", story_text(700 + i).split("\n\n", 1)[1]
        responses.append(Response(url=f"https://news.example/{i}", body=html_page(title, body)))
    # The first page again under another URL: the same content hash, so a duplicate.
    responses.append(Response(url="https://news.example/again", body=responses[0].body))
    responses.append(Response(url="https://news.example/logo.png", body=PNG_1PX, content_type="image/png"))
    write_warc(crawl / "news.warc.gz", responses)
    lines = [
        {"id": "brief-1", "text": story_text(801), "published": "2025-06-03"},
        # The same given id for other content: stored as brief-1-<hash prefix>, as a local run does.
        {"id": "brief-1", "text": story_text(802), "published": "2025-06-03"},
        {"text": story_text(801)},
    ]
    wire = root / "wire.jsonl"
    wire.write_text("\n".join(json.dumps(line) for line in lines) + "\n{not json\n", encoding="utf-8")
    return [sample, crawl, wire]


def start_test_session(master: str = "local[2,2]") -> Any:
    """A Spark session for one test module: two cores, a task may fail once (local[N,F])."""
    from eventwire.engines.spark_session import SparkOptions, start_session

    os.environ["PYSPARK_PYTHON"] = sys.executable
    return start_session(SparkOptions(master=master, conf=SPARK_CONF))


def table_rows(db: Path, table: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(COMPARED[table] + " ORDER BY ALL").fetchall()


def parquet_rows(dataset: Path, table: str, exclude: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
    """A dataset table's rows, read by DuckDB from the Parquet files."""
    files = sorted(str(f) for f in (dataset / table).rglob("*.parquet"))
    if not files:
        return []
    columns = "* EXCLUDE (" + ", ".join(exclude) + ")" if exclude else "*"
    with duckdb.connect() as con:
        return con.execute(
            f"SELECT {columns} FROM read_parquet(?, hive_partitioning = false) ORDER BY ALL", [files]
        ).fetchall()
