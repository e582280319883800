"""Clean article text out of already-scraped page text (`RawDocument.format == "text"`).

Scrapers save the whole page: menus, share rows, cookie banners, the article, reader
comments, CAPTCHA text and footers. Our line classifier keeps the article, reading the
page's structure first and English cue words only second, so pages in any language are
cleaned:

1. Measure each line alone (`_scraped_features`): length (scripts without spaces counted
   by letters), sentence ending in any script, share of lower-case words, headline shape,
   and the furniture cue patterns of `data/extract/scraped_cues.toml`.
2. Mark menus (runs of short lines) and datelines (`dateline.line_date`).
3. Find the article's block (`_scraped_layout.best_block`): the heaviest run of lines when
   prose weighs its length and every other line costs a little (a date line a lot, so runs
   of dated teaser cards and comments lose), looked for above the copyright line once an
   article-sized block is seen. The article starts at its first prose paragraph.
4. Walk the page from there with a small state machine: prose is article; a comment-section
   header or a copyright footer closes the article for good (unless several times more
   prose follows a short start: then it was a caption's "©" or a share row's "Comment");
   a "Related stories" header drops the link list under it until prose resumes; furniture
   lines drop one by one; past the block's end only prose close under the last paragraph
   stays.
5. Short lines between paragraphs stay when they read as sentences, list items or
   subheadings; after the last paragraph only sentences stay.
6. The title is the headline-like line just above the article; captions and standfirst
   sentences between it and the first paragraph stay.
7. A kept line that repeats an earlier one (a second copy of the article) is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from eventwire.errors import E, EventwireError
from eventwire.extract._scraped_cues import load_cues
from eventwire.extract._scraped_features import LineFeatures, line_features
from eventwire.extract._scraped_layout import (
    ARTICLE_MIN_MASS,
    best_block,
    block_mass,
    body_start,
    logical_lines,
    menu_lines,
    next_nonblank,
    previous_nonblank,
    title_line,
)
from eventwire.extract.dateline import find_dateline_date, line_date
from eventwire.extract.language import language_of
from eventwire.extract.outlet import outlet_from_lines, outlet_from_url
from eventwire.records import Article, RawDocument

__all__ = ["TEXT_KINDS", "LineLabel", "classify_lines", "extract_scraped"]

TEXT_KINDS = frozenset({"body", "subhead", "caption"})
"""Kinds of kept lines that make up `Article.text` (the title is kept but stored apart)."""

# A caption cue on a line this short is a bare photo credit ("UN Photo/Jane Doe").
BARE_CREDIT_MAX_WORDS = 4
# A subheading between paragraphs is at most this long.
SUBHEAD_MAX_WORDS = 12
# Under a title, a headline-shaped line this long with this share of function words is a
# standfirst ("Army says buffer zone will be monitored"); shorter or barer ones are labels.
STANDFIRST_MIN_WORDS = 6
STANDFIRST_MIN_STOPWORDS = 0.15
# In a link list, prose this long is the article resuming, unless it is a teaser.
LIST_EXIT_WORDS = 12
# Between paragraphs, an unended line this long with this share of lower-case words is a
# list item (headlines and menu items are capitalised, or shorter).
LIST_ITEM_MIN_WORDS = 4
LIST_ITEM_MIN_LOWER = 0.5
# A closing cue under less than an article's worth of prose ends it unless this many times
# more prose follows (the cue was a caption's "©" or a share row's "Comment").
CLOSE_OUTWEIGH = 4
# Past the heaviest block, prose this many furniture lines or fewer under the last paragraph
# (a newsletter box, a poll) still belongs to the article; farther down it is another text.
TAIL_GAP_LINES = 6
# Kinds whose lines may sit inside the article's last sentences without ending it.
_TAIL_TRANSPARENT = frozenset({"ad"})
_KIND_NAMES = {"footer_end": "footer", "related_header": "related", "bio": "byline"}
_BYLINE = re.compile(r"^(?:by|written by|words by)\s*:?\s+(?P<name>[^|,•·]+)", re.IGNORECASE)


@dataclass(slots=True)
class LineLabel:
    """The classifier's decision on one page line."""

    text: str
    """The line as given."""
    keep: bool
    """True for article lines: title, body paragraphs, subheadings, captions."""
    kind: str
    """title, dateline, byline, body, subhead, caption, nav, share, cookie, captcha,
    comments (a comment-section header), comment, footer, credit, related, ad, subscribe,
    tags, contact, meta, repeat (a second copy of a kept line), blank or other."""


