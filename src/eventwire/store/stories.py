"""The story tables: what the story stage reads and writes, and what the front doors show of them.

The stage itself (`engines.stories.update_stories`, the clustering in `eventwire.stories`) asks
this module for the articles to place (`views_sql`, in the order they are clustered), for the
stories it may continue, and writes its placements, term frequencies, stories and consolidated
events through it. The command line, the API and the pages read stories, their articles,
consolidated events and reports here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from eventwire.store.database import Store, paged
from eventwire.store.rows import Row

CHUNK = 2_000
"""New articles read from the store at a time: memory stays flat however large the run."""
NEW_ARTICLES = (
    "a.doc_id NOT IN (SELECT doc_id FROM story_articles) "
    "AND a.doc_id NOT IN (SELECT doc_id FROM article_copies)"
)
DOCUMENTS_KEY = "story_term_documents"
"""meta key: how many articles the term frequencies were counted over."""

OUTLET_SQL = "coalesce(nullif(a.outlet, ''), parse_filename(a.source))"
"""An article's outlet, or the name of the file it came from when no outlet is known
(`rows.outlet_of` in Python)."""

ACTOR_KEY_SQL = "coalesce({t}.country, '~' || lower({t}.name))"
"""What consolidation compares of an actor: its country, else its lower-cased name (`Actor.key`)."""


# -- what the story stage reads -------------------------------------------------------------


def views_sql(where: str) -> str:
    """Articles chosen by `where` with their events, in the order they are clustered: by day
    (publication, else the latest date they report; undated last), then as they were stored.

    Columns: doc_id, title, outlet, published, text, events (a list of {type, source_name,
    source_country, target_name, target_country, day} in reading order), day; the same as
    `rows.BatchRows.article_views` makes from records.
    """
    return f"""
    WITH chosen AS (SELECT a.doc_id FROM articles a WHERE {where}),
    reported AS (
        SELECT e.doc_id, max(e.date) AS last_day,
               list(struct_pack(type := e.type, source_name := s.name, source_country := s.country,
                                target_name := t.name, target_country := t.country, day := e.date)
                    ORDER BY e.sentence_index, e.event_id) AS events
        FROM events e JOIN actors s ON s.actor_id = e.source_id JOIN actors t ON t.actor_id = e.target_id
        WHERE e.doc_id IN (SELECT doc_id FROM chosen) GROUP BY e.doc_id)
    SELECT a.doc_id, a.title, {OUTLET_SQL} AS outlet, a.published, a.text, r.events,
           coalesce(a.published, r.last_day) AS day
    FROM articles a LEFT JOIN reported r ON r.doc_id = a.doc_id
    WHERE a.doc_id IN (SELECT doc_id FROM chosen)
    ORDER BY day NULLS LAST, a.rowid"""


def article_views(store: Store, where: str = "TRUE", params: Sequence[Any] = ()) -> list[Row]:
    """The `views_sql` rows of the articles `where` chooses."""
    return store.con.execute(views_sql(where), list(params)).fetchall()


def stream_new_views(store: Store) -> Iterator[Row]:
    """The `views_sql` rows of the articles in no story yet, `CHUNK` at a time: one ordered scan,
    flat memory. Nothing else may use the connection until the stream is drained."""
    cursor = store.con.execute(views_sql(NEW_ARTICLES))
    while rows := cursor.fetchmany(CHUNK):
        yield from rows


def new_articles(store: Store) -> tuple[int, date | None]:
    """How many articles are in no story yet, and the first day among them."""
    (row,) = store.query(f"SELECT count(*) AS n, min(day) AS start FROM ({views_sql(NEW_ARTICLES)})")
    return int(row["n"]), row["start"]


def term_statistics(store: Store) -> tuple[dict[str, int], int]:
    """The document frequency of each term, and how many articles they were counted over."""
    frequencies = dict(store.con.execute("SELECT term, df FROM term_frequencies").fetchall())
    documents = store.scalar("SELECT value FROM meta WHERE key = ?", [DOCUMENTS_KEY])
    return frequencies, int(documents) if documents is not None else 0


def open_members(store: Store, since: date | None) -> dict[str, str]:
    """doc id -> story id of the articles of every story with an article published on or after
    `since` (or undated; every story for `since=None`), in the order they joined."""
    if since is None:
        where, params = "TRUE", []
    else:
        where = (
            "sa.story_id IN (SELECT sa2.story_id FROM story_articles sa2 JOIN articles a2 USING (doc_id) "
            "GROUP BY sa2.story_id HAVING max(a2.published) IS NULL OR max(a2.published) >= ?)"
        )
        params = [since]
    rows = store.query(
        "SELECT sa.doc_id, sa.story_id FROM story_articles sa JOIN articles a USING (doc_id) "
        f"WHERE {where} ORDER BY sa.seq",
        params,
    )
    return {r["doc_id"]: r["story_id"] for r in rows}


def recent_originals(store: Store, since: date | None) -> list[str]:
    """The articles in stories (copies are not) published on or after `since` (or undated; all
    for `since=None`), earliest first."""
    where, params = ("TRUE", []) if since is None else ("a.published IS NULL OR a.published >= ?", [since])
    rows = store.query(
        f"SELECT a.doc_id FROM articles a JOIN story_articles sa USING (doc_id) WHERE {where} "
        "ORDER BY a.published NULLS LAST, a.doc_id",
        params,
    )
    return [r["doc_id"] for r in rows]


REPORTS_SQL = f"""SELECT e.event_id, e.doc_id, sa.story_id, e.type, e.mode, e.cameo, e.goldstein,
       e.source_id, e.target_id, {ACTOR_KEY_SQL.format(t="s")} AS source_key,
       {ACTOR_KEY_SQL.format(t="t")} AS target_key, s.name AS source_name, t.name AS target_name,
       s.kind AS source_kind, t.kind AS target_kind, s.sector AS source_sector,
       t.sector AS target_sector, e.date, e.location, e.evidence, {OUTLET_SQL} AS outlet
