"""RSS and Atom feeds: one document per item; broken feeds rejected."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from ingest_helpers import PARAGRAPH, ingest, write

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Test Wire</title>
  <link>https://wire.example/</link>
  <item>
    <title>Ministers meet</title>
    <link>https://wire.example/1</link>
    <guid>wire-1</guid>
    <pubDate>Tue, 14 May 2024 09:00:00 +0000</pubDate>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>{PARAGRAPH}</p><p>Second paragraph.</p>]]></content:encoded>
  </item>
  <item>
    <title>Talks end</title>
    <link>https://wire.example/2</link>
    <pubDate>Wed, 15 May 2024 10:00:00 +0000</pubDate>
    <description>{PARAGRAPH} No markup here.</description>
  </item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Desk</title>
  <id>urn:atom-desk</id>
  <updated>2024-06-01T00:00:00Z</updated>
  <entry>
    <title>Envoy visits</title>
    <link href="https://atom.example/a"/>
    <id>urn:atom-desk:a</id>
    <published>2024-06-01T08:00:00Z</published>
    <updated>2024-06-02T08:00:00Z</updated>
    <content type="html">&lt;p&gt;{PARAGRAPH}&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_feeds_rss_items_become_documents(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.rss", RSS)
    docs, failures = ingest(path)
    assert failures == []
    first, second = docs
    assert (first.format, second.format) == ("html", "text")
    assert first.title == "Ministers meet"
    assert first.url == "https://wire.example/1"
    assert first.published == date(2024, 5, 14)
    assert first.outlet == "Test Wire"
    assert first.record == "item 1"
    assert second.record == "item 2"
    # The full content wins over the summary.
    assert PARAGRAPH in first.text
    assert "Short summary" not in first.text
    assert second.text.endswith("No markup here.")


@pytest.mark.parametrize("name", ["desk.atom", "desk.xml"])
def test_feeds_atom_and_xml_feeds_ingest(tmp_path: Path, name: str) -> None:
    [doc], failures = ingest(write(tmp_path / name, ATOM))
    assert failures == []
    assert doc.format == "html"
    assert doc.outlet == "Atom Desk"
    assert doc.url == "https://atom.example/a"
    assert doc.published == date(2024, 6, 1)
    assert PARAGRAPH in doc.text


def test_feeds_xml_that_is_not_a_feed_fails_e106(tmp_path: Path) -> None:
    sitemap = '<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>'
    path = write(tmp_path / "sitemap.xml", sitemap)
    docs, [failure] = ingest(path)
    assert docs == []
    assert failure.code == "E106"
    assert failure.source == str(path)


@pytest.mark.parametrize("content", ["just some words, no markup at all\n", "<rss><channel><title>broken"])
def test_feeds_not_xml_fails_e106(tmp_path: Path, content: str) -> None:
    path = write(tmp_path / "broken.rss", content)
    docs, [failure] = ingest(path)
    assert docs == []
    assert failure.code == "E106"
    assert failure.message().startswith(f"{path}: E106 not a feed: ")


def test_feeds_slightly_broken_feed_with_items_still_ingests(tmp_path: Path) -> None:
    # An unescaped ampersand makes the XML invalid; feedparser repairs it ("bozo").
    broken = RSS.replace("<title>Talks end</title>", "<title>Talks & trade end</title>")
    docs, failures = ingest(write(tmp_path / "bozo.rss", broken))
    assert failures == []
    assert len(docs) == 2


def test_feeds_item_without_text_fails_e116_and_others_ingest(tmp_path: Path) -> None:
    feed = RSS.replace(f"<description>{PARAGRAPH} No markup here.</description>", "")
    path = write(tmp_path / "gap.rss", feed)
    docs, [failure] = ingest(path)
    assert [d.record for d in docs] == ["item 1"]
    assert failure.code == "E116"
    assert failure.record == "item 2"
    assert "[item 2]" in failure.message()


def test_feeds_binary_file_named_rss_fails_e103(tmp_path: Path) -> None:
    _, [failure] = ingest(write(tmp_path / "x.rss", b"\x89PNG\r\n\x1a\n" + bytes(64)))
    assert failure.code == "E103"
