"""Date expressions in news text, resolved against the article's publication date.

A fast regex resolver, run on every candidate sentence:

1. explicit dates ("May 26, 2017", "26 May 2017", "Monday, Aug. 21", "26/05/2017", "2017-05-26");
2. weekdays ("on Thursday", "late on Monday", "last Friday", "Sunday night");
3. phrases relative to publication ("yesterday", "this morning", "last week"), from
   `data/dates/relative.tsv`;
4. months without a day ("in January", "mid-August", "May 2017");
5. years alone ("in 2015", "the 1967 borders").

Conventions (the gold files' and GUIDELINE.md's):

- A weekday is the most recent such day on or before publication: "on Thursday" in a Thursday
  article is that day. "last Thursday" is strictly before (a week back in a Thursday article);
  "next Thursday" strictly after.
- A day and month without a year take the anchor's year, or the year before when that would put
  the date more than `FUTURE_LIMIT_DAYS` after the anchor (or the year after when it would put it
  more than `PAST_LIMIT_DAYS` before).
- "last week", "earlier this month", "in January", "later" and other spans longer than a day give
  `date=None`; the period they name is kept in `reason`, and `precision` says how fine it is.
- The anchor for relative expressions is `published`, else `reference` (a dated press-release
  header or dateline: see `header_date`). Without either, only explicit dates resolve. A yearless
  explicit date without an anchor takes `year_hint`, else the year of the first explicit full date
  in the same text, else stays unresolved.
- A slash date is read day first ("05/06/2017" is 5 June) unless only the other reading is valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from eventwire.datafiles import data_rows

__all__ = ["DateMention", "find_dates", "header_date", "resolve_event_date", "text_year"]

FUTURE_LIMIT_DAYS = 90
"""A yearless date further than this after the anchor is taken to be in the year before."""
PAST_LIMIT_DAYS = 275
"""A yearless date further than this before the anchor is taken to be in the year after."""
HEADER_LINES = 6
"""How many non-empty lines at the top of a text `header_date` reads."""
YEAR_MIN, YEAR_MAX = 1900, 2099

_WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# Kinds of mention, ordered by how much a match of that kind wins over an overlapping one.
_PRIORITY = {"explicit": 0, "weekday": 1, "relative": 1, "month": 2, "year": 3}


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression found in a text, and what it resolves to.

    `start`/`end` are character offsets in the text given (plus `sentence_start` when resolving a
    sentence). `precision` is "day", "month", "year" or "none"; `date` is set only for "day".
    `kind` says which family of expression matched: explicit, weekday, relative, month, year or
    dateline (an explicit date in a "CITY, June 6 (Outlet) -" wire dateline).
    """

    start: int
    end: int
    text: str
    date: date | None
    precision: str
    reason: str
    kind: str = "explicit"


@dataclass(frozen=True, slots=True)
class _Relative:
    offset: int | None
    precision: str
    unit: str


def _read_table(name: str) -> list[list[str]]:
    return data_rows("dates", name, header=False)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], dict[str, int], dict[str, _Relative]]:
    months = {name: int(num) for name, num in _read_table("months.tsv")}
    weekdays = {name: int(num) for name, num in _read_table("weekdays.tsv")}
    relative = {
        phrase.lower(): _Relative(None if off == "-" else int(off), precision, unit)
        for phrase, off, precision, unit in _read_table("relative.tsv")
    }
    return months, weekdays, relative


