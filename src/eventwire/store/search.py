"""Search over article titles and text, actors and stories, in SQL.

DuckDB's full-text extension is downloaded at run time, which an offline machine cannot do, so
search is plain SQL: every word of the query must occur (case and accents ignored) in an
article's title or text, an actor's name, or a story's title or one of its articles. A title
match ranks above a text match; stories rank by how many of their articles match, then by
outlets. Scanning the text costs a pass over the articles table (see the README for figures).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from eventwire.store.database import Store
from eventwire.store.stories import OUTLET_SQL

MAX_TERMS = 8
SNIPPET_CHARS = 220
DEFAULT_LIMIT = 20
WORD = re.compile(r"\w[\w'’.-]*\w|\w", re.UNICODE)
FOLD_SQL = "strip_accents(lower({}))"


def terms(query: str) -> list[str]:
    """The query's words, lower-cased and without accents, as SQL compares them."""
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", query.lower()) if not unicodedata.combining(ch)
    )
    return list(dict.fromkeys(WORD.findall(plain)))[:MAX_TERMS]


def _all_in(column_sql: str, words: list[str]) -> tuple[str, list[object]]:
    folded = FOLD_SQL.format(column_sql)
    return " AND ".join(f"contains({folded}, ?)" for _ in words), list(words)


def search(store: Store, query: str, *, limit: int = DEFAULT_LIMIT) -> dict[str, Any]:
    """Actors, stories and articles matching every word of `query`, best first.

    Returns:
        {"query", "terms", "actors", "stories", "articles"}; each article has a `snippet`
        around the first word found in its text.
    """
    words = terms(query)
    result: dict[str, Any] = {"query": query, "terms": words, "actors": [], "stories": [], "articles": []}
    if not words:
        return result
    name_sql, name_params = _all_in("a.name", words)
    result["actors"] = store.query(
        "WITH n AS (SELECT source_id AS id FROM events UNION ALL SELECT target_id FROM events) "
        "SELECT a.actor_id AS id, a.name, a.country, a.sector, a.kind, "
        "(SELECT count(*) FROM n WHERE n.id = a.actor_id) AS n_events "
        f"FROM actors a WHERE {name_sql} ORDER BY n_events DESC, a.name LIMIT ?",
        [*name_params, limit],
    )
    title_sql, title_params = _all_in("coalesce(a.title, '')", words)
    body_sql, body_params = _all_in("coalesce(a.title, '') || ' ' || a.text", words)
    matched = f"""SELECT a.doc_id, ({title_sql}) AS in_title FROM articles a WHERE {body_sql}"""
    params = [*title_params, *body_params]
    result["articles"] = store.query(
        f"""WITH m AS ({matched})
        SELECT a.doc_id AS id, a.title, {OUTLET_SQL} AS outlet, a.published, m.in_title, a.text
        FROM m JOIN articles a USING (doc_id)
        ORDER BY m.in_title DESC, a.published DESC NULLS LAST, a.doc_id LIMIT ?""",
        [*params, limit],
    )
    for article in result["articles"]:
        article["snippet"] = snippet(article.pop("text"), words)
    story_title_sql, story_title_params = _all_in("coalesce(s.title, '')", words)
    result["stories"] = store.query(
        f"""WITH m AS ({matched}),
        hits AS (SELECT sa.story_id, count(*) AS n_matching FROM m JOIN story_articles sa USING (doc_id)
                 GROUP BY sa.story_id)
        SELECT s.story_id AS id, s.title, s.first_published, s.last_published, s.n_articles, s.n_outlets,
               coalesce(h.n_matching, 0) AS n_matching
        FROM stories s LEFT JOIN hits h USING (story_id)
        WHERE h.n_matching IS NOT NULL OR ({story_title_sql})
        ORDER BY n_matching DESC, s.n_outlets DESC, s.last_published DESC NULLS LAST, s.story_id LIMIT ?""",
        [*params, *story_title_params, limit],
    )
    return result


def snippet(text: str, words: list[str]) -> str:
    """About `SNIPPET_CHARS` of `text` around the first of `words` it holds (accents ignored)."""
    folded = "".join(
        ch if not unicodedata.combining(ch) else "" for ch in unicodedata.normalize("NFKD", text.lower())
    )
    # Folding can change lengths (NFKD splits accented letters): positions are found in the
    # folded text and mapped back by proportion, which is close enough for a snippet.
    hits = [folded.find(w) for w in words if folded.find(w) >= 0]
    at = min(hits) if hits else 0
    at = round(at * len(text) / max(len(folded), 1))
    start = max(0, at - SNIPPET_CHARS // 3)
    end = min(len(text), start + SNIPPET_CHARS)
    part = " ".join(text[start:end].split())
    return ("… " if start else "") + part + (" …" if end < len(text) else "")