FROM events e JOIN actors s ON s.actor_id = e.source_id JOIN actors t ON t.actor_id = e.target_id
JOIN articles a ON a.doc_id = e.doc_id LEFT JOIN story_articles sa ON sa.doc_id = e.doc_id"""


def report_rows(store: Store) -> list[dict[str, Any]]:
    """Every stored event as a report for consolidation (`stories.consolidate.Report`)."""
    return store.query(REPORTS_SQL)


def copies_by_original(store: Store) -> dict[str, list[tuple[str, str]]]:
    """original id -> (copy id, the copy's outlet) of each copy."""
    copies: dict[str, list[tuple[str, str]]] = {}
    for row in store.query(
        f"SELECT c.original_id, c.doc_id, {OUTLET_SQL} AS outlet FROM article_copies c "
        "JOIN articles a ON a.doc_id = c.doc_id ORDER BY c.doc_id"
    ):
        copies.setdefault(row["original_id"], []).append((row["doc_id"], row["outlet"]))
    return copies


# -- what the story stage writes (inside the caller's transaction) ---------------------------


def write_members(store: Store, members: Sequence[tuple[str, str, float]], copies: Sequence[Row]) -> None:
    """Articles placed in stories (doc id, story id, score), in order, and copies (doc id,
    original id, similarity); a copy's events and quotes are dropped (its original's stand)."""
    seq = store.count("SELECT coalesce(max(seq), -1) + 1 FROM story_articles")
    store.insert_rows(
        "INSERT OR IGNORE INTO story_articles",
        [(doc_id, story_id, seq + i, score) for i, (doc_id, story_id, score) in enumerate(members)],
    )
    store.insert_rows("INSERT OR IGNORE INTO article_copies", list(copies))
    drop_copied(store, [c[0] for c in copies])


def drop_copied(store: Store, copied: list[str]) -> None:
    """A copy is not coded twice: its original's events and quotes stand for it."""
    if copied:
        store.con.execute("DELETE FROM events WHERE doc_id IN ?", [copied])
        store.con.execute("DELETE FROM quotes WHERE doc_id IN ?", [copied])


def write_term_statistics(store: Store, changed: dict[str, int], documents: int) -> None:
    """The document frequencies of the terms that changed, and the count of articles behind them."""
    if changed:
        store.con.execute("DELETE FROM term_frequencies WHERE term IN ?", [sorted(changed)])
        store.insert_rows("INSERT INTO term_frequencies", sorted(changed.items()))
    store.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [DOCUMENTS_KEY, str(documents)])


