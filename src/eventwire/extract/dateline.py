"""Find a page's publication date in its dateline ("May 27, 2017, 7:25 am").

A dateline is a short line that is mostly a date: a label ("Published:", "Posted on"), a
weekday, a clock time, a time zone and at most a few other words (an outlet, an author) may
surround it. Body sentences that mention a date ("On May 26, 2017, the minister said ...")
carry too many other words to be datelines, and relative stamps ("Updated 3 hours ago")
carry no date at all.

Numeric dates are read year-first when they start with four digits; otherwise "05/27/2017"
(slashes) is read month-first, as most English-language sites that use slashes are
American, and "27.05.2017" / "27-05-2017" (dots, dashes) day-first. A first number above 12
always forces day-first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Literal

from eventwire.datafiles import data_toml
from eventwire.extract._scraped_cues import load_cues
from eventwire.extract._scraped_features import is_prose, normalise_line

__all__ = ["DatelineMatch", "find_dateline_date", "line_date", "parse_dates"]

Label = Literal["published", "plain", "updated"]

# A revision stamp is only a fallback: it counts as this many lines further away.
UPDATED_PENALTY = 6
# A labelled publication stamp wins a tie against a bare date.
PUBLISHED_BONUS = 1
# Lines longer than this are prose, never datelines.
DATELINE_MAX_WORDS = 20

_SEGMENT_SPLIT = re.compile(r"\s+[|•·/—–-]\s+|\s*\|\s*")
_TIME = re.compile(r"^\d{1,2}([:.]\d{2}){1,2}([ap]\.?m\.?)?$|^[+-]\d{2}:?\d{2}$|^\d{1,2}[ap]\.?m\.?$", re.I)
_WORD = re.compile(r"[^\W\d_][\w'.-]*|\d+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class DatelineMatch:
    """A date found on a dateline and how the line labelled it."""

    day: date
    label: Label


@dataclass(frozen=True, slots=True)
class _Words:
    months: dict[str, int]
    weekdays: frozenset[str]
    published: tuple[str, ...]
    updated: tuple[str, ...]
    filler: frozenset[str]
    max_other_words: int
    min_year: int
    max_year: int
    patterns: tuple[re.Pattern[str], ...]


@cache
def _words() -> _Words:
    data = data_toml("extract", "dateline_words.toml")
    months = {k: int(v) for k, v in data["months"].items()}
    words = data["words"]
    limits = data["limits"]
    month = "(?P<mon>" + "|".join(sorted(months, key=len, reverse=True)) + r")\.?"
    clock = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    patterns = (
        re.compile(rf"(?<!\d)(?P<y>\d{{4}})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?!\d){clock}", re.I),
        re.compile(r"(?<!\d)(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)"),
        re.compile(rf"\b{month}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)", re.I),
        re.compile(
            rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+{month}[\s,-]+(?P<y>\d{{4}})(?!\d)",
            re.I,
        ),
    )
    return _Words(
        months=months,
        weekdays=frozenset(words["weekdays"]),
        published=tuple(sorted(words["published"], key=len, reverse=True)),
        updated=tuple(sorted(words["updated"], key=len, reverse=True)),
        filler=frozenset(words["filler"]),
        max_other_words=int(limits["max_other_words"]),
        min_year=int(limits["min_year"]),
        max_year=int(limits["max_year"]),
        patterns=patterns,
    )


def _to_date(match: re.Match[str], words: _Words) -> date | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if groups.get("mon"):
        month = words.months[groups["mon"].lower().rstrip(".")]
        day = int(groups["d"])
    elif groups.get("a"):
        first, second = int(groups["a"]), int(groups["b"])
        month_first = groups["sep"] == "/" and first <= 12
        month, day = (first, second) if month_first else (second, first)
    else:
        month, day = int(groups["m"]), int(groups["d"])
    if not words.min_year <= year <= words.max_year:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_dates(text: str) -> list[tuple[int, int, date]]:
    """Every full calendar date (day, month and year) written in `text`.

    Args:
        text: any text.

    Returns:
        `(start, end, date)` spans in reading order, without overlaps.
    """
    words = _words()
    found: list[tuple[int, int, date]] = []
    for pattern in words.patterns:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e, _ in found):
                continue
            day = _to_date(match, words)
            if day is not None:
                found.append((match.start(), match.end(), day))
    return sorted(found)


def _strip_label(prefix: str, labels: tuple[str, ...]) -> tuple[str, bool]:
    """Remove a label word from the text in front of a date; say whether there was one."""
    lowered = prefix.lower()
    for label in labels:
        hit = re.search(rf"\b{re.escape(label)}\b", lowered)
        if hit:
            return prefix[: hit.start()] + prefix[hit.end() :], True
    return prefix, False


def _segment_date(segment: str, words: _Words) -> DatelineMatch | None:
    spans = parse_dates(segment)
    if len(spans) != 1:
        return None
    start, end, day = spans[0]
    before, after = segment[:start], segment[end:]
    before, updated = _strip_label(before, words.updated)
    published = False
    if not updated:
        before, published = _strip_label(before, words.published)
    other = [
        w
        for w in _WORD.findall(before + " " + after)
        if w.lower() not in words.filler and w.lower() not in words.weekdays and not _TIME.match(w)
    ]
    # Clock times survive the word split as bare numbers ("7", "25"); they are not words.
    other = [w for w in other if not w.isdigit()]
    if len(other) > words.max_other_words:
        return None
    label: Label = "updated" if updated else "published" if published else "plain"
    return DatelineMatch(day, label)


_RANK = {"published": 0, "plain": 1, "updated": 2}


def line_date(line: str) -> DatelineMatch | None:
    """The date on `line` if the line is a dateline, else None.

    Args:
        line: one page line.

    Returns:
        The date and its label ("published", "plain", "updated"); a line with a
        publication stamp and a revision stamp gives the publication one.
    """
    text = normalise_line(line)
    if not text or len(text.split()) > DATELINE_MAX_WORDS:
        return None
    words = _words()
    best: DatelineMatch | None = None
    for segment in _SEGMENT_SPLIT.split(text):
        found = _segment_date(segment, words)
        if found and (best is None or _RANK[found.label] < _RANK[best.label]):
            best = found
    return best


def _comment_section_start(lines: list[str], first_prose: int) -> int:
    cues = load_cues()
    for index in range(first_prose + 1, len(lines)):
        text = normalise_line(lines[index])
        if text and cues.match(text) == "comments":
            return index
    return len(lines)


def find_dateline_date(lines: list[str], anchor: int | None = None) -> date | None:
    """The publication date given on the page's dateline.

    Dates inside a reader-comment section ("N Responses to", "Leave a Reply", "Comments")
    are ignored, and so are relative stamps ("Updated 3 hours ago").

    Args:
        lines: the page's lines in order.
        anchor: index of the line where the article starts (its title or first paragraph);
            the dateline nearest to it wins. Defaults to the first prose line.

    Returns:
        The date, or None when no line is a dateline.
    """
    first_prose = next((i for i, line in enumerate(lines) if is_prose(line)), 0)
    if anchor is None:
        anchor = first_prose
    end = _comment_section_start(lines, max(first_prose, anchor))
    # Distance counts non-blank lines: scrapers put blank lines between anything.
    position: list[int] = []
    count = 0
    for line in lines:
        position.append(count)
        if line.strip():
            count += 1
    best: tuple[int, int, date] | None = None
    for index in range(end):
        found = line_date(lines[index])
        if found is None:
            continue
        distance = abs(position[index] - position[min(anchor, len(lines) - 1)])
        if found.label == "updated":
            distance += UPDATED_PENALTY
        elif found.label == "published":
            distance -= PUBLISHED_BONUS
        if best is None or (distance, index) < best[:2]:
            best = (distance, index, found.day)
    return best[2] if best else None