def _subhead(line: LineFeatures) -> bool:
    """A heading between paragraphs: short, capitalised, no final stop."""
    return line.words <= SUBHEAD_MAX_WORDS and line.text[:1].isupper() and not line.text.endswith(".")


def _standfirst(line: LineFeatures) -> bool:
    """A summary under the title that lacks a final stop: prose, or a long headline."""
    return line.prose or (
        line.headline and line.words >= STANDFIRST_MIN_WORDS and line.stop_share >= STANDFIRST_MIN_STOPWORDS
    )


class _Walk:
    """The state machine of step 4: article, link list, closed."""

    def __init__(self, features: Sequence[LineFeatures], menu: set[int], dated: set[int]) -> None:
        self.features = features
        self.menu = menu
        self.dated = dated
        self.kinds: list[str | None] = [None] * len(features)
        self.last_body: int | None = None

    def drop_kind(self, index: int) -> str:
        line = self.features[index]
        if line.cue:
            return _KIND_NAMES.get(line.cue, line.cue)
        if index in self.dated:
            return "dateline"
        return "nav" if index in self.menu else "other"

    def _list_resumes(self, index: int) -> bool:
        """Prose under a link list is the article again, unless it is a teaser or a blurb.

        Two paragraphs in a row are the article; one long paragraph is, unless it sits
        right under a list item (its teaser) or under the list header (the list's blurb,
        such as an author's bio under "About the author").
        """
        line = self.features[index]
        after = next_nonblank(self.features, index)
        if after is not None and self.features[after].prose and self.features[after].cue is None:
            return True
        above = previous_nonblank(self.features, index)
        if above is None:
            return False
        over = self.features[above]
        teaser = (over.headline and not over.prose) or (
            self.kinds[above] == "related" and over.cue is not None
        )
        return line.words >= LIST_EXIT_WORDS and not teaser

    def _closes(self, start: int, index: int) -> bool:
        """A comment header or copyright line ends the article unless more article follows.

        Cue words also turn up in captions ("(Image: © ...)") and share rows ("Comment"); a
        block of prose after one that outweighs a short article so far several times shows it
        was not the end (after a long one, or a short one, it is the comment thread).
        """
        before = block_mass(self.features, self.dated, start, index - 1)
        if before >= ARTICLE_MIN_MASS:
            return True
        return best_block(self.features, self.dated, index + 1)[2] <= before * CLOSE_OUTWEIGH

    def _far_from_body(self, index: int) -> bool:
        last = self.last_body if self.last_body is not None else index
        between = sum(1 for i in range(last + 1, index) if not self.features[i].blank)
        return between > TAIL_GAP_LINES

    def run(self, start: int, end: int) -> None:
        """Label lines from `start` on; the article ends at `end` at the latest."""
        state = "article"
        closed_kind = "footer"
        for index in range(start, len(self.features)):
            line = self.features[index]
            if line.blank:
                self.kinds[index] = "blank"
                continue
            if index > end and state != "closed" and self._far_from_body(index):
                state = "closed"
            if state == "closed":
                self.kinds[index] = self.drop_kind(index) if line.cue else closed_kind
                continue
            cue = line.cue
            if line.caption and line.words > BARE_CREDIT_MAX_WORDS and state == "article":
                self.kinds[index] = "caption"
                continue
            if cue in load_cues().closing and self._closes(start, index):
                state = "closed"
                closed_kind = "comment" if cue == "comments" else "footer"
                self.kinds[index] = self.drop_kind(index)
                continue
            if cue in load_cues().lists:
                state = "list"
                self.kinds[index] = "related"
                continue
            if cue or index in self.dated:
                self.kinds[index] = self.drop_kind(index)
                continue
            if state == "list":
                if not (line.prose and self._list_resumes(index)):
                    self.kinds[index] = "related"
                    continue
                state = "article"
            # The start line is body even when short: it is the page's only sentence then.
            if (line.prose and index not in self.menu) or index == start:
                self.kinds[index] = "body"
                self.last_body = index
        self._settle_short_lines(start)

    def _item_shaped(self, index: int | None) -> bool:
        if index is None or index in self.dated:
            return False
        line = self.features[index]
        wordy = line.words >= LIST_ITEM_MIN_WORDS and line.lower_share >= LIST_ITEM_MIN_LOWER
        return line.cue is None and wordy

    def _list_item(self, index: int) -> bool:
        """An item of a list in the article: worded like a sentence but unended, under a line
        that announces it (ends in ":") or beside other such items (menus and teaser lists
        are capitalised or short)."""
        if not self._item_shaped(index):
            return False
        before = previous_nonblank(self.features, index)
        if before is not None and self.features[before].text.endswith(":"):
            return True
        return self._item_shaped(before) or self._item_shaped(next_nonblank(self.features, index))

    def _settle_short_lines(self, start: int) -> None:
        """Step 5: decide the short lines the walk left open."""
        end = self.last_body if self.last_body is not None else start
        for index in range(start, end):
            if self.kinds[index] is not None:
                continue
            line = self.features[index]
            after = next_nonblank(self.features, index)
            before_body = after is not None and self.kinds[after] in ("body", "caption")
            before = previous_nonblank(self.features, index)
            between_body = before_body and before is not None and self.kinds[before] in TEXT_KINDS
            if (line.sentence or line.clause or self._list_item(index)) and index not in self.menu:
                self.kinds[index] = "body"
            elif _subhead(line) and between_body and index not in self.menu:
                self.kinds[index] = "subhead"
            else:
                self.kinds[index] = self.drop_kind(index)
        tail_open = True
        for index in range(end + 1, len(self.features)):
            if self.kinds[index] in ("blank", *_TAIL_TRANSPARENT):
                continue
            line = self.features[index]
            sentence = line.sentence or line.clause
            if self.kinds[index] is None and tail_open and sentence and index not in self.menu:
                self.kinds[index] = "body"
                continue
            tail_open = False
            if self.kinds[index] is None:
                self.kinds[index] = self.drop_kind(index)


