"""A real HTTP server on loopback for the watch tests: feeds, sitemaps, article pages, faults and a
webhook receiver, with routes that a test changes between cycles.

It runs on a thread of the test process (http.server), answers conditional GETs with 304 when
the route's ETag matches, and counts every request by path, so a test can tell what was fetched.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape


@dataclass
class Route:
    """What one path answers."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    conditional: bool = True
    """Answer If-None-Match / If-Modified-Since with 304 when the body is unchanged."""
    delay: float = 0.0
    """Seconds before the answer starts (a server that times out)."""
    drip: float | None = None
    """Seconds between bytes of the body (a slow body)."""
    redirect: str | None = None
    gzipped: bool = False
    """`body` is already gzip data: sent with Content-Encoding: gzip."""


@dataclass
class Post:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


LAST_MODIFIED = format_datetime(datetime(2025, 3, 1, tzinfo=UTC), usegmt=True)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    """A real server's backlog: http.server's 5 drops connections that many clients open at once."""


class SiteServer:
    """Routes by path; `hits` counts requests, `posts` keeps the webhook deliveries."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.posts: list[Post] = []
        self.post_failures = 0
        """Answer this many POSTs with 503 before accepting them (a webhook receiver that is down)."""
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet test output
                pass

            def do_GET(self) -> None:
                server.answer(self)

            def do_POST(self) -> None:
                server.receive(self)

        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> SiteServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def set(self, path: str, route: Route) -> None:
        with self.lock:
            self.routes[path] = route

    def page_hits(self, prefix: str = "/news/") -> int:
        return sum(n for path, n in self.hits.items() if path.startswith(prefix))

    # -- GET ------------------------------------------------------------------------------

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        with self.lock:
            self.hits[path] += 1
            route = self.routes.get(path)
        if route is None:
            self._send(handler, 404, b"not found", "text/plain", {})
            return
        if route.delay:
            time.sleep(route.delay)
        if route.redirect is not None:
            self._send(handler, 302, b"", None, {"Location": route.redirect})
            return
        etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
        headers = dict(route.headers)
        if route.conditional and route.status == 200:
            headers.setdefault("ETag", etag)
            headers.setdefault("Last-Modified", LAST_MODIFIED)
            if handler.headers.get("If-None-Match") == etag:
                with self.lock:
                    self.not_modified[path] += 1
                self._send(handler, 304, b"", None, {"ETag": etag})
                return
        if route.gzipped:
            headers["Content-Encoding"] = "gzip"
        if route.drip is not None:
            self._drip(handler, route, headers)
            return
        self._send(handler, route.status, route.body, route.content_type, headers)

    def _send(
        self,
        handler: BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        content_type: str | None,
        headers: dict[str, str],
    ) -> None:
        try:
            handler.send_response(status)
            if content_type:
                handler.send_header("Content-Type", content_type)
            for key, value in headers.items():
                handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if body:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _drip(self, handler: BaseHTTPRequestHandler, route: Route, headers: dict[str, str]) -> None:
        handler.close_connection = True
        try:
            handler.send_response(route.status)
            if route.content_type:
                handler.send_header("Content-Type", route.content_type)
            for key, value in headers.items():
                handler.send_header(key, value)
            handler.send_header("Connection", "close")
            handler.end_headers()
            for start in range(0, len(route.body), 16):
                handler.wfile.write(route.body[start : start + 16])
                handler.wfile.flush()
                time.sleep(route.drip or 0)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass

    # -- POST (the webhook receiver) ------------------------------------------------------

    def receive(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length", "0"))
        body = handler.rfile.read(length)
        with self.lock:
            failing = self.post_failures > 0
            if failing:
                self.post_failures -= 1
            else:
                self.posts.append(Post(handler.path, dict(handler.headers), body))
        self._send(handler, 503 if failing else 200, b"{}", "application/json", {})


# -- content ------------------------------------------------------------------------------


def article_html(
    title: str, paragraphs: list[str], site: str = "Test Wire", published: str | None = None
) -> bytes:
    """A news page with furniture around the article, as trafilatura meets them."""
    date_meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)} | {escape(site)}</title>"
        f"<meta property='og:site_name' content='{escape(site)}'>{date_meta}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        "<footer>Share this story. Copyright Test Wire.</footer></body></html>"
    ).encode()


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    """An RSS 2.0 feed; each item has title, link and pubDate, and optionally description."""
    entries = []
    for item in items:
        description = (
            f"<description>{escape(item['description'])}</description>" if "description" in item else ""
        )
        entries.append(
            f"<item><title>{escape(item['title'])}</title><link>{escape(item['link'])}</link>"
            f"<guid>{escape(item['link'])}</guid><pubDate>{item['pubDate']}</pubDate>{description}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.invalid/</link><description>test</description>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode("utf-8")


def news_sitemap(entries: list[tuple[str, str, str]]) -> bytes:
    """A news sitemap: (url, title, publication date) entries."""
    urls = "".join(
        f"<url><loc>{escape(u)}</loc><news:news><news:publication><news:name>Test</news:name>"
        f"<news:language>en</news:language></news:publication><news:publication_date>{d}</news:publication_date>"
        f"<news:title>{escape(t)}</news:title></news:news></url>"
        for u, t, d in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + urls + "</urlset>"
    ).encode("utf-8")


def gzip_bomb(size: int) -> bytes:
    """`size` zero bytes, gzipped: a few KB that inflate to `size`."""
    return gzip.compress(b"\0" * size, compresslevel=9)


RFC822 = "%a, %d %b %Y %H:%M:%S +0000"


def pub_date(day: str) -> str:
    """An RSS pubDate for an ISO date (noon UTC)."""
    return datetime.fromisoformat(day + "T12:00:00+00:00").strftime(RFC822)
