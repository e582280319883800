"""HTML extraction: main text without page furniture, metadata, precedence, hostile pages."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from eventwire.errors import EventwireError
from eventwire.extract._html_fallback import paragraphs_from_tokens
from eventwire.extract.html import MAX_EXTRACT_CHARS, extract_html
from eventwire.ingest import iter_documents
from eventwire.records import RawDocument

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "data" / "sample"

FIRST = (
    "The foreign ministers of Ruritania and Freedonia met in Strelsau on Tuesday and agreed to "
    "reopen two border crossings that were closed in the spring, officials said."
)
SECOND = (
    "Ruritanian Foreign Minister Flavia Elphberg said the talks had been difficult but that both "
    "governments wanted trade across the river to resume before the harvest."
)
THIRD = "Freedonia's government said in a statement that a joint commission would meet next month."

ARTICLE_PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Ruritania and Freedonia agree to reopen border crossings | Strelsau Post</title>
<meta property="og:site_name" content="Strelsau Post">
<meta property="article:published_time" content="2024-05-14T10:00:00Z">
<meta name="author" content="Rudolf Rassendyll">
<link rel="canonical" href="https://strelsau-post.example/2024/05/14/border">
</head>
<body>
<div class="cookie-banner"><p>We use cookies to personalise content and ads.
Accept all cookies to continue.</p><button>Accept</button></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Ruritania and Freedonia agree to reopen border crossings</h1>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<p>{FIRST}</p>
<p>{SECOND}</p>
<p>{THIRD}</p>
</article>
<section id="comments" class="comments">
<h3>Reader comments</h3>
<div class="comment"><p>Posted 2024-06-30: This will never work, mark my words.</p></div>
<div class="comment"><p>Posted 2024-07-01: Good news for the farmers on both sides of the river.</p></div>
</section>
<footer><p>Copyright 2024 Strelsau Post. All rights reserved.</p></footer>
</body>
</html>
"""


def _raw(html: str, **fields: object) -> RawDocument:
    return RawDocument(text=html, format="html", source="test.html", **fields)  # type: ignore[arg-type]


def test_html_furniture_dropped_and_paragraphs_kept() -> None:
    article = extract_html(_raw(ARTICLE_PAGE))
    assert article.text == f"{FIRST}\n\n{SECOND}\n\n{THIRD}"
    for furniture in ("cookies", "Share on", "World news", "Reader comments", "never work", "Copyright"):
        assert furniture not in article.text


def test_html_metadata_comes_from_the_page() -> None:
    raw = _raw(ARTICLE_PAGE)
    article = extract_html(raw)
    assert article.title == "Ruritania and Freedonia agree to reopen border crossings"
    assert article.outlet == "Strelsau Post"
    assert article.author == "Rudolf Rassendyll"
    assert article.published == date(2024, 5, 14)
    assert article.url == "https://strelsau-post.example/2024/05/14/border"
    assert article.language == "en"
    assert (article.doc_id, article.hash, article.source) == (raw.doc_id, raw.hash, "test.html")


def test_html_date_from_a_time_element_not_from_comments() -> None:
    page = ARTICLE_PAGE.replace('<meta property="article:published_time" content="2024-05-14T10:00:00Z">', "")
    page = page.replace("/2024/05/14/", "/")  # htmldate also reads dates in URLs
    page = page.replace(
        "<h1>", '<p class="byline">By R. Rassendyll, <time datetime="2024-05-13">13 May</time></p><h1>'
    )
    assert extract_html(_raw(page)).published == date(2024, 5, 13)


def test_html_container_fields_take_precedence() -> None:
    raw = _raw(
        ARTICLE_PAGE,
        published=date(2024, 5, 15),
        url="https://feed.example/item",
        outlet="Feed Outlet",
        title="Headline from the feed",
        record="item 2",
    )
    article = extract_html(raw)
    assert article.published == date(2024, 5, 15)
    assert article.url == "https://feed.example/item"
    assert article.outlet == "Feed Outlet"
    assert article.title == "Headline from the feed"
    assert article.record == "item 2"


