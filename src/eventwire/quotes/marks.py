"""Find quotations in plain text by their marks, before any parsing.

Double marks (“ ” " « ») are read first; single marks (‘ ’ ') only outside them, so that single
quotes inside a double-quoted passage stay part of its text. An apostrophe between letters
(don't, Russia’s) is never a mark.

A quotation runs from its opening mark to the matching closing mark. News style opens every
paragraph of a long quotation again and closes only the last one: an opening mark left unclosed at
the end of a paragraph continues when the next paragraph starts with an opening mark; otherwise it
is dropped as a stray mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Marked", "find_marked"]

MAX_SINGLE_QUOTE_CHARS = 600
"""Single-quoted passages longer than this are taken for apostrophes that happened to pair up."""

_OPENERS = {"“": "double", "«": "double", "‘": "single"}
_CLOSERS = {"”": "double", "»": "double", "’": "single"}
_STRAIGHT = {'"': "double", "'": "single"}
_PARAGRAPH = re.compile(r"\n")
# The characters of each style, found by one regex scan rather than a look at every character.
_ALL_MARKS = _OPENERS | _CLOSERS | _STRAIGHT
_MARK_CHARS = {
    style: re.compile("[" + re.escape("".join(c for c, s in _ALL_MARKS.items() if s == style)) + "]")
    for style in ("double", "single")
}
_WORDISH = re.compile(r"[\w]")


@dataclass(frozen=True, slots=True)
class Marked:
    """One quotation: the character ranges of its text (inside the marks), in order.

    A quotation continued over paragraphs has one part per paragraph. `open_at` is the offset of
    the first opening mark, `close_at` of the last closing mark.
    """

    parts: tuple[tuple[int, int], ...]
    open_at: int
    close_at: int
    style: str

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    def text(self, source: str) -> str:
        """The words inside the marks, parts joined by a space, whitespace runs collapsed."""
        return " ".join(" ".join(source[a:b].split()) for a, b in self.parts if source[a:b].strip())


def _role(text: str, i: int, style: str) -> str | None:
    """'open', 'close', 'either' or None (not a mark: an apostrophe) for the mark at i."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in _OPENERS:
        return "open"
    if ch in _CLOSERS:
        if style == "single" and _WORDISH.match(prev) and _WORDISH.match(nxt):
            return None
        return "close"
    # A straight mark: decided by the characters around it.
    if style == "single" and _WORDISH.match(prev) and _WORDISH.match(nxt):
        return None
    opens = (prev.isspace() or prev in "([{—–-/") and not nxt.isspace()
    closes = not prev.isspace() and (nxt.isspace() or not _WORDISH.match(nxt))
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return None if style == "single" else "either"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
    ends = [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]
    return list(zip(starts, ends, strict=True))


def _scan(text: str, style: str, blocked: list[tuple[int, int]]) -> list[Marked]:
    found: list[Marked] = []
    carried: list[tuple[int, int]] = []  # parts of a quotation still open at the last paragraph end
    open_at = -1
    for par_start, par_end in _paragraphs(text):
        if not text[par_start:par_end].strip():
            continue
        marks = [
            (i, role)
            for i in (m.start() for m in _MARK_CHARS[style].finditer(text, par_start, par_end))
            if not any(a <= i < b for a, b in blocked) and (role := _role(text, i, style)) is not None
        ]
        first_char = par_start + len(text[par_start:par_end]) - len(text[par_start:par_end].lstrip())
        parts: list[tuple[int, int]] = []
        part_start = -1
        if carried and marks and marks[0][0] == first_char and marks[0][1] in ("open", "either"):
            parts, part_start = carried, first_char + 1
            marks = marks[1:]
        carried = []
        for i, role in marks:
            if part_start < 0:
                if role in ("open", "either"):
                    open_at, part_start = i, i + 1
                continue
            if role == "open":
                # A second opener before any closer: the first one was stray.
                parts, open_at, part_start = [], i, i + 1
                continue
            parts.append((part_start, i))
            if style != "single" or i - open_at <= MAX_SINGLE_QUOTE_CHARS:
                found.append(Marked(tuple(parts), open_at, i, style))
            parts, part_start = [], -1
        if part_start >= 0:
            carried = [*parts, (part_start, par_end)]
    return found


def find_marked(text: str) -> list[Marked]:
    """All quotations of a text, in text order.

    Args:
        text: the article text (paragraphs separated by newlines).

    Returns:
        Quotations with the character ranges of their words; empty passages are left out.
    """
    doubles = [m for m in _scan(text, "double", []) if m.text(text)]
    blocked = [(m.open_at, m.close_at + 1) for m in doubles]
    singles = [m for m in _scan(text, "single", blocked) if m.text(text)]
    return sorted(doubles + singles, key=lambda m: m.open_at)
