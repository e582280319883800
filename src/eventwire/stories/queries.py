"""Read queries over the story tables, shared by the CLI, the exports and the API."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from eventwire.store.database import Store
from eventwire.stories.compare import OutletView, compare_outlets
from eventwire.stories.update import OUTLET_SQL

CONSOLIDATED_SELECT = """
SELECT c.cevent_id AS id, c.story_id, c.type, c.mode, c.cameo, c.goldstein,
       s.name AS source_name, s.country AS source_country, s.sector AS source_sector,
       t.name AS target_name, t.country AS target_country, t.sector AS target_sector,
       c.date, c.first_date, c.last_date, c.location, c.evidence,
       c.n_reports, c.n_articles, c.n_outlets, c.disagreements
FROM consolidated_events c
JOIN actors s ON s.actor_id = c.source_id
JOIN actors t ON t.actor_id = c.target_id
"""
ORDER_BY_DATE = " ORDER BY c.date NULLS LAST, c.cevent_id"


def _story_articles(store: Store, story_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    rows = store.query(
        f"""SELECT sa.story_id, a.doc_id AS id, a.title, {OUTLET_SQL} AS outlet, a.published, a.url,
               c.original_id AS copy_of
        FROM story_articles sa JOIN articles a USING (doc_id)
        LEFT JOIN article_copies c ON c.doc_id = a.doc_id
        WHERE sa.story_id IN ? ORDER BY sa.seq""",
        [story_ids],
    )
    by_story: dict[str, list[dict[str, Any]]] = {s: [] for s in story_ids}
    for row in rows:
        by_story[row.pop("story_id")].append(row)
    return by_story


def _story_row(row: dict[str, Any], members: list[dict[str, Any]]) -> dict[str, Any]:
    outlets = list(dict.fromkeys(m["outlet"] for m in members))
    return {
        "id": row["story_id"],
        "title": row["title"],
        "first_published": row["first_published"],
        "last_published": row["last_published"],
        "n_articles": row["n_articles"],
        "n_outlets": row["n_outlets"],
        "articles": [m["id"] for m in members],
        "outlets": outlets,
    }


def list_stories(store: Store, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, newest first (undated last), with their article ids and outlets."""
    rows = store.query(
        "SELECT * FROM stories ORDER BY last_published DESC NULLS LAST, story_id "
        + ("LIMIT ? OFFSET ?" if limit is not None else "OFFSET ?"),
        [limit, offset] if limit is not None else [offset],
    )
    members = _story_articles(store, [r["story_id"] for r in rows]) if rows else {}
    return [_story_row(r, members[r["story_id"]]) for r in rows]


def find_story(store: Store, story_id: str) -> str | None:
    """The full id of a story given its id or an unambiguous prefix of it."""
    rows = store.con.execute(
        "SELECT story_id FROM stories WHERE story_id LIKE ? ORDER BY story_id LIMIT 2", [story_id + "%"]
    ).fetchall()
    exact = [r[0] for r in rows if r[0] == story_id]
    if exact:
        return exact[0]
    return rows[0][0] if len(rows) == 1 else None


def story_about(store: Store, text: str) -> str | None:
    """The story covered by most outlets (then most articles, then newest) whose articles' titles
    or text mention `text` (case and accents ignored)."""
    needle = text.strip()
    if not needle:
        return None
    row = store.con.execute(
        """SELECT s.story_id FROM stories s
        WHERE s.story_id IN (
            SELECT sa.story_id FROM story_articles sa JOIN articles a USING (doc_id)
            WHERE contains(strip_accents(lower(coalesce(a.title, '') || ' ' || a.text)),
                           strip_accents(lower(?))))
        ORDER BY s.n_outlets DESC, s.n_articles DESC, s.last_published DESC NULLS LAST, s.story_id
        LIMIT 1""",
        [needle],
    ).fetchone()
    return row[0] if row else None


