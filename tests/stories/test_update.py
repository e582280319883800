"""The story stage over a real DuckDB file: incremental, idempotent, copies not coded twice."""

from datetime import date

import pytest
from story_helpers import CHN, LAVROV, RUS, WANG, event, processed, store_batch
from story_texts import (
    MEETING_COPY,
    MEETING_REWRITE,
    MEETING_WIRE,
    SAME_CITY_PROTEST,
    SAME_PAIR_LATER,
)

from eventwire.engines.stories import update_stories
from eventwire.reads.stories import compare_story
from eventwire.store import Store
from eventwire.store.stories import consolidated_events, list_stories, story_detail

DAY = date(2023, 3, 7)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "stories.duckdb") as opened:
        yield opened


def _tables(store):
    return {
        table: store.con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
        for table in ("stories", "story_articles", "article_copies", "consolidated_events", "event_reports")
    }


def _meeting(doc_id, text, day, outlet):
    return processed(doc_id, text, day, outlet, [
        event(doc_id, "CONSULT", WANG, LAVROV, DAY), event(doc_id, "CONSULT", LAVROV, WANG, DAY),
    ])


def test_articles_are_grouped_copies_linked_and_rerunning_adds_nothing(store):
    store_batch(
        store,
        _meeting("wire", MEETING_WIRE, DAY, "Wire"),
        _meeting("copy", MEETING_COPY, DAY, "Daily"),
        _meeting("rewrite", MEETING_REWRITE, date(2023, 3, 8), "Courier"),
        processed("protest", SAME_CITY_PROTEST, DAY, "Daily"),
    )
    summary = update_stories(store)
    assert (summary.articles, summary.copies, summary.new_stories, summary.joined) == (4, 1, 2, 1)
    stories = {s["title"].split()[0]: s for s in list_stories(store)}
    meeting = next(s for s in list_stories(store) if "wire" in s["articles"])
    assert sorted(meeting["articles"]) == ["copy", "rewrite", "wire"]
    assert sorted(meeting["outlets"]) == ["Courier", "Daily", "Wire"]
    assert len(stories) == 2
    # The copy is linked, its events not kept: the original's stand for it.
    links = store.con.execute("SELECT doc_id, original_id FROM article_copies").fetchall()
    assert links == [("copy", "wire")]
    assert store.con.execute("SELECT count(*) FROM events WHERE doc_id = 'copy'").fetchone() == (0,)
    events = consolidated_events(store)
    assert len(events) == 2
    assert all((e["n_reports"], e["n_articles"], e["n_outlets"]) == (2, 3, 3) for e in events)

    before = _tables(store)
    assert update_stories(store).articles == 0
    assert _tables(store) == before


def test_a_later_run_joins_the_open_story_and_a_later_meeting_opens_a_new_one(store):
    store_batch(store, _meeting("wire", MEETING_WIRE, DAY, "Wire"))
    update_stories(store)
    store_batch(
        store,
        _meeting("rewrite", MEETING_REWRITE, date(2023, 3, 8), "Courier"),
        processed("later", SAME_PAIR_LATER, date(2023, 5, 16), "Courier", [
            event("later", "CONSULT", WANG, LAVROV, date(2023, 5, 16)),
        ]),
    )
    summary = update_stories(store)
    assert (summary.articles, summary.joined, summary.new_stories) == (2, 1, 1)
    story_of = dict(store.con.execute("SELECT doc_id, story_id FROM story_articles").fetchall())
    assert story_of["rewrite"] == story_of["wire"] != story_of["later"]
    consulted = [e for e in consolidated_events(store) if e["source_name"] == "Wang Yi"]
    assert sorted((e["date"], e["n_reports"]) for e in consulted) == [(DAY, 2), (date(2023, 5, 16), 1)]


def test_articles_with_no_date_and_no_events_still_get_a_story(store):
    store_batch(
        store,
        _meeting("wire", MEETING_WIRE, DAY, "Wire"),
        processed("undated", MEETING_REWRITE, None, "Courier"),
        processed("quiet", "Rain is expected across the north of the country tomorrow.", None),
    )
    summary = update_stories(store)
    assert summary.articles == 3
    story_of = dict(store.con.execute("SELECT doc_id, story_id FROM story_articles").fetchall())
    assert story_of["undated"] == story_of["wire"]
    assert story_of["quiet"] not in (story_of["wire"],)
    quiet = story_detail(store, story_of["quiet"])
    assert quiet is not None
    assert quiet["events"] == [] and quiet["timeline"] == []
    # An article without an outlet is named after its source file.
    assert quiet["articles"][0]["outlet"] == "quiet.txt"


def test_story_detail_and_comparison(store):
    store_batch(
        store,
        _meeting("wire", MEETING_WIRE, DAY, "Wire"),
        processed("rewrite", MEETING_REWRITE, date(2023, 3, 8), "Courier", [
            event("rewrite", "CONSULT", WANG, LAVROV, DAY),
            event("rewrite", "SUPPORT", CHN, RUS, DAY),
        ]),
    )
    update_stories(store)
    story_id = list_stories(store)[0]["id"]
    detail = story_detail(store, story_id[:6])
    assert detail is not None and detail["id"] == story_id
    assert [a["id"] for a in detail["articles"]] == ["wire", "rewrite"]
    assert {len(e["reports"]) for e in detail["events"]} == {1, 2}
    comparison = compare_story(store, story_id)
    assert comparison is not None
    by_outlet = {o["outlet"]: o for o in comparison["outlets"]}
    shared = {(e["type"], e["source"], e["shared"]) for e in by_outlet["Courier"]["events"]}
    assert shared == {("CONSULT", "Wang Yi", True), ("SUPPORT", "China", False)}
    assert ("CONSULT", "Sergei Lavrov", False) in {
        (e["type"], e["source"], e["shared"]) for e in by_outlet["Wire"]["events"]
    }
    assert any("fisheries" in p or "accord" in p for p in by_outlet["Wire"]["unique_passages"] + [
        s["text"] for s in by_outlet["Wire"]["shared_passages"]
    ])
    assert compare_story(store, "nope") is None


def test_a_run_with_bad_documents_still_groups_the_good_ones(tmp_path):
    import json

    from eventwire.config import Config
    from eventwire.engines.local import run_local

    lines = [
        {"id": "wire", "outlet": "Wire", "published": "2023-03-07", "text": MEETING_WIRE},
        {"id": "empty", "outlet": "Wire", "published": "2023-03-07", "text": "   "},
        {"id": "undated", "outlet": "Courier", "text": MEETING_REWRITE},
        {"id": "copy", "outlet": "Daily", "published": "2023-03-07", "text": MEETING_COPY},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n{not json\n", encoding="utf-8")
    db = tmp_path / "run.duckdb"
    with Store(db) as store:
        summary = run_local([source], Config(db=str(db), workers=1, code_events=False), store)
        assert len(summary.failures) == 2  # the empty text and the broken line, each with its reason
        assert summary.stories.articles == 3 and summary.stories.copies == 1
        story_of = dict(store.con.execute("SELECT doc_id, story_id FROM story_articles").fetchall())
        assert set(story_of) == {"wire", "undated", "copy"}
        assert len(set(story_of.values())) == 1
        again = run_local([source], Config(db=str(db), workers=1, code_events=False), store)
        assert again.stories.articles == 0
        assert dict(store.con.execute("SELECT doc_id, story_id FROM story_articles").fetchall()) == story_of
