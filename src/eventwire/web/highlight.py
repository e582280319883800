"""An article's text as paragraphs of segments, with each event's evidence sentence marked.

The text is never turned into markup here: a segment is plain text plus the events it is
evidence for, and the template escapes every segment. Scraped pages carry `<script>`; it is
shown, not run.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(slots=True)
class Segment:
    text: str
    events: list[str] = field(default_factory=list)
    """Ids of the events this text is the evidence of; empty for plain text."""
    focus: bool = False
    """The evidence of the event the reader came for."""


def find_evidence(text: str, evidence: str) -> tuple[int, int] | None:
    """Where `evidence` is in `text`: verbatim, else with any run of whitespace for a space."""
    evidence = evidence.strip()
    if not evidence:
        return None
    start = text.find(evidence)
    if start >= 0:
        return start, start + len(evidence)
    pattern = r"\s+".join(re.escape(word) for word in evidence.split())
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None


def _spans(text: str, evidence: Iterable[tuple[str, str]]) -> list[tuple[int, int, list[str]]]:
    """Non-overlapping marked spans, each with every event whose evidence covers it."""
    found: list[tuple[int, int, str]] = []
    for event_id, sentence in evidence:
        span = find_evidence(text, sentence)
        if span is not None:
            found.append((span[0], span[1], event_id))
    cuts = sorted({p for start, end, _ in found for p in (start, end)})
    spans = []
    for start, end in itertools.pairwise(cuts):
        ids = [event_id for s, e, event_id in found if s <= start and end <= e]
        if ids:
            spans.append((start, end, ids))
    return spans


def mark_evidence(
    text: str, evidence: Iterable[tuple[str, str]], focus: str | None = None
) -> list[list[Segment]]:
    """Paragraphs of segments; `evidence` holds (event id, evidence sentence) pairs.

    Returns:
        One list of segments a paragraph, in order; joined they give the paragraph's text.
    """
    segments: list[Segment] = []
    position = 0
    for start, end, ids in _spans(text, evidence):
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], ids, focus is not None and focus in ids))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return _paragraphs(segments)


def _paragraphs(segments: list[Segment]) -> list[list[Segment]]:
    paragraphs: list[list[Segment]] = [[]]
    for segment in segments:
        pieces = PARAGRAPH_BREAK.split(segment.text)
        for i, piece in enumerate(pieces):
            if i > 0:
                paragraphs.append([])
            if piece:
                paragraphs[-1].append(Segment(piece, segment.events, segment.focus))
    return [p for p in paragraphs if p]
