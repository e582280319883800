"""Quick tests of the API's parts without a model or a server process: evidence marks, parameter
parsing, the token check, and the in-memory event index against the SQL it stands in for."""

from __future__ import annotations

import asyncio
import json
import random
import warnings
from datetime import date, timedelta
from pathlib import Path

import pytest

from eventwire.records import Actor, Article, BatchResult, Event, Processed, RawDocument
from eventwire.server import ServerSettings, create_app
from eventwire.serving.auth import check_token
from eventwire.serving.database import Database
from eventwire.serving.encoding import dumps, dumps_bytes
from eventwire.serving.errors import ApiError
from eventwire.serving.event_browser import EventBrowser
from eventwire.serving.ingest import safe_name
from eventwire.serving.params import parse_dyad, parse_event_query
from eventwire.store import Store, queries
from eventwire.store.events import EventQuery, event_count, event_page
from eventwire.store.shapes import event_api as event_json
from eventwire.web.highlight import mark_evidence

STATES = [Actor("China", "CHN", "GOV"), Actor("Russia", "RUS", "GOV"), Actor("India", "IND", "GOV")]
PEOPLE = [Actor("Wang Yi", "CHN", "GOV", "person"), Actor("50% Group", None, None, "group")]
TYPES = [("CONSULT", "040", 1.0), ("ACCUSE", "112", -2.0), ("AGREE", "057", 8.0)]


def _store(path: Path, articles: int = 30, seed: int = 3) -> Path:
    """A store of hand-made records: a few actors, types and dates (some missing) in many combinations."""
    rng = random.Random(seed)
    batch = BatchResult()
    for i in range(articles):
        doc_id = f"doc-{i:03d}"
        published = date(2025, 1, 1) + timedelta(days=rng.randrange(60))
        text = f"Report {i}. <script>alert({i})</script>"
        raw = RawDocument(text=text, format="text", source=f"{doc_id}.txt", doc_id=doc_id)
        events = []
        for k in range(rng.randrange(1, 5)):
            source, target = rng.sample(STATES + PEOPLE, 2)
            kind, cameo, goldstein = rng.choice(TYPES)
            day = None if rng.random() < 0.2 else published - timedelta(days=k)
            events.append(
                Event(
                    doc_id,
                    kind,
                    source,
                    target,
                    cameo,
                    goldstein,
                    date=day,
                    evidence=f"Report {i}.",
                    sentence_index=k,
                )
            )
        article = Article(
            doc_id=doc_id, text=text, title=f"<b>Title {i}</b>", published=published, hash=raw.hash
        )
        batch.processed.append(Processed(document=raw, article=article, events=events))
    db = path / "units.duckdb"
    with Store(db) as store:
        store.write_batch(batch)
    return db


@pytest.fixture(scope="module")
def units_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _store(tmp_path_factory.mktemp("units"))


def test_api_event_index_answers_as_the_sql_does(units_db: Path) -> None:
    database = Database(str(units_db), read_only=True)
    browser = EventBrowser(database, cache_rows=10)
    store = database.reader()
    china = queries.dyad_side_name(store, "CHN")
    assert china == "China"
    wang = next(a["id"] for a in queries.actor_page(store, name="wang", limit=None))
    filters = [
        EventQuery(),
        EventQuery(country="CHN"),
        EventQuery(country="XXX"),
        EventQuery(dyad=("CHN", "RUS")),
        EventQuery(dyad=(wang, "RUS")),
        EventQuery(actor="wang"),
        EventQuery(actor="50%"),
        EventQuery(actor="_"),
        EventQuery(actor=wang, role="target"),
        EventQuery(type="ACCUSE", since=date(2025, 1, 20)),
        EventQuery(until=date(2025, 1, 31)),
        EventQuery(doc_id="doc-007"),
        EventQuery(doc_id="missing"),
    ]
    for flt in filters:
        for offset in (0, 5):
            expected, _ = event_page(store, flt, limit=7, offset=offset)
            rows, total = browser.page(flt, limit=7, offset=offset)
            assert rows == expected, flt
            assert total == event_count(store, flt), flt
            encoded, again = asyncio.run(
                browser.page_encoded(flt, limit=7, offset=offset, encode=lambda r: dumps_bytes(event_json(r)))
            )
            assert again == total
            assert [json.loads(e) for e in encoded] == json.loads(dumps([event_json(r) for r in expected]))
    database.close()


def test_api_pages_escape_stored_text_in_process(units_db: Path) -> None:
    with warnings.catch_warnings():
        # Starlette's TestClient warns that it will move to another httpx package one day.
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    with TestClient(create_app(ServerSettings(db=str(units_db)))) as client:
        for path in ("/", "/events", "/articles", "/articles/doc-001", "/actors", "/dyads", "/dyads/CHN/RUS"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert "<script>alert" not in response.text and "<b>Title" not in response.text, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/articles/doc-001").text
        assert client.get("/api/events?since=nope").json()["error"]["param"] == "since"


def test_api_highlight_marks_each_evidence_and_the_focus() -> None:
    text = "BERLIN - First sentence.  Second\nsentence here.\n\nThird one."
    paragraphs = mark_evidence(
        text, [("e1", "First sentence."), ("e2", "Second sentence here."), ("e3", "Gone.")], "e2"
    )
    assert len(paragraphs) == 2
    marked = [(s.text, s.events, s.focus) for s in paragraphs[0] if s.events]
    assert marked == [("First sentence.", ["e1"], False), ("Second\nsentence here.", ["e2"], True)]
    assert "".join(s.text for s in paragraphs[0]) == "BERLIN - First sentence.  Second\nsentence here."
    overlapping = mark_evidence("A B C.", [("x", "A B"), ("y", "B C.")])
    assert [(s.text, s.events) for s in overlapping[0]] == [("A ", ["x"]), ("B", ["x", "y"]), (" C.", ["y"])]


def test_api_params_parse_filters_and_name_bad_ones() -> None:
    query = parse_event_query({"country": "rus", "type": "consult", "since": "2025-01-01", "actor": " "})
    assert query == EventQuery(country="RUS", type="CONSULT", since=date(2025, 1, 1))
    assert parse_dyad("chn-rus") == ("CHN", "RUS") and parse_dyad("") is None
    with pytest.raises(ApiError) as error:
        parse_event_query({"dyad": "CHN-RUS-IND"})
    assert error.value.status == 400 and error.value.param == "dyad"


def test_api_token_check_and_upload_names() -> None:
    writable = ServerSettings(db="x", token="t0ken")
    check_token(writable, "t0ken")
    for presented, status in ((None, 401), ("t0ken ", 401), ("other", 401)):
        with pytest.raises(ApiError) as error:
            check_token(writable, presented)
        assert error.value.status == status
    with pytest.raises(ApiError) as error:
        check_token(ServerSettings(db="x"), "anything")
    assert error.value.status == 403
    assert safe_name("../../etc/cron.d/x.html", 3) == "003-x.html"
    assert safe_name("C:\\Users\\me\\feed.warc.gz", 0) == "000-feed.warc.gz"
    with pytest.raises(ApiError):
        safe_name("payload.sh", 0)
