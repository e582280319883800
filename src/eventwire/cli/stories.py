"""The story commands: `stories`, `story ID`, `compare ID`, and the consolidated events table."""

import json
from pathlib import Path
from typing import Any, Optional

import typer
from rich.table import Table

from eventwire.cli.common import (
    ConfigOption,
    DbOption,
    JsonOption,
    LimitOption,
    fail,
    listed,
    out,
    print_jsonl,
    reading,
)
from eventwire.reads.stories import compare_story
from eventwire.store import stories as queries
from eventwire.store.shapes import json_ready
from eventwire.stories import render
from eventwire.stories.mutual import pair_mutual, sides_text

COMPARE_FORMATS = ("text", "md", "json", "html")


def list_stories(
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
    as_json: bool = JsonOption,
    limit: Optional[int] = LimitOption,
) -> None:
    """List stories, newest first: articles about one real-world event across outlets."""
    rows = listed(db, config_file, as_json, lambda store: queries.list_stories(store, limit=limit))
    if rows is None:
        return
    table = Table("id", "first", "last", "articles", "outlets", "title")
    for r in rows:
        table.add_row(
            r["id"],
            str(r["first_published"] or ""),
            str(r["last_published"] or ""),
            str(r["n_articles"]),
            "; ".join(r["outlets"]),
            r["title"] or "",
        )
    out.print(table)
    out.print(f"{len(rows)} stories")


def show_story(
    story_id: Optional[str] = typer.Argument(None, help="Story id (or a unique prefix)."),
    about: Optional[str] = typer.Option(
        None, "--about", help="Instead of an id: the story with most outlets whose articles mention this."
    ),
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
    as_json: bool = typer.Option(False, "--json", help="The story as one JSON object (both directions of "
                                 "mutual events)."),
) -> None:
    """Show a story: its articles, its timeline and its consolidated events with their sources."""
    if (story_id is None) == (about is None):
        fail("give a story id or --about TEXT", code=2)
    with reading(db, config_file) as store:
        found = story_id if story_id is not None else queries.story_about(store, about or "")
        story = queries.story_detail(store, found) if found else None
    if story is None:
        fail(f"no story mentions {about!r}" if about else f"no single story with id prefix {story_id!r}")
    if as_json:
        out.print(json.dumps(json_ready(story), ensure_ascii=False))
        return
    out.print(f"story {story['id']}: {story['title'] or '(untitled)'}")
    out.print(f"{story['first_published'] or '?'} .. {story['last_published'] or '?'}, "
              f"{story['n_articles']} articles from {story['n_outlets']} outlets")
    out.print("\narticles:")
    for article in story["articles"]:
        copy = f"  (copy of {article['copy_of']})" if article["copy_of"] else ""
        out.print(f"  {article['id']}  {article['published'] or '?'}  {article['outlet']}: "
                  f"{article['title'] or ''}{copy}")
    out.print(f"outlets: {'; '.join(story['outlets'])}")
    out.print("\ntimeline:")
    for item in pair_mutual(story["timeline"], source="source", target="target"):
        where = f" in {item['location']}" if item["location"] else ""
        out.print(f"  {item['date']}  {sides_text(item, source='source', target='target')}{where}"
                  f"  [{item['n_outlets']} outlets]")
    out.print("\nconsolidated events (a mutual pair on one line; the data keeps both directions):")
    for event in pair_mutual(story["events"]):
        _print_event(event)


def _print_event(event: dict[str, Any]) -> None:
    ids = event["id"] + (f" + {event['partner']['id']}" if event["mutual"] else "")
    out.print(f"  {ids}  {event['date'] or 'undated'}  {sides_text(event)}  ({event['n_reports']} reports, "
              f"{event['n_articles']} articles, {event['n_outlets']} outlets)")
    for disagreement in event["disagreements"]:
        out.print(f"    reports differ on {disagreement['field']}: {', '.join(disagreement['values'])}")
    for report in event.get("reports", []):
        out.print(f"    - {report['outlet']} [{report['doc_id']}] {report['date'] or ''} "
                  f"{report['location'] or ''}: {report['evidence']}")


def compare(
    story_id: str = typer.Argument(..., help="Story id (or a unique prefix)."),
    fmt: str = typer.Option("text", "--format", "-f", help=f"One of: {', '.join(COMPARE_FORMATS)}."),
    out_file: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to this file."),
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
) -> None:
    """Side by side per outlet: events, quotes, actors, places, and passages only it carries."""
    if fmt not in COMPARE_FORMATS:
        fail(f"unknown format {fmt!r}: choose one of {', '.join(COMPARE_FORMATS)}", code=2)
    with reading(db, config_file) as store:
        comparison = compare_story(store, story_id)
    if comparison is None:
        fail(f"no single story with id prefix {story_id!r}")
    renderers = {
        "text": render.as_text,
        "md": render.as_markdown,
        "html": render.as_html,
        "json": lambda c: json.dumps(json_ready(c), ensure_ascii=False) + "\n",
    }
    document = renderers[fmt](comparison)
    if out_file is None:
        out.print(document, end="")
        return
    try:
        out_file.write_text(document, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {out_file}: {exc.strerror or exc}")
    out.print(f"wrote the comparison of {comparison['story']} to {out_file}")


def print_consolidated(store_rows: list[dict[str, Any]], as_json: bool) -> None:
    """`events --consolidated`: one row per real event, with how many reports stand behind it."""
    if as_json:
        print_jsonl(store_rows)
        return
    table = Table("id", "date", "source", "type", "target", "where", "reports", "outlets", "differ")
    for r in store_rows:
        table.add_row(
            r["id"][:9],
            str(r["date"] or ""),
            f"{r['source_name']} ({r['source_country'] or '-'})",
            f"{r['type']} {r['cameo']}",
            f"{r['target_name']} ({r['target_country'] or '-'})",
            r["location"] or "",
            str(r["n_reports"]),
            str(r["n_outlets"]),
            ",".join(d["field"] for d in r["disagreements"]),
        )
    out.print(table)
    out.print(f"{len(store_rows)} consolidated events")


COMMANDS = {"stories": list_stories, "story": show_story, "compare": compare}
