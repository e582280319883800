"""The outlet comparison of a story as text, Markdown or a standalone HTML page."""

from __future__ import annotations

import html
from typing import Any

from eventwire.stories.mutual import pair_mutual, sides_text

MARK = {True: "shared", False: "only here"}


def _event_text(event: dict[str, Any]) -> str:
    when = f" on {event['date']}" if event.get("date") else ""
    where = f" in {event['location']}" if event.get("location") else ""
    return f"{sides_text(event, source='source', target='target')}{when}{where}"


def _sections(outlet: dict[str, Any]) -> list[tuple[str, list[tuple[str, bool]]]]:
    events = pair_mutual(outlet["events"], source="source", target="target")
    return [
        ("Events", [(_event_text(e), e["shared"]) for e in events]),
        ("Quotes", [(f"{q['speaker']}: \u201c{q['text']}\u201d", q["shared"]) for q in outlet["quotes"]]),
        ("Actors", [(a["name"], a["shared"]) for a in outlet["actors"]]),
        ("Places", [(p["name"], p["shared"]) for p in outlet["places"]]),
        ("Passages only this outlet carries", [(p, False) for p in outlet["unique_passages"]]),
    ]


def as_text(comparison: dict[str, Any]) -> str:
    lines = [f"story {comparison['story']}: {len(comparison['outlets'])} outlets"]
    for outlet in comparison["outlets"]:
        lines += ["", f"== {outlet['outlet']} ({', '.join(outlet['articles'])})"]
        for title, items in _sections(outlet):
            if items:
                lines.append(f"  {title}:")
                lines += [f"    [{MARK[shared]}] {text}" for text, shared in items]
    return "\n".join(lines) + "\n"


def as_markdown(comparison: dict[str, Any]) -> str:
    lines = [f"# Story {comparison['story']}", ""]
    for outlet in comparison["outlets"]:
        lines += [f"## {outlet['outlet']}", "", f"Articles: {', '.join(outlet['articles'])}", ""]
        for title, items in _sections(outlet):
            if items:
                lines += [f"### {title}", ""]
                lines += [f"- {'' if shared else '**only here:** '}{text}" for text, shared in items]
                lines.append("")
    return "\n".join(lines)


_STYLE = """body{font-family:sans-serif;margin:1.5em}.grid{display:grid;gap:1em;
grid-template-columns:repeat(auto-fit,minmax(22em,1fr))}.outlet{border:1px solid #ccc;padding:.8em}
li.shared{color:#555}li.unique{background:#fff3c4}h3{font-size:1em;margin-bottom:.2em}"""


def _css(shared: bool) -> str:
    return "shared" if shared else "unique"


def as_html(comparison: dict[str, Any]) -> str:
    """A page with no script: every text from an article is escaped."""
    esc = html.escape
    columns = []
    for outlet in comparison["outlets"]:
        parts = [f"<h2>{esc(outlet['outlet'])}</h2><p>{esc(', '.join(outlet['articles']))}</p>"]
        for title, items in _sections(outlet):
            if items:
                rows = "".join(f'<li class="{_css(shared)}">{esc(text)}</li>' for text, shared in items)
                parts.append(f"<h3>{esc(title)}</h3><ul>{rows}</ul>")
        columns.append(f'<section class="outlet">{"".join(parts)}</section>')
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Story {esc(comparison['story'])}</title>"
        f"<style>{_STYLE}</style></head><body><h1>Story {esc(comparison['story'])}</h1>"
        f"<p>Highlighted: what only that outlet reports.</p><div class='grid'>{''.join(columns)}</div>"
        "</body></html>\n"
    )
