"""The DuckDB store: schema, idempotent batch writes, errors for bad database files."""

from __future__ import annotations

import os
from datetime import date

import pytest

from eventwire.errors import EventwireError
from eventwire.records import Actor, Article, BatchResult, Event, Failure, Processed, Quote, RawDocument
from eventwire.store import Store, export, queries
from eventwire.store.events import event_rows

CHINA = Actor(name="China", country="CHN", sector="GOV", kind="state")
RUSSIA = Actor(name="Russia", country="RUS", sector="GOV", kind="state")


def _processed(text: str, doc_id: str | None = None) -> Processed:
    raw = RawDocument(text=text, format="text", source="made.txt", doc_id=doc_id)
    article = Article(
        doc_id=raw.doc_id or "", text=text, published=date(2017, 5, 27), source="made.txt", hash=raw.hash
    )
    event = Event(
        doc_id=article.doc_id,
        type="CONSULT",
        source=CHINA,
        target=RUSSIA,
        cameo="040",
        goldstein=1.0,
        date=date(2017, 5, 26),
        evidence=text,
        rule="meet/CONSULT",
        confidence=0.9,
    )
    quote = Quote(doc_id=article.doc_id, speaker="Wang Yi", text="ties are strong", rule="said-after")
    return Processed(document=raw, article=article, events=[event], quotes=[quote])


def test_store_write_batch_is_idempotent(tmp_path):
    path = tmp_path / "t.duckdb"
    batch = BatchResult(
        processed=[_processed("China met Russia.")],
        failures=[Failure(source="bad.html", stage="ingest", code="E102", reason="empty file")],
    )
    with Store(path) as store:
        assert store.write_batch(batch) == 1
        assert store.write_batch(batch) == 0
    with Store(path, read_only=True) as store:
        counts = queries.counts(store)
    assert counts == {
        "documents": 1, "articles": 1, "events": 1, "quotes": 1, "actors": 2, "failures": 1,
        # Stories come from `update_stories`, after a run's batches: none from writing alone.
        "stories": 0, "story_articles": 0, "article_copies": 0, "consolidated_events": 0,
    }


def test_store_given_id_taken_by_other_content_gets_suffix(tmp_path):
    with Store(tmp_path / "t.duckdb") as store:
        store.write_batch(BatchResult(processed=[_processed("First text.", doc_id="dev-001")]))
        store.write_batch(BatchResult(processed=[_processed("Other text.", doc_id="dev-001")]))
        ids = sorted(r["id"] for r in queries.articles(store))
    assert ids[0] == "dev-001"
    assert ids[1].startswith("dev-001-")


def test_store_export_jsonl_is_scorer_format(tmp_path):
    import json

    with Store(tmp_path / "t.duckdb") as store:
        store.write_batch(BatchResult(processed=[_processed("China met Russia.", doc_id="dev-009")]))
        n = export(store, "jsonl", tmp_path / "out.jsonl")
        export(store, "csv", tmp_path / "out.csv")
        export(store, "parquet", tmp_path / "out.parquet")
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert n == 2
    event = next(x for x in lines if x["kind"] == "event")
    assert event["doc_id"] == "dev-009"
    assert event["source"] == {"name": "China", "country": "CHN", "sector": "GOV"}
    assert event["type"] == "CONSULT" and event["date"] == "2017-05-26"
    quote = next(x for x in lines if x["kind"] == "quote")
    assert quote["speaker"] == "Wang Yi"
    assert "CONSULT" in (tmp_path / "out.csv").read_text()
    import duckdb

    parquet = str(tmp_path / "out.parquet")
    assert duckdb.connect().execute(f"SELECT count(*) FROM '{parquet}'").fetchone()[0] == 1


def test_store_rejects_file_that_is_not_duckdb(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(EventwireError) as err:
        Store(path)
    assert err.value.code == "E401"
    assert str(path) in str(err.value)
    assert path.read_text().startswith("these are my notes")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_store_read_only_file_gives_e402(tmp_path):
    path = tmp_path / "t.duckdb"
    Store(path).close()
    path.chmod(0o444)
    with pytest.raises(EventwireError) as err:
        Store(path)
    assert err.value.code in ("E401", "E402")


def test_store_read_only_directory_gives_clear_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "t.duckdb"
    with Store(path) as store:
        store.write_batch(BatchResult(processed=[_processed("Kept text.")]))
    # A read-only open of an existing database works and sees what was stored.
    with Store(path, read_only=True) as store:
        assert queries.counts(store)["documents"] == 1


def test_store_keeps_an_events_place_and_exports_it(tmp_path):
    import json
    from dataclasses import replace

    from eventwire.records import Place

    item = _processed("China met Russia in Moscow.", doc_id="p1")
    moscow = Place("Moscow", "city", "RUS", 524901, "48", 55.75204, 37.61781, "'Moscow': city in Russia")
    item.events[0] = replace(item.events[0], location="Moscow", place=moscow)
    with Store(tmp_path / "t.duckdb") as store:
        store.write_batch(BatchResult(processed=[item]))
        row = event_rows(store)[0]
        export(store, "jsonl", tmp_path / "out.jsonl")
    assert (row["place_name"], row["geonames_id"], row["feature_type"], row["place_country"]) == (
        "Moscow", 524901, "city", "RUS"
    )
    assert (row["admin1"], row["lat"], row["lon"]) == ("48", 55.75204, 37.61781)
    event = json.loads((tmp_path / "out.jsonl").read_text().splitlines()[0])
    assert event["place"]["geonames_id"] == 524901 and event["place"]["reason"] == moscow.reason


def test_store_migrates_a_version_2_file_to_place_columns(tmp_path):
    import duckdb

    from eventwire.store.schema import CREATE_TABLES, EVENT_PLACE_COLUMNS, SCHEMA_VERSION

    path = tmp_path / "v2.duckdb"
    with duckdb.connect(str(path)) as con:
        for statement in CREATE_TABLES:
            con.execute(statement)
        for name, _ in EVENT_PLACE_COLUMNS:
            con.execute(f"ALTER TABLE events DROP COLUMN {name}")
        con.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    with Store(path) as store:
        store.write_batch(BatchResult(processed=[_processed("China met Russia.")]))
        columns = [r[0] for r in store.con.execute("DESCRIBE events").fetchall()]
        version = store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        assert event_rows(store)[0]["place_name"] is None
    assert columns[-len(EVENT_PLACE_COLUMNS):] == [name for name, _ in EVENT_PLACE_COLUMNS]
    assert int(version) == SCHEMA_VERSION
    with Store(path) as store:  # opening again changes nothing
        assert [r[0] for r in store.con.execute("DESCRIBE events").fetchall()] == columns
