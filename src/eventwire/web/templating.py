"""Jinja2 templates with escaping always on, and the few filters the pages share."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from eventwire.stories.mutual import pair_mutual
from eventwire.version import __version__

# autoescape=True for every template, whatever its name: article text, titles and evidence
# come from scraped pages and must be shown, never interpreted.
_env = Environment(
    loader=PackageLoader("eventwire.web", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _day(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if value else ""


def _outlet(value: str | None) -> str:
    """An outlet's name; the stories' fallback for an unknown outlet is the source file: its name."""
    if not value:
        return ""
    return value.rsplit("/", 1)[-1] if "/" in value and " " not in value else value


def _goldstein(value: float | None) -> str:
    return "" if value is None else f"{value:+.1f}"


def _tone(value: float | None) -> str:
    """A CSS class for a Goldstein score: cooperation, conflict or neutral."""
    if value is None or abs(value) < 0.5:
        return "neutral"
    return "coop" if value > 0 else "conflict"


def _period_end(start: date, period: str) -> str:
    """The last day of the day, week (Monday to Sunday) or month starting on `start`."""
    if period == "month":
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return (following - timedelta(days=1)).isoformat()
    return (start + timedelta(days=6 if period == "week" else 0)).isoformat()


def _query(params: dict[str, Any], **changes: Any) -> str:
    """A query string from `params` with `changes` applied (None removes a key)."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def _pair_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events as the API shapes them, with each mutual pair (one sentence, both ways) as one row."""
    keyed = [
        {**e, "_s": e["source"]["id"], "_t": e["target"]["id"],
         "_at": (e["article"]["id"], e["sentence_index"])}
        for e in events
    ]  # fmt: skip
    return pair_mutual(keyed, source="_s", target="_t", scope="_at")


_env.filters.update(
    day=_day, goldstein=_goldstein, tone=_tone, outlet=_outlet, pair_events=_pair_events,
    period_end=_period_end,
)
_env.globals.update(query=_query, version=__version__)


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from `template` with `context`; every page also gets the request and the server mode."""
    state = getattr(request.app.state, "eventwire", None)
    context.setdefault("read_only", state.settings.read_only if state else True)
    context.setdefault("watching", state is not None and state.watch is not None)
    html = _env.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message, title="Error")
