"""The fetcher against a real HTTP server: politeness, limits, and a coded error for every fault."""

from __future__ import annotations

import gzip
import socket
import time

import pytest
from site_server import Route, SiteServer, gzip_bomb

from eventwire.watch.fetch import Fetcher, FetchError
from eventwire.watch.sources import FetchOptions

PAGE = b"<html><body><article><p>" + b"The council met on Monday. " * 40 + b"</p></article></body></html>"

FAST = FetchOptions(
    host_delay=0.0, timeout=1.0, body_seconds=1.5, retries=0, backoff=0.05, max_page_bytes=200_000
)


@pytest.fixture
def fetcher() -> Fetcher:
    return Fetcher(FAST)


def _error(fetcher: Fetcher, url: str, **kwargs: object) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetcher.get(url, **kwargs)  # type: ignore[arg-type]
    return caught.value


def test_fetch_conditional_get_answers_304_when_unchanged(site: SiteServer, fetcher: Fetcher) -> None:
    site.set(
        "/feed.xml",
        Route(
            body=b"<rss version='2.0'><channel><title>t</title></channel></rss>",
            content_type="application/rss+xml",
        ),
    )
    first = fetcher.get(site.url("/feed.xml"), page=False)
    again = fetcher.get(site.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified, page=False)

    assert first.status == 200 and first.etag
    assert again.not_modified and again.body == b""
    assert site.not_modified["/feed.xml"] == 1


def test_fetch_inflates_gzip_pages(site: SiteServer, fetcher: Fetcher) -> None:
    site.set("/news/a.html", Route(body=gzip.compress(PAGE), gzipped=True))
    assert fetcher.get(site.url("/news/a.html")).body == PAGE


@pytest.mark.parametrize(
    ("route", "code", "transient"),
    [
        (Route(body=b"oops", status=500), "E801", True),
        (Route(body=b"gone", status=404), "E801", False),
        (Route(body=PAGE, delay=2.5), "E802", True),
        (Route(body=PAGE * 3, drip=0.05), "E803", True),
        (Route(body=gzip_bomb(50_000_000), gzipped=True), "E805", False),
        (Route(body=PAGE * 200), "E807", False),
        (Route(body=b"%PDF-1.7 ...", content_type="application/pdf"), "E808", False),
    ],
    ids=["http-500", "http-404", "timeout", "slow-body", "gzip-bomb", "huge-page", "pdf"],
)
def test_fetch_faults_have_coded_errors(
    site: SiteServer, fetcher: Fetcher, route: Route, code: str, transient: bool
) -> None:
    site.set("/news/x.html", route)
    started = time.monotonic()
    error = _error(fetcher, site.url("/news/x.html"))

    assert error.code == code, error
    assert error.transient is transient
    assert site.url("/news/x.html") in error.detail
    assert time.monotonic() - started < 8


def test_fetch_huge_page_without_length_is_cut_at_the_cap(site: SiteServer, fetcher: Fetcher) -> None:
    # No Content-Length (a streamed answer): the cap still holds while reading.
    site.set("/news/big.html", Route(body=PAGE * 200, drip=0.0))
    assert _error(fetcher, site.url("/news/big.html")).code == "E807"


def test_fetch_redirect_loop(site: SiteServer, fetcher: Fetcher) -> None:
    site.set("/a", Route(redirect=site.url("/b")))
    site.set("/b", Route(redirect="/a"))
    error = _error(fetcher, site.url("/a"))
    assert error.code == "E806"
    assert site.hits["/a"] == 1 and site.hits["/b"] == 1


def test_fetch_follows_a_few_redirects(site: SiteServer, fetcher: Fetcher) -> None:
    site.set("/old", Route(redirect="/new"))
    site.set("/new", Route(body=PAGE))
    fetched = fetcher.get(site.url("/old"))
    assert fetched.url == site.url("/new") and fetched.body == PAGE


def test_fetch_respects_robots_txt(site: SiteServer, fetcher: Fetcher) -> None:
    site.set("/robots.txt", Route(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    site.set("/private/x.html", Route(body=PAGE))
    site.set("/public/x.html", Route(body=PAGE))

    assert _error(fetcher, site.url("/private/x.html")).code == "E809"
    assert fetcher.get(site.url("/public/x.html")).body == PAGE
    assert site.hits["/private/x.html"] == 0
    assert site.hits["/robots.txt"] == 1  # fetched once for the host


def test_fetch_retries_passing_faults_with_backoff(site: SiteServer) -> None:
    fetcher = Fetcher(FetchOptions(host_delay=0.0, timeout=1.0, retries=2, backoff=0.1))
    site.set("/news/down.html", Route(body=b"busy", status=503))
    started = time.monotonic()
    assert _error(fetcher, site.url("/news/down.html")).code == "E801"

    assert site.hits["/news/down.html"] == 3
    assert time.monotonic() - started >= 0.1 + 0.2


def test_fetch_connection_refused(fetcher: Fetcher) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    error = _error(fetcher, f"http://127.0.0.1:{port}/feed.xml", page=False)
    assert error.code == "E810" and error.transient


def test_fetch_paces_requests_to_one_host(site: SiteServer) -> None:
    fetcher = Fetcher(FetchOptions(host_delay=0.3, robots=False))
    site.set("/news/a.html", Route(body=PAGE))
    started = time.monotonic()
    for _ in range(3):
        fetcher.get(site.url("/news/a.html"))
    assert time.monotonic() - started >= 0.6


def test_fetch_crawl_delay_of_robots_txt_is_honoured(site: SiteServer) -> None:
    fetcher = Fetcher(FetchOptions(host_delay=0.0))
    site.set("/robots.txt", Route(body=b"User-agent: *\nCrawl-delay: 0.4\n", content_type="text/plain"))
    site.set("/news/a.html", Route(body=PAGE))
    started = time.monotonic()
    fetcher.get(site.url("/news/a.html"))
    fetcher.get(site.url("/news/a.html"))
    assert time.monotonic() - started >= 0.4
