"""Polite, bounded HTTP GETs with httpx: the only way the watcher touches the network.

Every request:
1. is checked against the host's robots.txt (protego, RFC 9309; fetched once an hour a host);
2. waits its turn: one request a host every `host_delay` seconds (or the Crawl-delay, if longer);
3. is conditional when validators are known (ETag / Last-Modified), so an unchanged feed is a 304;
4. follows at most `max_redirects` redirects, each checked again, and stops at a loop;
5. reads its body within `body_seconds`, inflating gzip/deflate ourselves with a cap on the
   inflated size (httpx would inflate a whole network chunk at once: ~1000x for a bomb);
6. is retried with exponential backoff after a timeout, a lost connection, a 429 or a 5xx.

A fault raises `FetchError` with its code (E801-E810), and whether trying again later may help.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from eventwire.errors import E
from eventwire.watch.sources import FetchOptions, normalise_url

ROBOTS_TTL = 3600.0
"""Seconds a host's robots.txt is trusted before it is fetched again."""
MAX_CRAWL_DELAY = 60.0
"""A Crawl-delay longer than this is taken as this: a typo should not stall a source for hours."""
MAX_RETRY_AFTER = 60.0
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/xml", "application/xml")
"""Content types of article pages; anything else (a PDF, an image) is refused before its body is read."""
SOURCE_TYPES = (
    *PAGE_TYPES,
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "text/plain",
)
"""Content types of feeds and sitemaps (text/plain: sitemaps may be lists of URLs)."""
REDIRECTS = (301, 302, 303, 307, 308)


class FetchError(Exception):
    """A request that gave no usable answer: a coded reason, and whether a later try may succeed."""

    def __init__(self, code: E, *, transient: bool = False, **kwargs: object) -> None:
        self.code = code.name
        self.detail = code.value.format(**kwargs)
        self.transient = transient
        status = kwargs.get("status")
        self.http = status if isinstance(status, int) else None
        super().__init__(f"{self.code} {self.detail}")


@dataclass(frozen=True, slots=True)
class Fetched:
    """An answer: 200 with its body, or 304 (not modified) without one."""

    url: str
    """Where the body came from, after redirects."""
    status: int
    body: bytes = b""
    content_type: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class HostPacer:
    """Spaces the starts of requests to one host: each caller reserves the next free slot."""

    def __init__(self) -> None:
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str, delay: float) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + delay
        if start > now:
            time.sleep(start - now)


class _Robots:
    """robots.txt rules per origin, cached for `ROBOTS_TTL`."""

    def __init__(self) -> None:
        self._rules: dict[str, tuple[float, Protego | None]] = {}
        self._lock = threading.Lock()
        self._fetching: dict[str, threading.Lock] = {}

    def rules(self, origin: str, load: Callable[[str], Protego | None]) -> Protego | None:
        with self._lock:
            lock = self._fetching.setdefault(origin, threading.Lock())
        # One fetch of robots.txt per origin even when many threads ask at once.
        with lock:
            cached = self._rules.get(origin)
            if cached is not None and time.monotonic() - cached[0] < ROBOTS_TTL:
                return cached[1]
            parsed = load(origin)
            self._rules[origin] = (time.monotonic(), parsed)
            return parsed


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _media_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    message = Message()
    message["content-type"] = header
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


class _Inflater:
    """gzip or deflate bodies inflated piece by piece, never past a cap."""

    def __init__(self, encoding: str) -> None:
        # 16 + MAX_WBITS: a gzip header; 32 + MAX_WBITS: zlib or gzip, whichever it is.
        self._wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else 32 + zlib.MAX_WBITS
        self._decoder = zlib.decompressobj(self._wbits)
        self._raw_deflate = "deflate" in encoding
        self._started = False

    def feed(self, data: bytes, room: int) -> bytes:
        """Inflate `data`, returning at most `room` bytes (more input left over means over the cap)."""
        try:
            out = self._decoder.decompress(data, room)
        except zlib.error:
            if not (self._raw_deflate and not self._started):
                raise
            # Some servers send raw deflate (no zlib header) as "deflate".
            self._decoder = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._decoder.decompress(data, room)
        self._started = True
        return out

    @property
    def pending(self) -> bytes:
        return self._decoder.unconsumed_tail


