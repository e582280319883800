"""When did an event happen: the date expression of its clause, else the article's lead date.

Conventions (GUIDELINE.md): a date the text pins to a day is kept; "last week", "earlier
this month" and other spans give no date; an event told without a date in its sentence
happened on the day the article's lead is about, unless it is an ongoing or completed
background state ("is backing", "has accused"), which has no date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span, Token

from eventwire.annotate.dates import DateMention, find_dates

BACKGROUND_AUX = frozenset({"has", "have", "'s", "'ve"})
REPORTING_VERBS = frozenset({"say", "tell", "add", "report", "announce", "state", "confirm", "write"})


@dataclass(frozen=True, slots=True)
class EventDate:
    date: date | None
    precision: str | None
    reason: str


def lead_date(sentences: list[str], anchor: date | None, year_hint: int | None) -> DateMention | None:
    """The first day-precise date of the article outside a wire dateline: what the lead is about."""
    for sentence in sentences:
        for mention in find_dates(sentence, anchor, year_hint=year_hint):
            if mention.kind not in ("dateline", "year") and mention.precision == "day" and mention.date:
                return mention
    return None


def is_background(trigger: Token) -> bool:
    """Present perfect or progressive: "has accused", "is backing" state a background, not a day."""
    auxes = [c for c in trigger.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in BACKGROUND_AUX for a in auxes):
        return True
    if any(a.lower_ == "had" for a in auxes):
        # Past perfect is background in narration ("had refused"), but the ordinary
        # back-shift of reported speech ("said both sides had agreed") keeps the lead's day.
        return not (trigger.dep_ == "ccomp" and trigger.head.lemma_.lower() in REPORTING_VERBS)
    return trigger.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes)


def event_date(
    trigger: Token,
    sentence: Span,
    anchor: date | None,
    year_hint: int | None,
    lead: DateMention | None,
    thread: EventDate | None = None,
    published: date | None = None,
) -> EventDate:
    """The date of the event `trigger` states, with the reasoning a reader can check.

    Args:
        thread: the date of the last earlier event with an actor in common, used before the
            lead's date when the sentence has none ("Wang, for his part, urged India ...").
        published: the publication date; a day after it is a plan, not an event date. (The
            anchor may be a press release's header date instead, which does not bound events.)
    """
    mentions = [m for m in find_dates(sentence.text, anchor, year_hint=year_hint) if m.kind != "dateline"]
    if mentions:
        base = sentence.start_char
        clause = list(trigger.subtree)
        lo = min(t.idx for t in clause) - base
        hi = max(t.idx + len(t) for t in clause) - base
        at = trigger.idx - base
        inside = [m for m in mentions if lo <= m.start and m.end <= hi and m.kind != "year"]
        pool = inside or [m for m in mentions if m.kind != "year"] or mentions
        # A resolvable day beats a nearer expression that cannot be pinned ("On Monday, Aug. 21"
        # in an undated release).
        best = min(pool, key=lambda m: (m.date is None, abs(m.start - at)))
        if best.precision == "day" and best.date:
            if published and best.date > published:
                return EventDate(None, None, f"{best.reason}: after publication, so not (yet) an event date")
            return EventDate(best.date, "day", best.reason)
        return EventDate(None, best.precision, best.reason + " (no day: date left empty)")
    if is_background(trigger):
        return EventDate(None, None, "background state (perfect or progressive), no date")
    if thread is not None:
        return thread
    if lead is not None:
        return EventDate(lead.date, "day", f"no date in the sentence: the lead's date, {lead.reason}")
    return EventDate(None, None, "no date in the text")