def _alternation(words: Iterable[str]) -> str:
    # Longest first so that "September" is tried before "Sep".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    months, weekdays, relative = _tables()
    mon = rf"(?P<mon>{_alternation(months)})\.?"
    full_months = [m for m in months if len(m) > 3 or m == "May"]
    full_mon = rf"(?P<mon>{_alternation(full_months)})"
    full_days = [d for d in weekdays if d not in _WEEKDAY_ABBR and len(d) > 4]
    wd = rf"(?P<wd>{_alternation(full_days)})"
    wd_prefix = rf"(?:(?:[Oo]n\s+)?{wd},?\s+)?"
    year = r"(?P<y>\d{4})(?![\d:])"
    ordinal = r"(?:st|nd|rd|th)?"
    return {
        "iso": re.compile(r"(?<![\d/.-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d-])"),
        "slash": re.compile(
            r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)"
        ),
        "month_day": re.compile(rf"{wd_prefix}\b{mon}\s+(?P<d>\d{{1,2}}){ordinal}(?![\d:])(?:,?\s+{year})?"),
        "day_month": re.compile(
            rf"{wd_prefix}(?<![\d.,])(?:the\s+)?(?P<d>\d{{1,2}}){ordinal}\s+(?:of\s+)?{mon}(?![a-z])(?:,?\s+{year})?"
        ),
        "month_year": re.compile(rf"(?:\b(?P<pre>early|mid|late)[- ]?)?\b{mon},?\s+(?P<y>\d{{4}})(?!\d)"),
        "month_alone": re.compile(
            r"\b(?P<cue>[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Dd]uring|[Tt]hrough|[Bb]efore|[Aa]fter"
            r"|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Mm]id|[Ll]ate)[- ]"
            rf"(?:(?:early|mid|late)[- ])?\b{full_mon}\b(?!\s*\d)"
        ),
        "weekday": re.compile(
            r"(?:\b(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|(?:(?:[Ll]ate|[Ee]arly|[Ll]ater|[Ee]arlier)\s+)?[Oo]n"
            r"|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom)\s+)?"
            rf"\b{wd}\b(?:\s+(?P<part>morning|afternoon|evening|night))?"
        ),
        "relative": re.compile(rf"\b(?P<rel>{_alternation(relative)})\b", re.IGNORECASE),
        "year": re.compile(r"(?<![\d$£€,./-])(?P<y>1[89]\d\d|20\d\d)(?![\d%]|s\b|,\d|\.\d|:\d)"),
    }


# "every Sunday" names no particular day.
_HABITUAL = re.compile(r"\b(?:every|each)\s+$", re.IGNORECASE)
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Za-z .'/-]*,[ \t]*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^)\n]{1,60}\))?\s*[-–—]")


def _weekday_name(day: date) -> str:
    return _WEEKDAY_ABBR[day.weekday()]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, anchor: date) -> int:
    """The year that puts a day+month closest to the anchor, leaning to the past."""
    year = anchor.year
    candidate = _safe_date(year, month, day) or date(year, month, 28)
    if (candidate - anchor).days > FUTURE_LIMIT_DAYS:
        return year - 1
    if (anchor - candidate).days > PAST_LIMIT_DAYS:
        return year + 1
    return year


def _explicit(
    m: re.Match[str], name: str, anchor: date | None, year_hint: int | None
) -> tuple[date | None, str, str]:
    """Resolve an explicit day-month(-year) match: (date, precision, reason)."""
    text = m.group(0)
    months = _tables()[0]
    if name == "iso":
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    elif name == "slash":
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        d, mo = (b, a) if a <= 12 < b else (a, b)
    else:
        mo, d = months[m["mon"]], int(m["d"])
        y = int(m["y"]) if m["y"] else 0
    if y and not YEAR_MIN <= y <= YEAR_MAX:
        return None, "none", f"'{text}' -> year {y} out of range"
    if not y:
        if anchor is not None:
            y = _year_for(mo, d, anchor)
            how = f"year {y} from anchor {anchor.isoformat()}"
        elif year_hint is not None:
            y = year_hint
            how = f"year {y} from the text"
        else:
            return None, "none", f"'{text}' -> no year and no publication date"
    else:
        how = "explicit"
    found = _safe_date(y, mo, d)
    if found is None:
        return None, "none", f"'{text}' -> not a calendar date"
    reason = f"'{text}' -> {found.isoformat()} ({how})"
    if m.groupdict().get("wd"):
        named = _tables()[1][m["wd"]]
        if named != found.weekday():
            reason += f"; note: {found.isoformat()} is a {_weekday_name(found)}, not a {m['wd']}"
    return found, "day", reason