def consolidated_events(
    store: Store, *, story_id: str | None = None, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """Consolidated events, one row per real event, with the counts of reports behind it."""
    where, params = ("WHERE c.story_id = ?", [story_id]) if story_id else ("", [])
    paging = " LIMIT ? OFFSET ?" if limit is not None else ""
    rows = store.query(
        CONSOLIDATED_SELECT + where + ORDER_BY_DATE + paging,
        params + ([limit, offset] if limit is not None else []),
    )
    for row in rows:
        row["disagreements"] = json.loads(row["disagreements"])
    return rows


def reports(store: Store, cevent_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The reports behind each consolidated event: article, outlet, evidence, date and place claimed."""
    rows = store.query(
        f"""SELECT r.cevent_id, e.event_id, e.doc_id, {OUTLET_SQL} AS outlet, a.title, a.published,
               e.evidence, e.date, e.location, s.name AS source_name, t.name AS target_name,
               e.place_name, e.feature_type, e.place_country, e.geonames_id, e.admin1, e.lat, e.lon
        FROM event_reports r JOIN events e USING (event_id) JOIN articles a ON a.doc_id = e.doc_id
        JOIN actors s ON s.actor_id = e.source_id JOIN actors t ON t.actor_id = e.target_id
        WHERE r.cevent_id IN ? ORDER BY a.published NULLS LAST, e.doc_id, e.sentence_index""",
        [cevent_ids],
    )
    by_event: dict[str, list[dict[str, Any]]] = {c: [] for c in cevent_ids}
    for row in rows:
        by_event[row.pop("cevent_id")].append(row)
    return by_event


def story_detail(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story with its articles, its consolidated events (each with its reports) and a timeline."""
    found = find_story(store, story_id)
    if found is None:
        return None
    row = store.query("SELECT * FROM stories WHERE story_id = ?", [found])[0]
    members = _story_articles(store, [found])[found]
    detail = _story_row(row, members)
    detail["articles"] = members
    events = consolidated_events(store, story_id=found)
    behind = reports(store, [e["id"] for e in events]) if events else {}
    for event in events:
        event["reports"] = behind[event["id"]]
    detail["events"] = events
    detail["timeline"] = [
        {"date": e["date"], "id": e["id"], "type": e["type"], "source": e["source_name"],
         "target": e["target_name"], "location": e["location"], "n_outlets": e["n_outlets"]}
        for e in events if e["date"] is not None
    ]
    return detail


def compare_story(store: Store, story_id: str) -> dict[str, Any] | None:
    """Per outlet of a story: events, quotes, actors, places and passages, shared or unique."""
    found = find_story(store, story_id)
    if found is None:
        return None
    members = _story_articles(store, [found])[found]
    # A copy carries its original's events and quotes (they were coded once, on the original).
    coded_doc = {m["id"]: m["copy_of"] or m["id"] for m in members}
    texts = dict(
        store.con.execute("SELECT doc_id, text FROM articles WHERE doc_id IN ?", [list(coded_doc)]).fetchall()
    )
    events_of: dict[str, list[dict[str, Any]]] = {}
    for row in store.query(
        """SELECT DISTINCT e.doc_id, c.cevent_id AS id, c.type, s.name AS source, t.name AS target,
               c.date, c.location
        FROM event_reports r JOIN events e USING (event_id)
        JOIN consolidated_events c ON c.cevent_id = r.cevent_id
        JOIN actors s ON s.actor_id = c.source_id JOIN actors t ON t.actor_id = c.target_id
        WHERE e.doc_id IN ? ORDER BY c.date NULLS LAST, c.cevent_id""",
        [sorted(set(coded_doc.values()))],
    ):
        events_of.setdefault(row.pop("doc_id"), []).append(row)
    quotes_of: dict[str, list[dict[str, Any]]] = {}
    for row in store.query(
        "SELECT doc_id, speaker, text FROM quotes WHERE doc_id IN ? ORDER BY doc_id, sentence_index",
        [sorted(set(coded_doc.values()))],
    ):
        quotes_of.setdefault(row.pop("doc_id"), []).append(row)
    views: dict[str, OutletView] = {}
    for member in members:
        view = views.setdefault(member["outlet"], OutletView(member["outlet"]))
        view.articles.append(member["id"])
        view.texts.append(texts[member["id"]])
        coded = coded_doc[member["id"]]
        seen = {e["id"] for e in view.events}
        view.events.extend(e for e in events_of.get(coded, []) if e["id"] not in seen)
        view.quotes.extend(q for q in quotes_of.get(coded, []) if q not in view.quotes)
    return {"story": found, "outlets": compare_outlets(list(views.values()))}


def json_ready(value: Any) -> Any:
    """Dates as ISO strings, recursively: what `json.dumps` and the API send."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_ready(v) for v in value]
    return value