class Fetcher:
    """GETs under `FetchOptions`, shared by the watcher's threads (httpx's client is thread-safe)."""

    def __init__(self, options: FetchOptions, client: httpx.Client | None = None) -> None:
        self.options = options
        self.client = client or httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(options.timeout),
            limits=httpx.Limits(
                max_connections=max(1, options.connections),
                max_keepalive_connections=max(1, options.connections),
            ),
            # Only what `_Inflater` reads: brotli or zstd would come back undecoded.
            headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self.pacer = HostPacer()
        self._robots = _Robots()
        self.requests = 0
        """Requests sent (robots.txt included): the cost of a cycle."""
        self._count_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    # -- the public call ------------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        page: bool = True,
    ) -> Fetched:
        """GET `url` politely, retrying passing faults.

        Args:
            etag, last_modified: validators of the copy we hold; the answer may then be a 304.
            page: an article page (only HTML/XML accepted) rather than a feed or a sitemap.
        Raises:
            FetchError: E801 HTTP error, E802 timeout, E803 slow body, E805 compression bomb,
                E806 redirects, E807 too large, E808 content type, E809 robots.txt, E810 connection.
        """
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            try:
                return self._follow(url, headers, page)
            except _Retry as retry:
                if attempt >= self.options.retries:
                    raise retry.error from None
                wait = retry.after if retry.after is not None else self.options.backoff * 2**attempt
                time.sleep(min(wait, MAX_RETRY_AFTER))
                attempt += 1

    # -- one try, following redirects -----------------------------------------------------

    def _follow(self, url: str, headers: dict[str, str], page: bool) -> Fetched:
        seen = {normalise_url(url)}
        current = url
        for _ in range(self.options.max_redirects + 1):
            self._check_robots(current)
            try:
                answer = self._once(current, headers, page)
            except httpx.TimeoutException as exc:
                raise _Retry(
                    FetchError(E.E802, transient=True, seconds=self.options.timeout, url=current)
                ) from exc
            except httpx.TransportError as exc:
                detail = str(exc) or type(exc).__name__
                raise _Retry(FetchError(E.E810, transient=True, url=current, detail=detail[:160])) from exc
            if isinstance(answer, Fetched):
                return answer
            target = urljoin(current, answer)
            key = normalise_url(target)
            if key in seen:
                break
            seen.add(key)
            current = target
        raise FetchError(E.E806, limit=self.options.max_redirects, url=url)

    def _once(self, url: str, headers: dict[str, str], page: bool) -> Fetched | str:
        """The answer, or the Location of a redirect."""
        self.pacer.wait(urlsplit(url).netloc, self._delay(url))
        with self._count_lock:
            self.requests += 1
        started = time.monotonic()
        with self.client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status in REDIRECTS and response.headers.get("location"):
                return response.headers["location"]
            if status == 304:
                # Read the (empty) body: a response left unread closes its connection, and a
                # cycle of 304s would then open a new connection for every source.
                response.read()
                return Fetched(
                    url=url,
                    status=304,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
            if status >= 400:
                error = FetchError(E.E801, transient=status >= 500 or status == 429, status=status, url=url)
                if error.transient:
                    raise _Retry(error, after=_retry_after(response.headers.get("retry-after")))
                raise error
            content_type, charset = _media_type(response.headers.get("content-type"))
            allowed = PAGE_TYPES if page else SOURCE_TYPES
            if content_type is not None and content_type not in allowed:
                raise FetchError(E.E808, url=url, content_type=content_type)
            body = self._body(response, url, started)
        return Fetched(
            url=url,
            status=status,
            body=body,
            content_type=content_type,
            charset=charset,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )

    def _body(self, response: httpx.Response, url: str, started: float) -> bytes:
        cap = self.options.max_page_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap and not response.headers.get("content-encoding"):
            raise FetchError(E.E807, url=url, limit=cap)
        encoding = response.headers.get("content-encoding", "").strip().lower()
        if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise FetchError(E.E808, url=url, content_type=f"encoded as {encoding}")
        inflater = _Inflater(encoding) if encoding not in ("", "identity") else None
        parts: list[bytes] = []
        size = 0
        # As the bytes arrive (a chunk size would wait for that many): the deadline is checked each read.
        for raw in response.iter_raw():
            elapsed = time.monotonic() - started
            if elapsed > self.options.body_seconds:
                raise _Retry(
                    FetchError(
                        E.E803,
                        transient=True,
                        url=url,
                        size=size,
                        seconds=round(elapsed, 1),
                        limit=self.options.body_seconds,
                    )
                )
            if inflater is None:
                parts.append(raw)
                size += len(raw)
                if size > cap:
                    raise FetchError(E.E807, url=url, limit=cap)
                continue
            data = raw
            while data:
                try:
                    out = inflater.feed(data, cap + 1 - size)
                except zlib.error as exc:
                    raise FetchError(E.E810, url=url, detail=f"bad {encoding} body: {exc}") from exc
                parts.append(out)
                size += len(out)
                if size > cap:
                    raise FetchError(E.E805, url=url, limit=cap)
                data = inflater.pending
        return b"".join(parts)

    # -- robots.txt and pacing ------------------------------------------------------------

    def _delay(self, url: str) -> float:
        delay = self.options.host_delay
        if self.options.robots:
            rules = self._robots.rules(_origin(url), self._load_robots)
            crawl_delay = rules.crawl_delay(self.options.user_agent) if rules is not None else None
            if crawl_delay:
                delay = max(delay, min(float(crawl_delay), MAX_CRAWL_DELAY))
        return delay

    def _check_robots(self, url: str) -> None:
        if not self.options.robots:
            return
        rules = self._robots.rules(_origin(url), self._load_robots)
        if rules is not None and not rules.can_fetch(url, self.options.user_agent):
            raise FetchError(E.E809, host=urlsplit(url).netloc, url=url)

    def _load_robots(self, origin: str) -> Protego | None:
        """The origin's rules; None (everything allowed) when it has no robots.txt.

        RFC 9309 says an unreachable robots.txt means "disallow all"; we allow instead, as most
        crawlers do, so that a flaky /robots.txt does not silence a source: its pages are then
        fetched at the host delay, and the rules are tried again within the hour.
        """
        url = origin + "/robots.txt"
        self.pacer.wait(urlsplit(url).netloc, self.options.host_delay)
        with self._count_lock:
            self.requests += 1
        try:
            response = self.client.get(url, follow_redirects=True)
        except httpx.HTTPError:
            return None
        if response.status_code != 200:
            return None
        try:
            return Protego.parse(response.text[: self.options.max_page_bytes])
        except Exception:  # a robots.txt we cannot read restricts nothing
            return None


class _Retry(Exception):
    """A passing fault: `get` tries again after a backoff."""

    def __init__(self, error: FetchError, after: float | None = None) -> None:
        self.error = error
        self.after = after
        super().__init__(str(error))


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
