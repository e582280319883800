"""Page-layout passes of the scraped-text classifier: menus, where the article starts, title.

These look at runs and neighbours of lines, where `_scraped_features` looks at one line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from eventwire.extract._scraped_cues import load_cues
from eventwire.extract._scraped_features import LineFeatures

__all__ = [
    "best_block",
    "block_mass",
    "body_start",
    "logical_lines",
    "menu_lines",
    "next_nonblank",
    "previous_nonblank",
    "title_line",
]

# A line of a hard-wrapped paragraph has at least this many words.
WRAP_MIN_WORDS = 6
_CLOSED_END = re.compile(r"[.!?:;*\"”’)\]]\s*$")

# Consecutive short lines (no blank between) this many or more are a menu.
MENU_MIN_RUN = 3
MENU_ITEM_MAX_WORDS = 5
# Menus printed one item a paragraph: very short lines with only blanks between.
SPACED_MENU_MIN_RUN = 4
SPACED_MENU_ITEM_MAX_WORDS = 2
# The article starts at a prose line this long, or one with more prose close after it;
# a lone short prose line before that is a site blurb.
BODY_START_MIN_WORDS = 20
BODY_START_LOOKAHEAD = 4
# The article is the page's heaviest block: prose lines weigh their length in characters,
# every other non-blank line costs this much (a menu of twenty items outweighs a paragraph,
# a caption or a subheading between two paragraphs does not).
GAP_COST = 50
# A date line costs a paragraph: an article has one, at its head, while cards that repeat
# headline, author, date and summary (teasers, reader comments) have one each.
DATED_COST = 300
# A block this heavy (in characters of prose) is an article: closing cues after it are its end.
ARTICLE_MIN_MASS = 600
# The title is at most this many non-blank lines above the article's first paragraph.
TITLE_WINDOW = 8
# Lines that may sit between a title and its standfirst or a duplicate of the title.
_HEADER_CUES = frozenset({"byline", "meta", "credit"})
# Headlines this long are full titles; shorter ones may be section labels.
TITLE_FULL_WORDS = 5
# A menu-run line is a title only if it is this long (short titles under a menu are rare).
TITLE_IN_MENU_MIN_WORDS = 5


def _continues(previous: str, line: str) -> bool:
    """Whether `line` carries on the sentence of the line above it (hard-wrapped text)."""
    words = previous.split()
    if len(words) < WRAP_MIN_WORDS or not line.strip() or _CLOSED_END.search(previous):
        return False
    last = words[-1]
    open_end = last.endswith(",") or (last.islower() and last in load_cues().stopwords)
    return open_end or line.strip()[:1].islower()


def logical_lines(lines: Sequence[str]) -> list[list[int]]:
    """Group page lines into logical lines: a hard-wrapped paragraph becomes one group.

    Returns:
        Groups of consecutive line indices covering every line once, in order.
    """
    groups: list[list[int]] = []
    for index, line in enumerate(lines):
        if groups and index > 0 and _continues(lines[index - 1], line):
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def next_nonblank(features: Sequence[LineFeatures], index: int) -> int | None:
    """Index of the first non-blank line after `index`, or None."""
    return next((i for i in range(index + 1, len(features)) if not features[i].blank), None)


def previous_nonblank(features: Sequence[LineFeatures], index: int) -> int | None:
    """Index of the last non-blank line before `index`, or None."""
    return next((i for i in range(index - 1, -1, -1) if not features[i].blank), None)


def _menu_item(line: LineFeatures, max_words: int) -> bool:
    return not line.blank and line.words <= max_words and not line.sentence and not line.prose


def menu_lines(features: Sequence[LineFeatures]) -> set[int]:
    """Lines that sit in a run of menu-like short lines.

    Returns:
        Indices of lines in a run of at least `MENU_MIN_RUN` adjacent short lines, or of
        `SPACED_MENU_MIN_RUN` one- or two-word lines separated only by blank lines.
    """
    found: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*features, None]):
        if line is not None and _menu_item(line, MENU_ITEM_MAX_WORDS):
            run.append(index)
            continue
        if len(run) >= MENU_MIN_RUN:
            found.update(run)
        run = []
    spaced: list[int] = []
    for index, line in enumerate([*features, None]):
        if line is not None and line.blank:
            continue
        if line is not None and _menu_item(line, SPACED_MENU_ITEM_MAX_WORDS):
            spaced.append(index)
            continue
        if len(spaced) >= SPACED_MENU_MIN_RUN:
            found.update(spaced)
        spaced = []
    return found


def _weight(line: LineFeatures, dated: bool) -> int:
    if line.blank:
        return 0
    if dated:
        return -DATED_COST
    if line.prose and line.cue is None:
        return len(line.text)
    return -GAP_COST


def best_block(
    features: Sequence[LineFeatures], dated: set[int], lo: int = 0, *, stop_at_footer: bool = False
) -> tuple[int, int, int]:
    """The heaviest run of lines from `lo` on (maximum-sum segment of the line weights).

    Args:
        features: the page's lines.
        dated: indices of dateline lines.
        lo: where to start looking.
        stop_at_footer: stop at the first closing cue (a copyright line) once an article-sized
            block has been seen: the legal notices and cookie texts under it are prose too.

    Returns:
        (first, last, mass): the run's first and last line and its weight; mass 0 when the
        page has no prose from `lo` on.
    """
    best = (lo, lo - 1, 0)
    total, first = 0, lo
    closing = load_cues().closing
    for index in range(lo, len(features)):
        if stop_at_footer and features[index].cue in closing and best[2] >= ARTICLE_MIN_MASS:
            break
        if total <= 0:
            total, first = 0, index
        total += _weight(features[index], index in dated)
        if total > best[2]:
            best = (first, index, total)
    return best


def block_mass(features: Sequence[LineFeatures], dated: set[int], lo: int, hi: int) -> int:
    """The summed weight of lines `lo` to `hi` (inclusive)."""
    return sum(_weight(features[i], i in dated) for i in range(lo, hi + 1))


def _candidate(line: LineFeatures, menu: bool) -> bool:
    # A long headline has the length and function words of prose but no final stop, so
    # the article may start only at a sentence, a caption or a paragraph-long line.
    opens = line.sentence or line.caption or line.words >= BODY_START_MIN_WORDS
    return line.cue is None and line.prose and opens and not (menu and not line.caption)


def body_start(features: Sequence[LineFeatures], menu: set[int], dated: set[int]) -> int | None:
    """Index of the article's first paragraph (or caption), or None when there is no sentence.

    Args:
        features: the page's lines.
        menu: indices of menu lines.
        dated: indices of dateline lines.
    """
    first, last, _ = best_block(features, dated, stop_at_footer=True)
    candidates = [
        i for i in range(first, last + 1) if _candidate(features[i], i in menu) and i not in dated
    ]
    for position, index in enumerate(candidates):
        if features[index].words >= BODY_START_MIN_WORDS:
            return index
        later = candidates[position + 1] if position + 1 < len(candidates) else None
        if later is not None:
            between = [i for i in range(index + 1, later) if not features[i].blank]
            # A headline between two short prose lines means the first is above the title.
            titled = any(
                features[i].headline and not features[i].sentence and i not in dated for i in between
            )
            if len(between) < BODY_START_LOOKAHEAD and not titled:
                return index
    if candidates:
        return candidates[0]
    # A page of a few short sentences ("Turkey closed its border.") still has an article.
    return next(
        (i for i, line in enumerate(features) if line.sentence and line.cue is None and i not in menu),
        None,
    )


def title_line(features: Sequence[LineFeatures], start: int, menu: set[int], dated: set[int]) -> int | None:
    """Index of the headline above the article's first paragraph, or None.

    Walks up from `start` over datelines, bylines, furniture, captions and standfirst
    sentences to the nearest full-length headline (a short one first met, such as the
    section label "Peace and Security", gives way to a full-length one higher up). A
    standfirst without a final stop looks like a headline and sits under its title, so a
    full-length headline right above the find (or above a find that reads as prose)
    replaces it.
    """
    found: list[int] = []
    index = start
    for _ in range(TITLE_WINDOW):
        above = previous_nonblank(features, index)
        if above is None:
            break
        index = above
        line = features[index]
        headline = line.headline and not line.sentence and not line.caption and index not in dated
        if headline and (index not in menu or line.words >= TITLE_IN_MENU_MIN_WORDS):
            found.append(index)
        elif found and not (index in dated or line.cue in _HEADER_CUES):
            break
    full = [i for i in found if features[i].words >= TITLE_FULL_WORDS]
    if not full:
        return found[0] if found else None
    title = full[0]
    for higher in full[1:]:
        adjacent = higher == title - 1
        if not (adjacent or features[title].prose):
            break
        title = higher
    return title
