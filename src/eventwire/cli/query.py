"""Reading the store: `status`, `articles`, `article`, `events`, `event`, `quotes`, `export`; and
`code`, which codes a piece of text without storing it."""

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from eventwire.cli.common import (
    ConfigOption,
    DbOption,
    JsonOption,
    actor_label,
    actor_text,
    fail,
    listed,
    out,
    parse_date,
    print_jsonl,
    reading,
    with_event_filters,
)
from eventwire.store import EXPORT_FORMATS, export, queries
from eventwire.store.events import QueryError, event_by_prefix, event_rows, parse_event_query
from eventwire.store.shapes import event_export


def status(db: Optional[str] = DbOption, config_file: Optional[Path] = ConfigOption) -> None:
    """Counts of documents, articles, events, quotes and failures (with reasons)."""
    with reading(db, config_file) as store:
        counts = queries.counts(store)
        failures = queries.failures(store)
    table = Table("table", "rows", title=store.path)
    for name, n in counts.items():
        table.add_row(name, str(n))
    out.print(table)
    for f in failures:
        where = f["source"] + (f" [{f['record']}]" if f["record"] else "")
        out.print(f"  {f['stage']:<8} {f['code']} {where}: {f['reason']}")


def list_articles(
    db: Optional[str] = DbOption, config_file: Optional[Path] = ConfigOption, as_json: bool = JsonOption
) -> None:
    """List stored articles (--json: id, title, outlet, published, url, source, text)."""
    rows = listed(db, config_file, as_json, queries.articles)
    if rows is None:
        return
    table = Table("id", "published", "outlet", "title", "source")
    for r in rows:
        source = r["source"] + (f" [{r['record']}]" if r["record"] else "")
        table.add_row(r["id"], str(r["published"] or ""), r["outlet"] or "", r["title"] or "", source)
    out.print(table)


ARTICLE_FIELDS = (
    "id", "title", "outlet", "author", "published", "url", "source", "record", "format", "encoding"
)  # fmt: skip


def show_article(
    doc_id: str = typer.Argument(..., help="Article id (or a unique prefix)."),
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
    as_json: bool = JsonOption,
) -> None:
    """Show one article's clean text and metadata."""
    with reading(db, config_file) as store:
        row = queries.article(store, doc_id)
    if row is None:
        fail(f"no article with id {doc_id!r}")
    if as_json:
        print_jsonl([row])
        return
    for key in ARTICLE_FIELDS:
        if row.get(key) is not None:
            out.print(f"{key}: {row[key]}")
    out.print()
    out.print(row["text"])


def export_cmd(
    fmt: str = typer.Option(
        ..., "--format", "-f", help=f"One of: {', '.join(EXPORT_FORMATS)}; gdelt for --what consolidated."
    ),
    out_file: Path = typer.Option(..., "--out", "-o", help="File to write."),
    what: str = typer.Option("events", "--what", help="events, stories or consolidated (events)."),
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
) -> None:
    """Export events (JSON Lines also carries quotes, in the scorer's format), stories or
    consolidated events (also as a GDELT 2.0 Event table: --what consolidated --format gdelt)."""
    from eventwire.reads.export import WHAT, export_stories

    if what not in WHAT:
        fail(f"unknown table {what!r}: choose one of {', '.join(WHAT)}", code=2)
    if what == "events" and fmt not in EXPORT_FORMATS:
        fail(f"unknown format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}", code=2)
    with reading(db, config_file) as store:
        try:
            if what == "events":
                n = export(store, fmt, out_file)
            else:
                n = export_stories(store, what, fmt, out_file)
        except ValueError as exc:
            fail(str(exc), code=2)
    out.print(f"wrote {n} rows to {out_file}")


