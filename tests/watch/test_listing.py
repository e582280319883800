"""Feeds and sitemaps -> items: links normalised, dates and titles kept, broken XML reported."""

from __future__ import annotations

from datetime import date

import pytest
from site_server import news_sitemap, pub_date, rss

from eventwire.errors import EventwireError
from eventwire.watch.listing import parse_listing

FEED = "http://news.example/feed.xml"


def test_listing_rss_items_with_normalised_links() -> None:
    body = rss(
        "Northern Wire",
        [
            {
                "title": "Talks",
                "link": "HTTP://News.Example:80/a.html?utm_source=rss#top",
                "pubDate": pub_date("2025-03-04"),
            },
            {
                "title": "Deal",
                "link": "http://news.example/b.html",
                "pubDate": pub_date("2025-03-05"),
                "description": "<p>Russia and China signed a deal.</p>",
            },
        ],
    )
    listing = parse_listing(body, FEED)

    assert listing.kind == "feed" and listing.title == "Northern Wire"
    assert [i.url for i in listing.items] == ["http://news.example/a.html", "http://news.example/b.html"]
    assert listing.items[0].published == date(2025, 3, 4)
    assert listing.items[1].text == "<p>Russia and China signed a deal.</p>"


def test_listing_atom_feed() -> None:
    body = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:x</id>
<updated>2025-03-04T10:00:00Z</updated><entry><title>One</title><id>urn:1</id><link href="http://news.example/one"/><updated>2025-03-04T10:00:00Z</updated>
<content type="html">&lt;p&gt;Full text.&lt;/p&gt;</content></entry></feed>"""
    listing = parse_listing(body, FEED)
    assert listing.title == "Atom Wire"
    assert listing.items[0].url == "http://news.example/one" and listing.items[0].text == "<p>Full text.</p>"


def test_listing_news_sitemap_keeps_titles_and_dates_newest_first() -> None:
    body = news_sitemap(
        [
            ("http://news.example/old.html", "Old", "2025-03-01"),
            ("http://news.example/new.html", "New", "2025-03-09T08:00:00Z"),
        ]
    )
    listing = parse_listing(body, "http://news.example/sitemap.xml")
    assert listing.kind == "sitemap"
    assert [(i.title, i.published) for i in listing.items] == [
        ("New", date(2025, 3, 9)),
        ("Old", date(2025, 3, 1)),
    ]


def test_listing_sitemap_index_and_text_sitemap() -> None:
    index = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://news.example/s1.xml</loc><lastmod>2025-01-01</lastmod></sitemap>
<sitemap><loc>http://news.example/s2.xml</loc><lastmod>2025-03-01</lastmod></sitemap></sitemapindex>"""
    assert parse_listing(index, "http://news.example/index.xml").sitemaps == [
        "http://news.example/s2.xml",
        "http://news.example/s1.xml",
    ]
    text = parse_listing(
        b"http://news.example/a\nnot a url\nhttp://news.example/b\n", "http://news.example/s.txt"
    )
    assert [i.url for i in text.items] == ["http://news.example/a", "http://news.example/b"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><<<</channel>', "E804"),
        (
            b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://a/</loc></urlset>',
            "E804",
        ),
        (b"just some words, not XML at all", "E813"),
    ],
    ids=["broken-feed", "broken-sitemap", "not-a-feed"],
)
def test_listing_bad_bodies_have_coded_errors(body: bytes, code: str) -> None:
    with pytest.raises(EventwireError) as caught:
        parse_listing(body, FEED)
    assert caught.value.code == code
    assert FEED in str(caught.value)


def test_listing_entities_are_not_expanded() -> None:
    # A "billion laughs" sitemap: lxml is told not to resolve entities.
    body = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://news.example/&lol2;</loc></url></urlset>"""
    listing = parse_listing(body, "http://news.example/s.xml")
    assert all("lollol" not in (i.url or "") for i in listing.items)