def refresh_stories(store: Store, story_ids: list[str]) -> None:
    """The stories rows (title, dates, counts) of these stories, from their articles."""
    if not story_ids:
        return
    store.con.execute(
        f"""INSERT OR REPLACE INTO stories
        SELECT sa.story_id,
               arg_min(a.title, sa.seq) FILTER (WHERE a.title IS NOT NULL),
               min(a.published), max(a.published), count(*), count(DISTINCT {OUTLET_SQL})
        FROM story_articles sa JOIN articles a USING (doc_id)
        WHERE sa.story_id IN ? GROUP BY sa.story_id""",
        [story_ids],
    )


def replace_consolidated(store: Store, events: Sequence[Row], reports: Sequence[Row]) -> None:
    """Every consolidated event, and which of them each report (event id) stands behind."""
    store.con.execute("DELETE FROM event_reports")
    store.con.execute("DELETE FROM consolidated_events")
    store.insert_rows("INSERT INTO consolidated_events", events)
    store.insert_rows("INSERT INTO event_reports", reports)


def adopt_tables(store: Store, prefix: str, documents: int) -> list[str]:
    """Take the story tables another engine computed (`<prefix>story_articles`,
    `<prefix>article_copies`, `<prefix>term_frequencies`, with the store's columns) into a store
    without stories; returns the stories' ids."""
    store.con.execute(f"INSERT INTO story_articles SELECT * FROM {prefix}story_articles ORDER BY seq")
    store.con.execute(f"INSERT INTO article_copies SELECT * FROM {prefix}article_copies ORDER BY doc_id")
    store.con.execute(f"INSERT INTO term_frequencies SELECT * FROM {prefix}term_frequencies ORDER BY term")
    store.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [DOCUMENTS_KEY, str(documents)])
    drop_copied(store, [r["doc_id"] for r in store.query("SELECT doc_id FROM article_copies")])
    return [r["story_id"] for r in store.query("SELECT DISTINCT story_id FROM story_articles ORDER BY 1")]


# -- what the front doors show ---------------------------------------------------------------

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

STORY_TABLE_SQL = f"""
SELECT s.story_id AS id, s.title, s.first_published, s.last_published, s.n_articles, s.n_outlets,
       list(sa.doc_id ORDER BY sa.seq) AS articles,
       list(DISTINCT {OUTLET_SQL}) AS outlets
FROM stories s JOIN story_articles sa USING (story_id) JOIN articles a ON a.doc_id = sa.doc_id
GROUP BY ALL ORDER BY s.last_published DESC NULLS LAST, s.story_id
"""
"""Stories as one flat table (the CSV and Parquet exports)."""