@with_event_filters
def list_events(
    filters: dict[str, Optional[str]],
    consolidated: bool = typer.Option(
        False, "--consolidated", help="One row per real event across articles, with its report counts."
    ),
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
    as_json: bool = JsonOption,
) -> None:
    """List coded events: who did what to whom, when and where."""
    if consolidated:
        from eventwire.cli.stories import print_consolidated
        from eventwire.store.stories import consolidated_events

        with reading(db, config_file) as store:
            print_consolidated(consolidated_events(store), as_json)
        return
    from eventwire.coding import plover_types

    try:
        query = parse_event_query(filters, plover_types)
    except QueryError as exc:
        fail(f"--{exc.message}", code=2)
    with reading(db, config_file) as store:
        rows = event_rows(store, query, order="oldest")
    if as_json:
        print_jsonl([event_export(r) for r in rows])
        return
    table = Table("id", "date", "source", "type", "target", "where", "doc")
    for r in rows:
        table.add_row(
            r["event_id"][:9],
            str(r["date"] or ""),
            actor_text(r, "source"),
            f"{r['type']} {r['cameo']}",
            actor_text(r, "target"),
            r["location"] or "",
            r["doc_id"],
        )
    out.print(table)
    out.print(f"{len(rows)} events")


def show_event(
    event_id: str = typer.Argument(..., help="Event id (or a unique prefix)."),
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
) -> None:
    """Show one event with its evidence sentence, rule, actors and date reasoning."""
    with reading(db, config_file) as store:
        row = event_by_prefix(store, event_id)
    if row is None:
        fail(f"no single event with id prefix {event_id!r}")
    out.print(
        f"{row['type']} (CAMEO {row['cameo']}, Goldstein {row['goldstein']:+.1f}"
        + (f", mode {row['mode']}" if row["mode"] else "")
        + ")"
    )
    out.print(f"source:     {actor_text(row, 'source')}")
    out.print(f"target:     {actor_text(row, 'target')}")
    out.print(f"date:       {row['date'] or 'unknown'}  ({row['date_reason']})")
    out.print(f"location:   {row['location'] or 'unknown'}")
    if row["place_name"]:
        where = f"{row['lat']:.4f}, {row['lon']:.4f}" if row["lat"] is not None else "no coordinates"
        out.print(f"place:      {row['place_name']} ({row['feature_type']}, {row['place_country']}) {where}  "
                  f"GeoNames {row['geonames_id'] or '-'}  ({row['geo_reason']})")
    out.print(f"rule:       {row['rule']}  confidence {row['confidence']:.2f}")
    out.print(f"article:    {row['doc_id']}  {row['outlet'] or ''} {row['published'] or ''}")
    out.print(f"evidence:   {row['evidence']}")


def list_quotes(
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Speaker name contains this."),
    doc_id: Optional[str] = typer.Option(None, "--doc", help="Only quotes of this article."),
    db: Optional[str] = DbOption,
    config_file: Optional[Path] = ConfigOption,
    as_json: bool = JsonOption,
) -> None:
    """List direct quotes with their speakers."""
    rows = listed(db, config_file, as_json, lambda s: queries.quotes(s, speaker=speaker, doc_id=doc_id))
    if rows is None:
        return
    for r in rows:
        out.print(f"{r['speaker']} ({r['doc_id']}): \u201c{r['text']}\u201d")
    out.print(f"{len(rows)} quotes")


def code_cmd(
    text: str = typer.Argument(..., help="Text to code (one or more sentences)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD)."),
    as_json: bool = JsonOption,
) -> None:
    """Code events and quotes in a piece of text, without storing anything."""
    from eventwire.coding import code_text

    result = code_text(text, published=parse_date(published, "--published"))
    if as_json:
        print_jsonl([e.to_dict() for e in result.events] + [q.to_dict() for q in result.quotes])
        return
    for e in result.events:
        source = actor_label(e.source.name, e.source.country, e.source.sector)
        target = actor_label(e.target.name, e.target.country, e.target.sector)
        out.print(
            f"{e.type} {e.cameo}: {source} -> {target}  "
            f"date {e.date or '-'}  at {e.location or '-'}  [{e.rule}, {e.confidence:.2f}]"
        )
        out.print(f"    date: {e.date_reason}")
    for q in result.quotes:
        out.print(f"quote {q.speaker}: \u201c{q.text}\u201d")
    if not result.events and not result.quotes:
        out.print("no events or quotes")


COMMANDS = {
    "status": status,
    "articles": list_articles,
    "article": show_article,
    "export": export_cmd,
    "events": list_events,
    "event": show_event,
    "quotes": list_quotes,
    "code": code_cmd,
}
