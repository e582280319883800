"""Last-resort HTML reading: the text of <p> elements, found by a streaming tokenizer.

Used when trafilatura finds nothing or when lxml cannot build the whole tree (libxml2 stops
at 256 levels of nesting and drops the rest). The stdlib tokenizer keeps no tree and never
recurses, so depth and broken markup cost it nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose text is never article text.
SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "nav", "header", "footer",
        "aside", "form", "button", "select", "textarea", "iframe", "object", "figcaption",
    }
)  # fmt: skip
# class/id words of page furniture: cookie banners, share bars, comments, menus, promos.
FURNITURE = re.compile(
    r"comment|cookie|consent|gdpr|share|social|newsletter|related|promo|advert|\bads?\b|banner|"
    r"menu|\bnav|footer|subscri|popup|modal|breadcrumb|sidebar|reply|captcha|paywall|signup",
    re.IGNORECASE,
)
VOID_TAGS = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    }
)  # fmt: skip
# A new block closes an open <p>, as in the HTML parsing rules.
BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "ul", "ol", "li", "table", "blockquote", "pre",
        "h1", "h2", "h3", "h4", "h5", "h6", "dl", "figure", "main",
    }
)  # fmt: skip
END_TAG_SEARCH = 64
"""How far up the open-element stack an end tag is matched; stray end tags cost no more than this."""


@dataclass(slots=True)
class FallbackText:
    """What the tokenizer found."""

    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = FallbackText()
        self._stack: list[tuple[str, bool]] = []  # (tag, inside furniture)
        self._para: list[str] | None = None
        self._title: list[str] | None = None
        self._h1: list[str] | None = None
        self._h1_text: str | None = None

    @property
    def _skipping(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            if tag == "br" and self._para is not None:
                self._para.append(" ")
            return
        if tag in BLOCK_TAGS and self._para is not None:
            self._flush()
        marks = " ".join(value or "" for name, value in attrs if name in ("class", "id", "role"))
        skip = self._skipping or tag in SKIP_TAGS or bool(marks and FURNITURE.search(marks))
        self._stack.append((tag, skip))
        if tag == "p" and not skip:
            self._para = []
        elif tag == "title" and self.found.title is None:
            self._title = []
        elif tag == "h1" and self._h1_text is None and not skip:
            self._h1 = []

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, max(-1, len(self._stack) - 1 - END_TAG_SEARCH), -1):
            if self._stack[depth][0] == tag:
                del self._stack[depth:]
                break
        if tag == "p" and self._para is not None:
            self._flush()
        elif tag == "title" and self._title is not None:
            self.found.title = _clean("".join(self._title)) or None
            self._title = None
        elif tag == "h1" and self._h1 is not None:
            self._h1_text = _clean("".join(self._h1)) or None
            self._h1 = None

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        if self._h1 is not None:
            self._h1.append(data)
        if self._para is not None and not self._skipping:
            self._para.append(data)

    def _flush(self) -> None:
        text = _clean("".join(self._para or []))
        if text:
            self.found.paragraphs.append(text)
        self._para = None

    def finish(self) -> FallbackText:
        self.close()
        if self._para is not None:
            self._flush()
        # An article page's <h1> is its headline; <title> often carries the site name too.
        if self._h1_text:
            self.found.title = self._h1_text
        return self.found


def _clean(text: str) -> str:
    return " ".join(text.split())


def paragraphs_from_tokens(html: str) -> FallbackText:
    """The <p> texts outside page furniture, and the page title, read without building a tree."""
    collector = _Collector()
    collector.feed(html)
    return collector.finish()