def _weekday(m: re.Match[str], anchor: date | None) -> tuple[date | None, str, str]:
    text = m.group(0)
    target = _tables()[1][m["wd"]]
    if anchor is None:
        return None, "none", f"'{text}' -> no publication date to count from"
    mod = (m["mod"] or "").lower()
    if mod == "next":
        found = anchor + timedelta(days=(target - anchor.weekday()) % 7 or 7)
        how = "the first"
        rel = "after"
    elif mod == "last":
        found = anchor - timedelta(days=(anchor.weekday() - target) % 7 or 7)
        how, rel = "the", "strictly before"
    else:
        found = anchor - timedelta(days=(anchor.weekday() - target) % 7)
        how, rel = "the", "on or before"
    reason = (
        f"'{text}' -> {how} {m['wd']} {rel} anchor {anchor.isoformat()} ({_weekday_name(anchor)})"
        f" = {found.isoformat()}"
    )
    return found, "day", reason


_PERIOD_UNIT = re.compile(r"(?P<kind>week|month|year)(?P<step>[+-]\d+)")


def _shift_period(anchor: date, unit: str) -> str:
    """Name the period a phrase such as 'last month' (unit "month-1") points at, for the reason."""
    m = _PERIOD_UNIT.fullmatch(unit)
    if m is None:
        return unit
    step = int(m["step"])
    if m["kind"] == "month":
        index = anchor.year * 12 + anchor.month - 1 + step
        return f"{index // 12}-{index % 12 + 1:02d}"
    if m["kind"] == "year":
        return str(anchor.year + step)
    monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
    return f"the week of {monday.isoformat()}"


def _relative(m: re.Match[str], anchor: date | None) -> tuple[date | None, str, str, str]:
    """(date, precision, reason, kind) for a phrase of the relative table."""
    text = m.group(0)
    rel = _tables()[2][m["rel"].lower()]
    if rel.offset is not None:
        if anchor is None:
            return None, "none", f"'{text}' -> no publication date to count from", "relative"
        found = anchor + timedelta(days=rel.offset)
        return found, "day", f"'{text}' -> anchor {anchor.isoformat()} {rel.offset:+d} day(s)", "relative"
    period = ""
    if anchor is not None and rel.unit != "-":
        period = f" ({_shift_period(anchor, rel.unit)})"
    return None, rel.precision, f"'{text}' -> a period, not a day{period}", "relative"


def _month_only(m: re.Match[str], name: str, anchor: date | None) -> tuple[date | None, str, str, str]:
    text = m.group(0)
    month = _tables()[0][m["mon"]]
    if name == "month_year":
        y = int(m["y"])
        if not YEAR_MIN <= y <= YEAR_MAX:
            return None, "none", f"'{text}' -> year {y} out of range", "month"
        return None, "month", f"'{text}' -> {y}-{month:02d} (month only)", "month"
    if anchor is None:
        return None, "month", f"'{text}' -> month {month}, year unknown", "month"
    y = _year_for(month, 15, anchor)
    return None, "month", f"'{text}' -> {y}-{month:02d} (month only)", "month"


