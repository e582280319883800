"""A source's body -> the items it lists: RSS/Atom feeds (feedparser), XML sitemaps, news
sitemaps and sitemap indexes (lxml), and plain-text sitemaps (one URL a line).

Sitemaps are read with lxml directly rather than trafilatura's sitemap helper, which recovers
silently from broken XML (we report it, E804) and drops the `news:publication_date` and
`news:title` of news sitemaps, which we keep.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import feedparser
from lxml import etree

from eventwire.errors import E, EventwireError
from eventwire.ingest import parse_date
from eventwire.ingest.feeds import entry_date, entry_text
from eventwire.records import content_hash
from eventwire.watch.sources import is_web_url, normalise_url

SNIFF_BYTES = 2048
"""How much of the start of a body tells a sitemap from a feed."""
MAX_LISTED = 50_000
"""Most URLs a sitemap may hold (the sitemaps protocol's own limit)."""

ListingKind = Literal["feed", "sitemap", "sitemap index"]


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a feed or a sitemap."""

    key: str
    """Its identity: the normalised link, else the feed's id for it."""
    url: str | None
    """The normalised link to the article page, if it has one."""
    title: str | None = None
    published: date | None = None
    text: str | None = None
    """The feed's own content or summary (None for sitemaps)."""


@dataclass(slots=True)
class Listing:
    kind: ListingKind
    title: str | None = None
    """A feed's title (the outlet, when the source names none)."""
    items: list[Item] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    """The child sitemaps of a sitemap index, newest first when they say when they changed."""


def parse_listing(data: bytes, url: str) -> Listing:
    """What a feed or sitemap at `url` lists.

    Raises:
        EventwireError: E804 for malformed XML, E813 for a body that is neither a feed nor a sitemap.
    """
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"<urlset" in head or b"<sitemapindex" in head:
        return _sitemap(data, url)
    if head.startswith((b"http://", b"https://")):
        return _text_sitemap(data)
    return _feed(data, url, looks_like_xml=head.startswith(b"<"))


def _one_line(value: object) -> str:
    return " ".join(str(value or "unreadable XML").split())[:160]


def _feed(data: bytes, url: str, *, looks_like_xml: bool) -> Listing:
    # A file object, never bytes or a string: feedparser would fetch anything that looks like a URL.
    try:
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser is meant never to raise; hostile input is still just "not a feed"
        raise EventwireError(E.E813, url=url, detail=_one_line(exc)) from exc
    if not parsed.entries:
        if parsed.bozo and looks_like_xml:
            raise EventwireError(E.E804, url=url, detail=_one_line(parsed.get("bozo_exception")))
        if not parsed.version:
            raise EventwireError(E.E813, url=url, detail="neither RSS, Atom nor a sitemap")
    listing = Listing(kind="feed", title=parsed.feed.get("title") or None)
    for entry in parsed.entries:
        item = _feed_item(entry, url)
        if item is not None:
            listing.items.append(item)
    return listing


def _feed_item(entry: Any, feed_url: str) -> Item | None:
    link = entry.get("link") or ""
    link = normalise_url(link) if is_web_url(link) else None
    guid = entry.get("id") or entry.get("guid")
    key = link or (f"{feed_url}#{guid}" if guid else None)
    text = entry_text(entry) or None
    if key is None:
        if not text:
            return None
        # Neither link nor id: the item's text is what tells it apart.
        key = f"{feed_url}#{content_hash(text)[:16]}"
    return Item(key=key, url=link, title=entry.get("title") or None, published=entry_date(entry), text=text)


def _local(element: Any) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _child_text(element: Any, name: str) -> str | None:
    for child in element:
        if _local(child) == name and child.text and child.text.strip():
            return str(child.text.strip())
    return None


def _sitemap(data: bytes, url: str) -> Listing:
    # No entities resolved and nothing fetched: a sitemap is hostile input like any other.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise EventwireError(E.E804, url=url, detail=_one_line(exc)) from exc
    if _local(root) == "sitemapindex":
        children = []
        for position, element in enumerate(root):
            loc = _child_text(element, "loc")
            if _local(element) == "sitemap" and loc and is_web_url(loc):
                changed = parse_date(_child_text(element, "lastmod"))
                children.append((-(changed or date.min).toordinal(), position, loc))
        return Listing(kind="sitemap index", sitemaps=[loc for *_, loc in sorted(children)])
    listing = Listing(kind="sitemap")
    for element in root:
        if len(listing.items) >= MAX_LISTED:
            break
        loc = _child_text(element, "loc") if _local(element) == "url" else None
        if not loc or not is_web_url(loc):
            continue
        news = next((child for child in element if _local(child) == "news"), None)
        title = _child_text(news, "title") if news is not None else None
        published = parse_date(_child_text(news, "publication_date")) if news is not None else None
        link = normalise_url(loc)
        listing.items.append(Item(key=link, url=link, title=title, published=published))
    # Newest first when the sitemap dates its entries: a poll takes the most recent news.
    listing.items.sort(key=lambda item: -(item.published or date.min).toordinal())
    return listing


def _text_sitemap(data: bytes) -> Listing:
    listing = Listing(kind="sitemap")
    for line in data.decode("utf-8", errors="replace").splitlines()[:MAX_LISTED]:
        line = line.strip()
        if is_web_url(line):
            link = normalise_url(line)
            listing.items.append(Item(key=link, url=link))
    return listing
