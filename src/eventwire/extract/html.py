"""HTML page -> Article: the main text without menus, cookie banners, share bars and comments.

1. Shrink a huge page: drop scripts, styles and comments, then keep the first
   `MAX_EXTRACT_CHARS` characters (trafilatura slows down faster than linearly with size).
2. Parse it once with lxml; a page nested deeper than libxml2 allows is read by the
   streaming fallback instead, since lxml silently drops everything past the limit.
3. trafilatura picks the main text and metadata (comments off, tables kept); its date
   comes from htmldate with the original-date preference and without the text-wide
   search that picks up reader-comment dates.
4. When trafilatura finds nothing, the <p> texts outside page furniture are used.
5. Fields given by the container (feed, JSONL, WARC) win over what the page says.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

import trafilatura
from htmldate import find_date
from lxml import etree
from lxml import html as lxml_html

from eventwire.errors import E, EventwireError
from eventwire.extract._html_fallback import paragraphs_from_tokens
from eventwire.extract.language import UNDETERMINED, language_of
from eventwire.extract.outlet import outlet_from_url
from eventwire.records import Article, RawDocument

log = logging.getLogger(__name__)

MAX_EXTRACT_CHARS = 2_000_000
"""Largest page handed to trafilatura, after scripts and styles are dropped. Its time grows
faster than the page: measured here on pages of short paragraphs, 1 MB takes 1.7 s, 2 MB
3.4 s, 4 MB 10 s, 50 MB over two minutes. Article pages stripped of scripts are far below 1 MB."""
DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%d"}

BULK = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
DATA_URI = re.compile(r"""(["'])data:[^"']{64,}\1""")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
HAS_DOCUMENT = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
DEPTH_ERROR = "Excessive depth"
HEADLINE_WINDOW = 3
"""How many leading paragraphs are checked for a repeat of the headline (a dateline may come first)."""


def extract_html(raw: RawDocument) -> Article:
    """The article in an HTML `RawDocument`.

    Args:
        raw: a document with `format="html"` (a whole page or a fragment from a feed).
    Returns:
        An Article whose text holds paragraphs separated by blank lines.
    Raises:
        EventwireError: E201 when no main text is found, E202 when the HTML cannot be read at all.
    """
    html = _prepare(raw.text, raw.source)
    tree, too_deep = _parse(html)
    paragraphs: list[str] = []
    meta: Any = None
    if tree is not None and not too_deep:
        meta = _trafilatura(tree, raw)
        if meta is not None:
            paragraphs = _body_paragraphs(meta.body)
    title = raw.title or (meta.title if meta is not None else None)
    if not paragraphs:
        try:
            fallback = paragraphs_from_tokens(html)
        except Exception as exc:  # the stdlib tokenizer is our last reader; report, don't crash
            raise EventwireError(E.E202, detail=f"{type(exc).__name__}: {exc}"[:120]) from exc
        paragraphs = fallback.paragraphs
        title = title or fallback.title
    paragraphs = _drop_headline(paragraphs, title)
    if not paragraphs:
        raise EventwireError(E.E201)
    return Article(
        doc_id=raw.doc_id or raw.hash[:16],
        text="\n\n".join(paragraphs),
        title=title,
        outlet=raw.outlet
        or (meta.sitename if meta is not None else None)
        or outlet_from_url(raw.url or (meta.url if meta is not None else None)),
        author=(meta.author if meta is not None else None) or None,
        published=raw.published or _published(meta, html, raw.url, too_deep),
        url=raw.url or (meta.url if meta is not None else None) or None,
        # The page's own lang attribute is often a template default: the text decides.
        language=_detected("\n\n".join(paragraphs)) or _language(tree),
        source=raw.source,
        record=raw.record,
        hash=raw.hash,
    )


def _prepare(text: str, source: str) -> str:
    html = XML_DECLARATION.sub("", text, count=1)
    if len(html) > MAX_EXTRACT_CHARS:
        before = len(html)
        html = DATA_URI.sub('""', BULK.sub("", html))
        if len(html) > MAX_EXTRACT_CHARS:
            cut = html.rfind("<", 0, MAX_EXTRACT_CHARS)
            html = html[: cut if cut > 0 else MAX_EXTRACT_CHARS]
        log.info("%s: page of %d characters cut to %d for extraction", source, before, len(html))
    if not HAS_DOCUMENT.search(html[:10_000]):
        # trafilatura rejects bare fragments (feed item bodies); give them a document.
        html = f"<html><body><div>{html}</div></body></html>"
    return html


def _parse(html: str) -> tuple[Any, bool]:
    """(tree or None, whether libxml2 stopped at its nesting limit)."""
    # A parser per page: lxml parsers keep state (the error log) and are not thread-safe.
    parser = lxml_html.HTMLParser(
        collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True
    )
    try:
        tree = lxml_html.document_fromstring(html, parser=parser)
    except (etree.LxmlError, ValueError, RecursionError) as exc:
        log.debug("lxml could not parse the page: %s", exc)
        return None, False
    too_deep = any(DEPTH_ERROR in entry.message for entry in parser.error_log)
    return tree, too_deep


def _trafilatura(tree: Any, raw: RawDocument) -> Any:
    try:
        return trafilatura.bare_extraction(
            tree,
            url=raw.url,
            include_comments=False,
            include_tables=True,
            include_links=False,
            with_metadata=True,
            date_extraction_params=DATE_PARAMS,
        )
    # trafilatura walks the tree with recursive helpers and many third-party parsers;
    # whatever goes wrong inside it, the fallback reader still gets its turn.
    except (Exception, RecursionError) as exc:
        log.warning("%s: trafilatura failed (%s), using the fallback reader", raw.source, type(exc).__name__)
        return None


def _body_paragraphs(body: Any) -> list[str]:
    if body is None:
        return []
    paragraphs: list[str] = []
    for element in body:
        if element.tag == "list":
            paragraphs.extend(_text(item) for item in element if item.tag == "item")
        elif element.tag == "table":
            rows = [" | ".join(_text(cell) for cell in row) for row in element.iter("row")]
            paragraphs.append("\n".join(row for row in rows if row.strip(" |")))
        elif element.tag != "graphic":
            paragraphs.append(_text(element))
    return [p for p in paragraphs if p]


def _text(element: Any) -> str:
    # trafilatura marks line breaks as <lb/>: without a space the words on either side join.
    for lb in element.iter("lb"):
        lb.tail = " " + (lb.tail or "")
    return " ".join("".join(element.itertext()).split())


def _drop_headline(paragraphs: list[str], title: str | None) -> list[str]:
    """The headline repeated near the top of the body is the title, not body text."""
    if not title:
        return paragraphs
    headline = " ".join(title.split()).casefold()
    for index, paragraph in enumerate(paragraphs[:HEADLINE_WINDOW]):
        if paragraph.casefold() == headline:
            return paragraphs[:index] + paragraphs[index + 1 :]
    return paragraphs


def _published(meta: Any, html: str, url: str | None, too_deep: bool) -> date | None:
    found = meta.date if meta is not None else None
    if not found and (meta is None or too_deep):
        try:
            found = find_date(html, url=url, **DATE_PARAMS)
        except Exception as exc:  # htmldate on hostile markup: a missing date is not worth a failure
            log.debug("htmldate failed: %s", exc)
            found = None
    try:
        return date.fromisoformat(found) if found else None
    except ValueError:
        return None


def _detected(text: str) -> str | None:
    language = language_of(text)
    return None if language == UNDETERMINED else language


def _language(tree: Any) -> str | None:
    if tree is None:
        return None
    lang = (tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    return lang.split("-")[0].lower() or None