def _is_dateline(text: str, start: int, end: int) -> bool:
    """True for the date of a wire dateline: 'MOSCOW, June 6 (Global Wire) -'."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(0, line_start - 1) : start]
    return bool(_DATELINE_BEFORE.search(before)) and bool(_DATELINE_AFTER.match(text[end : end + 70]))


def _candidates(text: str, anchor: date | None, year_hint: int | None) -> list[tuple[int, DateMention]]:
    found: list[tuple[int, DateMention]] = []

    def add(m: re.Match[str], when: date | None, precision: str, reason: str, kind: str) -> None:
        mention = DateMention(m.start(), m.end(), m.group(0), when, precision, reason, kind)
        found.append((_PRIORITY[kind], mention))

    for name, pattern in _patterns().items():
        for m in pattern.finditer(text):
            if name in ("iso", "slash", "month_day", "day_month"):
                if name in ("month_day", "day_month") and not 1 <= int(m["d"]) <= 31:
                    continue
                when, precision, reason = _explicit(m, name, anchor, year_hint)
                add(m, when, precision, reason, "explicit")
            elif name == "weekday":
                if _HABITUAL.search(text, 0, m.start()):
                    continue
                add(m, *_weekday(m, anchor), "weekday")
            elif name == "relative":
                add(m, *_relative(m, anchor))
            elif name in ("month_year", "month_alone"):
                add(m, *_month_only(m, name, anchor))
            else:
                add(m, None, "year", f"'{m.group(0)}' -> the year {m['y']} (no day)", "year")
    return found


def find_dates(
    text: str,
    published: date | None,
    *,
    reference: date | None = None,
    year_hint: int | None = None,
) -> list[DateMention]:
    """Find the date expressions of a text and resolve each one.

    Args:
        text: a sentence, paragraph or whole article.
        published: the publication date; anchors relative expressions and yearless dates.
        reference: used as the anchor when `published` is None (a press-release header date).
        year_hint: year for day+month dates when there is no anchor; defaults to `text_year(text)`.

    Returns:
        Non-overlapping mentions in text order; when two expressions overlap, explicit dates win
        over weekdays and relative phrases, which win over months and bare years, then the longer.
    """
    anchor = published or reference
    if anchor is None and year_hint is None and _patterns()["year"].search(text):
        year_hint = text_year(text)
    chosen: list[DateMention] = []
    ranked = sorted(_candidates(text, anchor, year_hint), key=lambda c: (c[0], c[1].start - c[1].end))
    for _, mention in ranked:
        if any(mention.start < other.end and other.start < mention.end for other in chosen):
            continue
        if mention.kind == "explicit" and _is_dateline(text, mention.start, mention.end):
            mention = replace(mention, reason=mention.reason + " (wire dateline)", kind="dateline")
        chosen.append(mention)
    return sorted(chosen, key=lambda mention: mention.start)


def text_year(text: str) -> int | None:
    """The year of the first explicit full date (day, month and year) in a text, if any."""
    for _, mention in sorted(_candidates(text, None, None), key=lambda c: c[1].start):
        if mention.kind == "explicit" and mention.date is not None:
            return mention.date.year
    return None


def resolve_event_date(
    sentence: str,
    published: date | None,
    *,
    sentence_start: int = 0,
    reference: date | None = None,
    year_hint: int | None = None,
) -> DateMention | None:
    """The date expression that best dates an event told in this sentence.

    The first expression of the sentence that is not a wire dateline or a bare year; a bare year
    only when nothing else is there. A mention with `date=None` ("last week") is returned as is:
    it says the event has a date the text does not pin down.

    Args:
        sentence: the sentence text.
        published: publication date of the article (the anchor).
        sentence_start: added to the offsets so that they point into the whole document.
        reference: anchor when `published` is None.
        year_hint: year for yearless dates when there is no anchor (e.g. `text_year(article)`).

    Returns:
        The mention with document offsets, or None when the sentence has no date expression.
    """
    mentions = [
        m
        for m in find_dates(sentence, published, reference=reference, year_hint=year_hint)
        if m.kind != "dateline"
    ]
    if not mentions:
        return None
    best = next((m for m in mentions if m.kind != "year"), mentions[0])
    if sentence_start:
        best = replace(best, start=best.start + sentence_start, end=best.end + sentence_start)
    return best


def header_date(text: str) -> date | None:
    """The full date of a press-release header or dateline in the first lines of a text.

    For "Council of the EU - Press release - 20 October 2022 16:40" or "Issued on 12 Jan. 2022":
    what "today" means in a document without a publication date.
    """
    lines = [line for line in text.splitlines() if line.strip()][:HEADER_LINES]
    # Without an anchor or a year hint only dates that carry their own year resolve.
    for _, mention in sorted(_candidates("\n".join(lines), None, None), key=lambda c: c[1].start):
        if mention.kind == "explicit" and mention.date is not None:
            return mention.date
    return None