def _settle_head(
    features: Sequence[LineFeatures], kinds: list[str | None], start: int, title: int | None, walk: _Walk
) -> None:
    """Step 6: lines above the first paragraph: title, captions, standfirst, furniture."""
    for index in range(start):
        line = features[index]
        if line.blank:
            kinds[index] = "blank"
        elif index == title or (title is not None and line.text == features[title].text):
            kinds[index] = "title"
        else:
            kinds[index] = walk.drop_kind(index)
    # Above the first paragraph, sentences and captions belong to the article only when
    # they sit between the title and it (or, with no title, right above it).
    lowest = title if title is not None else -1
    for index in range(start - 1, lowest, -1):
        line = features[index]
        if line.blank or kinds[index] == "title":
            continue
        plain = line.cue is None and index not in walk.dated and index not in walk.menu
        if line.caption and line.words > BARE_CREDIT_MAX_WORDS:
            kinds[index] = "caption"
        elif plain and (line.sentence or (title is not None and _standfirst(line))):
            kinds[index] = "body"
        elif title is None:
            break


def _classify(text: str) -> tuple[list[str], list[list[int]], list[str], list[str]]:
    """Classify logical lines.

    Returns:
        The page lines, the logical-line groups of line indices, each group's text and
        each group's kind.
    """
    raw_lines = text.splitlines()
    groups = logical_lines(raw_lines)
    texts = [" ".join(raw_lines[i].strip() for i in group) for group in groups]
    cues = load_cues()
    features = [line_features(unit, cues) for unit in texts]
    menu = menu_lines(features)
    dated = {i for i, line in enumerate(features) if line.cue is None and line_date(line.text)}
    start = body_start(features, menu, dated)
    walk = _Walk(features, menu, dated)
    if start is None:
        kinds: list[str | None] = [
            "blank" if line.blank else walk.drop_kind(i) for i, line in enumerate(features)
        ]
    else:
        # Prose cut off from the article by more furniture than it weighs is another text
        # (a help-desk notice, a teaser far down the page): the heaviest block's end is the
        # article's end at the latest.
        walk.run(start, max(start, best_block(features, dated, start, stop_at_footer=True)[1]))
        kinds = walk.kinds
        title = title_line(features, start, menu, dated)
        _settle_head(features, kinds, start, title, walk)
    return raw_lines, groups, texts, _drop_repeats(features, [kind or "other" for kind in kinds])


