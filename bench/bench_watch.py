"""`eventwire watch` over local feeds: one cycle over 50 feeds x 20 items, and an unchanged cycle.

1. Generates 1,000 invented news pages (corpus.py's article maker, about 400 words each) and 50
   RSS feeds of 20 items, served by an HTTP server on loopback (ETag and Last-Modified on every
   answer, 304 to a matching conditional GET).
2. Runs `eventwire watch --sources FILE --once` into a new database (full pipeline: spaCy,
   events, quotes, stories) and reads the cycle's own time from its summary line: articles/s is
   articles stored over the cycle's seconds (the model's loading is in the wall time, not here).
3. Runs it again at once: every feed answers 304 and no page is fetched. Its cycle time is set
   against the cost of 50 bare conditional GETs made with httpx from this process, one at a
   time and 8 at a time (the watcher's default number of connections).
4. Peak RSS is the watch process's (the kernel's high-water mark, via wait4).

The per-host delay is 0 (every feed is on 127.0.0.1): a real crawl is paced at one request a
second per host by default, so its speed is set by the outlets' number, not by eventwire.

Run: python bench/bench_watch.py [--runs N] [--feeds 50] [--items 20] [--articles-only]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import httpx

from corpus import ArticleMaker, html_page
from eventwire_run import eventwire_command
from measure import MIB, BenchError, run_measured

DEFAULT_FEEDS = 50
DEFAULT_ITEMS = 20
WORDS = 400
CONNECTIONS = 8
CYCLE = re.compile(
    r"(\d+) sources polled \((\d+) not modified, (\d+) errors\), (\d+) new items, (\d+) pages fetched.*?"
    r"(\d+) stored.*?(\d+) requests in ([\d.]+)s"
)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    """A real server's backlog: http.server's 5 drops connections that many clients open at once."""


class _Site:
    """Pages and feeds by path, with validators, on a loopback port."""

    def __init__(self, files: dict[str, tuple[bytes, str]]) -> None:
        self.files = files
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                found = site.files.get(self.path.split("?", 1)[0])
                if found is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body, content_type = found
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def build_site(feeds: int, items: int, seed: int) -> tuple[dict[str, tuple[bytes, str]], list[str]]:
    """Pages and feeds (paths -> body, content type), and the feeds' paths."""
    rng = random.Random(seed)
    articles = ArticleMaker(rng).unique_articles(feeds * items, lambda: WORDS)
    files: dict[str, tuple[bytes, str]] = {}
    feed_paths = []
    for f in range(feeds):
        entries = []
        for i in range(items):
            article = articles[f * items + i]
            path = f"/news/{f}/{i}.html"
            files[path] = (html_page(article, rng).encode("utf-8"), "text/html; charset=utf-8")
            entries.append(
                f"<item><title>{escape(article.title)}</title><link>{{base}}{path}</link>"
                f"<pubDate>{article.published.strftime('%a, %d %b %Y')} 08:00:00 +0000</pubDate></item>"
            )
        channel = f"<title>Outlet {f}</title>{''.join(entries)}"
        feed = f"<?xml version='1.0'?><rss version='2.0'><channel>{channel}</channel></rss>"
        feed_paths.append(f"/feeds/{f}.xml")
        files[feed_paths[-1]] = (feed.encode("utf-8"), "application/rss+xml")
    return files, feed_paths


def _bare_conditional_gets(urls: list[str], connections: int) -> float:
    """Seconds for one conditional GET of each URL (validators from a first GET), `connections` at a time."""
    with httpx.Client(limits=httpx.Limits(max_connections=connections)) as client:
        etags = {u: client.get(u).headers["etag"] for u in urls}
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=connections) as pool:
            statuses = list(
                pool.map(lambda u: client.get(u, headers={"If-None-Match": etags[u]}).status_code, urls)
            )
        seconds = time.perf_counter() - started
    if set(statuses) != {304}:
        raise BenchError(f"the bench site answered {set(statuses)} to conditional GETs")
    return seconds


def _cycle(stdout: str) -> dict[str, float]:
    match = CYCLE.search(stdout)
    if match is None:
        raise BenchError(f"no watch summary in: {stdout[-300:]}")
    polled, unchanged, errors, new, pages, stored, requests, seconds = match.groups()
    return {
        "polled": int(polled), "not_modified": int(unchanged), "errors": int(errors), "new_items": int(new),
        "pages": int(pages), "stored": int(stored), "requests": int(requests), "seconds": float(seconds),
    }  # fmt: skip