def test_html_fragment_from_a_feed_item_is_read() -> None:
    article = extract_html(_raw(f"<p>{FIRST}</p><p>{SECOND}</p>"))
    assert article.text == f"{FIRST}\n\n{SECOND}"


def test_html_tables_and_lists_are_kept_as_paragraphs() -> None:
    body = (
        f"<article><h1>Results</h1><p>{FIRST}</p><ul><li>{SECOND}</li><li>{THIRD}</li></ul>"
        "<table><tr><td>Ruritania</td><td>12 seats</td></tr>"
        "<tr><td>Freedonia</td><td>9 seats</td></tr></table>"
        "</article>"
    )
    article = extract_html(_raw(f"<html><body>{body}</body></html>"))
    paragraphs = article.text.split("\n\n")
    assert FIRST in paragraphs
    assert SECOND in paragraphs
    assert THIRD in paragraphs
    assert "Ruritania | 12 seats" in article.text


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<html><body><nav><a href='/'>Home</a></nav></body></html>", "<<<>>>", "\x00\x01\x02"],
)
def test_html_page_without_text_raises_e201(html: str) -> None:
    with pytest.raises(EventwireError) as caught:
        extract_html(_raw(html or " "))
    assert caught.value.code == "E201"


def test_html_deeply_nested_page_does_not_crash_and_keeps_its_text() -> None:
    depth = 100_000
    page = (
        "<html><head><title>Deep</title><meta property='article:published_time' content='2024-02-03'></head>"
        f"<body>{'<div>' * depth}<p>{FIRST}</p>{'</div>' * depth}<p>{SECOND}</p></body></html>"
    )
    start = time.perf_counter()
    article = extract_html(_raw(page))
    assert time.perf_counter() - start < 30
    assert article.text == f"{FIRST}\n\n{SECOND}"
    assert article.title == "Deep"
    assert article.published == date(2024, 2, 3)


def test_html_deeply_nested_page_without_text_raises_eventwire_error() -> None:
    with pytest.raises(EventwireError) as caught:
        extract_html(_raw("<html><body>" + "<div><span>" * 100_000 + "</body></html>"))
    assert caught.value.code in ("E201", "E202")


@pytest.mark.slow
def test_html_fifty_megabyte_page_is_capped_and_finishes() -> None:
    filler = "".join(
        f"<p>Paragraph {i}: delegates met on day {i % 28 + 1} and agreed to meet again, officials said.</p>\n"
        for i in range(600_000)
    )
    page = (
        "<html><head><title>Huge</title><script>" + "var x = 1;" * 200_000 + "</script></head>"
        f"<body><article><h1>Huge</h1><p>{FIRST}</p>{filler}</article></body></html>"
    )
    assert len(page) > 50_000_000
    start = time.perf_counter()
    article = extract_html(_raw(page))
    elapsed = time.perf_counter() - start
    assert elapsed < 60
    assert article.text.startswith(FIRST)
    assert len(article.text) < MAX_EXTRACT_CHARS


def test_html_fallback_reads_paragraphs_outside_furniture() -> None:
    found = paragraphs_from_tokens(ARTICLE_PAGE)
    assert found.paragraphs == [FIRST, SECOND, THIRD]
    assert found.title == "Ruritania and Freedonia agree to reopen border crossings"


def test_html_fallback_survives_unclosed_and_stray_tags() -> None:
    found = paragraphs_from_tokens("</div></span>" * 1000 + f"<p>{FIRST}<p>{SECOND}<div>{THIRD}")
    assert found.paragraphs == [FIRST, SECOND]


def test_html_windows_1252_sample_page_keeps_accents() -> None:
    [raw] = list(iter_documents([SAMPLE / "chile-pension-protest.html"]))
    assert isinstance(raw, RawDocument)
    article = extract_html(raw)
    assert "Valparaíso" in article.text
    assert article.published == date(2025, 10, 16)
    assert "cookies" not in article.text
    assert "Comentarios" not in article.text