def story_articles(store: Store, story_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The articles of each story, in the order they joined it, with what each is a copy of."""
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
        *paged("SELECT * FROM stories ORDER BY last_published DESC NULLS LAST, story_id", [], limit, offset)
    )
    members = story_articles(store, [r["story_id"] for r in rows]) if rows else {}
    return [_story_row(r, members[r["story_id"]]) for r in rows]


def story_count(store: Store) -> int:
    return store.count("SELECT count(*) FROM stories")


def find_story(store: Store, story_id: str) -> str | None:
    """The full id of a story given its id or an unambiguous prefix of it."""
    rows = store.query(
        "SELECT story_id FROM stories WHERE story_id LIKE ? ORDER BY story_id LIMIT 2", [story_id + "%"]
    )
    ids = [r["story_id"] for r in rows]
    if story_id in ids:
        return story_id
    return ids[0] if len(ids) == 1 else None


def story_about(store: Store, text: str) -> str | None:
    """The story covered by most outlets (then most articles, then newest) whose articles' titles
    or text mention `text` (case and accents ignored)."""
    needle = text.strip()
    if not needle:
        return None
    found: str | None = store.scalar(
        """SELECT s.story_id FROM stories s
        WHERE s.story_id IN (
            SELECT sa.story_id FROM story_articles sa JOIN articles a USING (doc_id)
            WHERE contains(strip_accents(lower(coalesce(a.title, '') || ' ' || a.text)),
                           strip_accents(lower(?))))
        ORDER BY s.n_outlets DESC, s.n_articles DESC, s.last_published DESC NULLS LAST, s.story_id
        LIMIT 1""",
        [needle],
    )
    return found


def consolidated_events(
    store: Store, *, story_id: str | None = None, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """Consolidated events, one row per real event, with the counts of reports behind it."""
    where, params = ("WHERE c.story_id = ?", [story_id]) if story_id else ("", [])
    rows = store.query(*paged(CONSOLIDATED_SELECT + where + ORDER_BY_DATE, params, limit, offset))
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


def with_reports(store: Store, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`events` (consolidated), each with its `reports` added."""
    behind = reports(store, [e["id"] for e in events]) if events else {}
    for event in events:
        event["reports"] = behind[event["id"]]
    return events


def story_detail(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story with its articles, its consolidated events (each with its reports) and a timeline."""
    found = find_story(store, story_id)
    if found is None:
        return None
    row = store.query("SELECT * FROM stories WHERE story_id = ?", [found])[0]
    members = story_articles(store, [found])[found]
    detail = _story_row(row, members)
    detail["articles"] = members
    events = with_reports(store, consolidated_events(store, story_id=found))
    detail["events"] = events
    detail["timeline"] = [
        {"date": e["date"], "id": e["id"], "type": e["type"], "source": e["source_name"],
         "target": e["target_name"], "location": e["location"], "n_outlets": e["n_outlets"]}
        for e in events if e["date"] is not None
    ]  # fmt: skip
    return detail


def outlet_material(store: Store, story_id: str) -> list[dict[str, Any]]:
    """What each article of a story (by its full id) carries, for comparing outlets: its outlet,
    text, consolidated events and quotes (a copy carries its original's: they were coded once, on
    the original)."""
    members = story_articles(store, [story_id])[story_id]
    coded_doc = {m["id"]: m["copy_of"] or m["id"] for m in members}
    coded = sorted(set(coded_doc.values()))
    texts = {
        r["doc_id"]: r["text"]
        for r in store.query("SELECT doc_id, text FROM articles WHERE doc_id IN ?", [list(coded_doc)])
    }
    events_of: dict[str, list[dict[str, Any]]] = {}
    for row in store.query(
        """SELECT DISTINCT e.doc_id, c.cevent_id AS id, c.type, s.name AS source, t.name AS target,
               c.date, c.location
        FROM event_reports r JOIN events e USING (event_id)
        JOIN consolidated_events c ON c.cevent_id = r.cevent_id
        JOIN actors s ON s.actor_id = c.source_id JOIN actors t ON t.actor_id = c.target_id
        WHERE e.doc_id IN ? ORDER BY c.date NULLS LAST, c.cevent_id""",
        [coded],
    ):
        events_of.setdefault(row.pop("doc_id"), []).append(row)
    quotes_of: dict[str, list[dict[str, Any]]] = {}
    for row in store.query(
        "SELECT doc_id, speaker, text FROM quotes WHERE doc_id IN ? ORDER BY doc_id, sentence_index", [coded]
    ):
        quotes_of.setdefault(row.pop("doc_id"), []).append(row)
    return [
        {
            "id": m["id"],
            "outlet": m["outlet"],
            "text": texts[m["id"]],
            "events": events_of.get(coded_doc[m["id"]], []),
            "quotes": quotes_of.get(coded_doc[m["id"]], []),
        }
        for m in members
    ]