def run_bench(
    workdir: Path,
    *,
    feeds: int = DEFAULT_FEEDS,
    items: int = DEFAULT_ITEMS,
    runs: int = 3,
    seed: int = 7,
    articles_only: bool = False,
) -> dict[str, Any]:
    files, feed_paths = build_site(feeds, items, seed)
    site = _Site({})
    try:
        site.files.update({p: (b.replace(b"{base}", site.base.encode()), t) for p, (b, t) in files.items()})
        sources = workdir / "sources.toml"
        sources.write_text(
            f"[fetch]\nhost_delay = 0.0\nconnections = {CONNECTIONS}\n\n"
            + "".join(f'[[source]]\nurl = "{site.base}{p}"\n\n' for p in feed_paths),
            encoding="utf-8",
        )
        flags = ["--articles-only"] if articles_only else []
        first, again, bare_one, bare_many = [], [], [], []
        for run in range(runs):
            db = workdir / f"watch-{run}.duckdb"
            command = [eventwire_command(), "watch", "--sources", sources, "--once", "--db", db, *flags]
            cold = run_measured(command)
            warm = run_measured(command)
            first.append({**_cycle(cold.stdout), "wall": cold.seconds, "peak_mib": cold.tree_max_bytes / MIB})
            again.append({**_cycle(warm.stdout), "wall": warm.seconds})
            urls = [site.base + p for p in feed_paths]
            bare_one.append(_bare_conditional_gets(urls, 1))
            bare_many.append(_bare_conditional_gets(urls, CONNECTIONS))
    finally:
        site.stop()
    for cycle in first:
        if cycle["stored"] != feeds * items or cycle["errors"]:
            raise BenchError(f"the first cycle stored {cycle['stored']} of {feeds * items} articles")
    for cycle in again:
        if cycle["stored"] or cycle["pages"] or cycle["not_modified"] != feeds:
            raise BenchError(f"the unchanged cycle was not all 304s: {cycle}")
    med = statistics.median
    return {
        "feeds": feeds,
        "items": items,
        "articles_only": articles_only,
        "runs": runs,
        "articles_per_second": med(c["stored"] / c["seconds"] for c in first),
        "first_cycle_seconds": med(c["seconds"] for c in first),
        "first_wall_seconds": med(c["wall"] for c in first),
        "peak_rss_mib": med(c["peak_mib"] for c in first),
        "unchanged_cycle_seconds": med(c["seconds"] for c in again),
        "unchanged_requests": med(c["requests"] for c in again),
        "unchanged_wall_seconds": med(c["wall"] for c in again),
        "bare_gets_seconds_sequential": med(bare_one),
        f"bare_gets_seconds_{CONNECTIONS}_at_a_time": med(bare_many),
        "all_first_cycles": first,
        "all_unchanged_cycles": again,
    }


def print_table(report: dict[str, Any]) -> None:
    bare = report[f"bare_gets_seconds_{CONNECTIONS}_at_a_time"]
    what = "--articles-only" if report["articles_only"] else "full pipeline"
    print(f"{report['feeds']} feeds x {report['items']} items, {what}, medians of {report['runs']} runs")
    print(
        f"  first cycle:     {report['articles_per_second']:.1f} articles/s "
        f"({report['first_cycle_seconds']:.1f} s; {report['first_wall_seconds']:.1f} s wall with start-up), "
        f"peak RSS {report['peak_rss_mib']:.0f} MiB"
    )
    print(
        f"  unchanged cycle: {report['unchanged_cycle_seconds'] * 1000:.0f} ms for "
        f"{report['unchanged_requests']:.0f} requests (all 304); "
        f"{report['unchanged_wall_seconds']:.1f} s wall"
    )
    sequential = report["bare_gets_seconds_sequential"]
    print(
        f"  bare httpx, {report['feeds']} conditional GETs: {sequential * 1000:.0f} ms one at a time, "
        f"{bare * 1000:.0f} ms {CONNECTIONS} at a time "
        f"(unchanged cycle / bare: {report['unchanged_cycle_seconds'] / bare:.1f}x)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--feeds", type=int, default=DEFAULT_FEEDS)
    parser.add_argument("--items", type=int, default=DEFAULT_ITEMS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--articles-only", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eventwire-watch-bench-") as tmp:
        try:
            report = run_bench(
                Path(tmp),
                feeds=args.feeds,
                items=args.items,
                runs=args.runs,
                seed=args.seed,
                articles_only=args.articles_only,
            )
        except BenchError as exc:
            print(f"bench error: {exc}", file=sys.stderr)
            return 1
    print_table(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