def _drop_repeats(features: Sequence[LineFeatures], kinds: list[str]) -> list[str]:
    """A kept line that repeats an earlier kept line is a second copy of the article (an AMP
    or print version in the same page), or a teaser quoting it: the first copy stays."""
    seen: set[str] = set()
    for index, kind in enumerate(kinds):
        if kind not in TEXT_KINDS:
            continue
        if features[index].text in seen:
            kinds[index] = "repeat"
        seen.add(features[index].text)
    return kinds


def classify_lines(text: str) -> list[LineLabel]:
    """Label every line of a scraped page as article text or a kind of furniture.

    Lines of a hard-wrapped paragraph are judged together and share one label.

    Args:
        text: the page text, one paragraph or page element a line.

    Returns:
        One `LineLabel` a line of `text.splitlines()`, in order.
    """
    raw_lines, groups, _, kinds = _classify(text)
    labels: list[LineLabel] = []
    for group, kind in zip(groups, kinds, strict=True):
        keep = kind in TEXT_KINDS or kind == "title"
        labels.extend(LineLabel(text=raw_lines[i], keep=keep, kind=kind) for i in group)
    return labels


def _author(texts: Sequence[str], kinds: Sequence[str]) -> str | None:
    for text, kind in zip(texts, kinds, strict=True):
        if kind == "byline" and (match := _BYLINE.match(text.strip())):
            return match.group("name").strip() or None
    return None


def extract_scraped(raw: RawDocument) -> Article:
    """The article inside a scraped page, without the page's furniture.

    Args:
        raw: a document with `format="text"`.

    Returns:
        The article: body paragraphs joined by blank lines, the title, the dateline's
        publication date (unless `raw.published` gives one) and the byline's author.

    Raises:
        EventwireError: E201 when no article text remains.
    """
    raw_lines, groups, texts, kinds = _classify(raw.text)
    paragraphs = [" ".join(t.split()) for t, kind in zip(texts, kinds, strict=True) if kind in TEXT_KINDS]
    if not paragraphs:
        raise EventwireError(E.E201)
    titles = [t for t, kind in zip(texts, kinds, strict=True) if kind == "title"]
    first_kept = next(
        g[0] for g, kind in zip(groups, kinds, strict=True) if kind in TEXT_KINDS or kind == "title"
    )
    published = raw.published or find_dateline_date(raw_lines, anchor=first_kept)
    text = "\n\n".join(paragraphs)
    return Article(
        doc_id=raw.doc_id or raw.hash[:16],
        text=text,
        title=raw.title or (" ".join(titles[0].split()) if titles else None),
        outlet=raw.outlet or outlet_from_lines(texts, kinds) or outlet_from_url(raw.url),
        author=_author(texts, kinds),
        published=published,
        url=raw.url,
        language=language_of(text),
        source=raw.source,
        record=raw.record,
        hash=raw.hash,
    )
