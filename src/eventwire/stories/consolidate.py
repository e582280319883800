"""Consolidated events: the reports of one real event, from every article and outlet, as one.

Reports (coded events) are one event when they have the same type and the same source and
target actors (as the scorer keys them: country, or name for stateless actors) and compatible
dates: within a day of each other, or one undated inside the same story. Reports in different
stories merge too when both are dated within a day: two stories can cover one meeting. Two
reports that name different people on one side are different events (a foreign minister's
talks with his counterpart and his call on the president the day before).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

DATE_TOLERANCE_DAYS = 1
"""Reports a day apart are one event: time zones and 'yesterday' in late copy shift dates by one."""


@dataclass(slots=True)
class Report:
    """One coded event as one article reported it."""

    event_id: str
    doc_id: str
    story_id: str | None
    type: str
    mode: str | None
    cameo: str
    goldstein: float
    source_id: str
    target_id: str
    source_key: str
    target_key: str
    source_name: str
    target_name: str
    source_kind: str
    target_kind: str
    source_sector: str | None
    target_sector: str | None
    date: dt.date | None
    location: str | None
    evidence: str
    outlet: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Report:
        return cls(**{name: row[name] for name in cls.__slots__})  # type: ignore[attr-defined]


@dataclass(slots=True)
class ConsolidatedEvent:
    cevent_id: str
    story_id: str | None
    type: str
    mode: str | None
    cameo: str
    goldstein: float
    source_id: str
    target_id: str
    date: dt.date | None
    first_date: dt.date | None
    last_date: dt.date | None
    location: str | None
    evidence: str
    reports: list[Report]
    n_articles: int
    n_outlets: int
    disagreements: list[dict[str, Any]] = field(default_factory=list)

    @property
    def n_reports(self) -> int:
        return len(self.reports)

    def row(self) -> tuple[Any, ...]:
        return (
            self.cevent_id, self.story_id, self.type, self.mode, self.cameo, self.goldstein,
            self.source_id, self.target_id, self.date, self.first_date, self.last_date, self.location,
            self.evidence, self.n_reports, self.n_articles, self.n_outlets,
            json.dumps(self.disagreements, ensure_ascii=False, default=str),
        )


@dataclass(slots=True)
class _Group:
    reports: list[Report] = field(default_factory=list)

    @property
    def anchor(self) -> dt.date | None:
        return next((r.date for r in self.reports if r.date is not None), None)

    def stories(self) -> set[str | None]:
        return {r.story_id for r in self.reports}

    def people(self, side: str) -> set[str]:
        return {getattr(r, f"{side}_name") for r in self.reports if getattr(r, f"{side}_kind") == "person"}

    def accepts(self, report: Report) -> bool:
        for side in ("source", "target"):
            people = self.people(side)
            named = getattr(report, f"{side}_name")
            if getattr(report, f"{side}_kind") == "person" and people and named not in people:
                return False
        anchor = self.anchor
        if report.date is None or anchor is None:
            return report.story_id in self.stories()
        return abs((report.date - anchor).days) <= DATE_TOLERANCE_DAYS


def consolidate(
    reports: Iterable[Report], copies: dict[str, list[tuple[str, str]]] | None = None
) -> list[ConsolidatedEvent]:
    """Group reports into consolidated events.

    Args:
        reports: coded events with their article's story and outlet.
        copies: original doc id -> (copy doc id, copy outlet) of the syndicated copies of it,
            which carry the original's reports to their own readers.

    Returns:
        Consolidated events ordered by date (undated last) and id.
    """
    copies = copies or {}
    by_key: dict[tuple[str, str, str], list[Report]] = {}
    for report in reports:
        by_key.setdefault((report.type, report.source_key, report.target_key), []).append(report)
    events: list[ConsolidatedEvent] = []
    for key in sorted(by_key):
        # Dated reports first, so that undated ones join a dated group of their story.
        ordered = sorted(
            by_key[key],
            key=lambda r: (r.date is None, r.date or dt.date.min, r.story_id or "", r.doc_id, r.event_id),
        )
        groups: list[_Group] = []
        for report in ordered:
            group = next((g for g in groups if g.accepts(report)), None)
            if group is None:
                group = _Group()
                groups.append(group)
            group.reports.append(report)
        events.extend(_consolidated(g.reports, copies) for g in groups)
    events.sort(key=lambda e: (e.date is None, e.date or dt.date.min, e.cevent_id))
    return events


def _most_common(values: Sequence[Any]) -> Any:
    """The most frequent value; ties go to the one reported first."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    counts = Counter(present)
    top = max(counts.values())
    return next(v for v in present if counts[v] == top)


def _consolidated(reports: list[Report], copies: dict[str, list[tuple[str, str]]]) -> ConsolidatedEvent:
    first = reports[0]
    dates = [r.date for r in reports if r.date is not None]
    cameo = _most_common([r.cameo for r in reports])
    articles = {r.doc_id: r.outlet for r in reports}
    for doc_id in list(articles):
        articles.update(dict(copies.get(doc_id, ())))
    return ConsolidatedEvent(
        cevent_id="c" + hashlib.sha1(first.event_id.encode("utf-8")).hexdigest()[:15],
        story_id=first.story_id,
        type=first.type,
        mode=_most_common([r.mode for r in reports]),
        cameo=cameo,
        goldstein=next(r.goldstein for r in reports if r.cameo == cameo),
        source_id=_most_common([r.source_id for r in reports]),
        target_id=_most_common([r.target_id for r in reports]),
        date=_most_common(dates),
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        location=_most_common([r.location for r in reports]),
        evidence=first.evidence,
        reports=reports,
        n_articles=len(articles),
        n_outlets=len(set(articles.values())),
        disagreements=disagreements(reports),
    )


def _place(value: str) -> str:
    value = value.strip().lower()
    return value[4:] if value.startswith("the ") else value


def disagreements(reports: Sequence[Report]) -> list[dict[str, Any]]:
    """Where the reports of one event differ: its date, its place, or who acted on a side
    (the sector: "Russian troops" in one report, "Russian police" in another)."""
    found: list[dict[str, Any]] = []
    dates = sorted({r.date for r in reports if r.date is not None})
    if len(dates) > 1:
        found.append({"field": "date", "values": [d.isoformat() for d in dates]})
    places = sorted({r.location for r in reports if r.location}, key=str.lower)
    folded = {_place(p) for p in places}
    # "Moscow" and "Moscow's Kremlin" name one place at two grains: not a disagreement.
    if len(folded) > 1 and not all(any(a in b or b in a for b in folded if b != a) for a in folded):
        found.append({"field": "place", "values": places})
    for side in ("source", "target"):
        sectors = sorted({s for r in reports if (s := getattr(r, f"{side}_sector"))})
        if len(sectors) > 1:
            found.append({"field": side, "values": sectors})
    return found
