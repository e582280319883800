"""Watch cycles in process against a real site: new items, 304s, faults, retries, stories."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_server import Route, SiteServer, gzip_bomb
from watch_helpers import Feed

from eventwire.config import Config
from eventwire.store import Store
from eventwire.watch import Watcher
from eventwire.watch.sources import FetchOptions, Source, SourcesPlan

FAST = FetchOptions(
    host_delay=0.0, timeout=1.0, body_seconds=1.5, retries=0, backoff=0.05, max_page_bytes=300_000
)


def _watcher(*sources: Source, fetch: FetchOptions = FAST) -> Watcher:
    return Watcher(SourcesPlan(sources=sources, fetch=fetch), Config(code_events=False, batch_size=4))


def _urls(store: Store) -> dict[str, tuple[str, str | None]]:
    return {
        r["url"].rsplit("/", 1)[-1]: (r["status"], r["code"]) for r in store.query("SELECT * FROM watch_urls")
    }


def test_cycle_new_items_then_unchanged_feed_costs_a_304(site: SiteServer, tmp_path: Path) -> None:
    feed = Feed(site, "/feed.xml", "Test Wire")
    for i in range(6):
        feed.add_filler(i)
    watcher = _watcher(Source(url=feed.url))
    with Store(tmp_path / "w.duckdb") as store:
        first = watcher.cycle(store, due_only=False)
        second = watcher.cycle(store, due_only=False)
        feed.add_filler(6)
        third = watcher.cycle(store, due_only=False)
        articles = store.query("SELECT url, outlet, title FROM articles ORDER BY url")

    assert (first.new_items, first.pages, first.stored) == (6, 6, 6)
    assert (second.not_modified, second.new_items, second.pages, second.stored) == (1, 0, 0, 0)
    assert second.requests == 1
    assert (third.new_items, third.stored) == (1, 1)
    assert site.not_modified["/feed.xml"] == 1
    assert all(n == 1 for path, n in site.hits.items() if path.startswith("/news/")), site.hits
    assert len(articles) == 7 and all("utm_source" not in a["url"] for a in articles)
    assert {a["outlet"] for a in articles} == {"Test Wire"}


def test_cycle_new_items_join_stories_across_outlets(site: SiteServer, tmp_path: Path) -> None:
    northern = Feed(site, "/northern.xml", "Northern Wire")
    eastern = Feed(site, "/eastern.xml", "Eastern Herald")
    northern.add_story("energy-northern")
    northern.add_story("talks-beijing")
    watcher = _watcher(Source(url=northern.url), Source(url=eastern.url))
    with Store(tmp_path / "w.duckdb") as store:
        watcher.cycle(store, due_only=False)
        before = store.query("SELECT count(*) AS n FROM stories")[0]["n"]
        eastern.add_story("energy-eastern")
        summary = watcher.cycle(store, due_only=False)
        stories = store.query(
            "SELECT st.n_articles, st.n_outlets, list(a.outlet ORDER BY a.outlet) AS outlets "
            "FROM stories st JOIN story_articles sa USING (story_id) JOIN articles a USING (doc_id) "
            "GROUP BY ALL ORDER BY 1 DESC"
        )

    assert before == 2
    assert summary.stored == 1 and summary.stories.joined == 1 and summary.stories.new_stories == 0
    assert stories[0]["n_articles"] == 2 and stories[0]["outlets"] == ["Eastern Herald", "Northern Wire"]


def test_cycle_every_fault_is_recorded_while_the_rest_completes(site: SiteServer, tmp_path: Path) -> None:
    feed = Feed(site, "/feed.xml", "Test Wire")
    site.set(
        "/robots.txt", Route(body=b"User-agent: *\nDisallow: /news/private\n", content_type="text/plain")
    )
    site.set("/loop-a.html", Route(redirect="/loop-b.html"))
    site.set("/loop-b.html", Route(redirect="/loop-a.html"))
    faults = {
        "server-error": Route(body=b"oops", status=500),
        "timeout": Route(body=b"<p>late</p>", delay=2.5),
        "slow-body": Route(body=b"<html><body><p>" + b"slow words " * 300 + b"</p></body></html>", drip=0.05),
        "gzip-bomb": Route(body=gzip_bomb(40_000_000), gzipped=True),
        "redirect-loop": Route(redirect="/loop-a.html"),
        "huge-page": Route(body=b"<html><body>" + b"<p>word</p>" * 40_000 + b"</body></html>"),
        "report-pdf": Route(body=b"%PDF-1.7\n...", content_type="application/pdf"),
        "private-story": Route(body=b"<html><body><p>secret</p></body></html>"),
        "empty-page": Route(body=b"<html><body><nav>Home</nav></body></html>"),
    }
    for i in range(3):
        feed.add_filler(i)
    for slug, route in faults.items():
        feed.add(slug, slug, ["unused"], "2025-05-14", route=route)
    broken = "/broken.xml"
    site.set(
        broken, Route(body=b'<?xml version="1.0"?><rss version="2.0"><channel><<<', content_type="text/xml")
    )
    site.set("/down.xml", Route(body=b"busy", status=503))
    watcher = _watcher(Source(url=feed.url), Source(url=site.url(broken)), Source(url=site.url("/down.xml")))
    with Store(tmp_path / "w.duckdb") as store:
        summary = watcher.cycle(store, due_only=False)
        urls = _urls(store)
        failures = {(f["stage"], f["code"]) for f in store.query("SELECT * FROM failures")}
        polls = {
            r["url"].rsplit("/", 1)[-1]: (r["last_status"], r["last_error_code"])
            for r in store.query("SELECT * FROM watch_sources")
        }

    assert summary.stored == 3
    assert urls["server-error.html"] == ("retry", "E801")
    assert urls["timeout.html"] == ("retry", "E802")
    assert urls["slow-body.html"] == ("retry", "E803")
    assert urls["gzip-bomb.html"] == ("failed", "E805")
    assert urls["redirect-loop.html"] == ("failed", "E806")
    assert urls["huge-page.html"] == ("failed", "E807")
    assert urls["report-pdf.html"] == ("failed", "E808")
    assert urls["private-story.html"] == ("failed", "E809")
    assert urls["empty-page.html"] == ("rejected", "E201")
    assert polls["broken.xml"] == ("error", "E804")
    assert polls["down.xml"] == ("error", "E801")
    assert polls["feed.xml"] == ("ok", None)
    assert {("poll", "E804"), ("poll", "E801"), ("fetch", "E805"), ("extract", "E201")} <= failures
    assert summary.page_errors == 8 and summary.source_errors == 2 and summary.rejected == 1
    assert site.hits["/news/private-story.html"] == 0


def test_cycle_retries_passing_faults_next_cycle_until_they_succeed(site: SiteServer, tmp_path: Path) -> None:
    feed = Feed(site, "/feed.xml", "Test Wire")
    url = feed.add("flaky", "Flaky page", ["unused"], "2025-05-14", route=Route(body=b"busy", status=503))
    watcher = _watcher(Source(url=feed.url))
    with Store(tmp_path / "w.duckdb") as store:
        first = watcher.cycle(store, due_only=False)
        from watch_helpers import filler

        title, paragraphs = filler(42)
        from site_server import article_html

        site.set("/news/flaky.html", Route(body=article_html(title, paragraphs)))
        second = watcher.cycle(store, due_only=False)
        status = store.query("SELECT status, attempts FROM watch_urls WHERE url = ?", [url])[0]

    assert first.page_errors == 1 and first.stored == 0
    assert second.not_modified == 1 and second.retried == 1 and second.stored == 1
    assert status == {"status": "stored", "attempts": 2}


def test_cycle_gives_up_after_max_attempts(site: SiteServer, tmp_path: Path) -> None:
    feed = Feed(site, "/feed.xml", "Test Wire")
    url = feed.add("down", "Down", ["unused"], "2025-05-14", route=Route(body=b"busy", status=500))
    watcher = _watcher(Source(url=feed.url))
    with Store(tmp_path / "w.duckdb") as store:
        for _ in range(4):
            watcher.cycle(store, due_only=False)
        status = store.query("SELECT status, attempts FROM watch_urls WHERE url = ?", [url])[0]
    assert status == {"status": "failed", "attempts": FAST.max_attempts}
    assert site.hits["/news/down.html"] == FAST.max_attempts


def test_cycle_max_items_defers_the_rest_without_losing_them(site: SiteServer, tmp_path: Path) -> None:
    feed = Feed(site, "/feed.xml", "Test Wire")
    for i in range(5):
        feed.add_filler(i)
    watcher = _watcher(Source(url=feed.url, max_items=2))
    with Store(tmp_path / "w.duckdb") as store:
        stored = [watcher.cycle(store, due_only=False).stored for _ in range(4)]
        etag = store.query("SELECT etag FROM watch_sources")[0]["etag"]
    # Validators are saved only by the poll that left nothing behind: no 304 hides an item.
    assert stored == [2, 2, 1, 0]
    assert etag is not None and site.not_modified["/feed.xml"] == 1


def test_cycle_feed_content_mode_fetches_no_page(site: SiteServer, tmp_path: Path) -> None:
    from site_server import rss

    site.set(
        "/content.xml",
        Route(
            body=rss(
                "Content Wire",
                [
                    {
                        "title": "Deal",
                        "link": site.url("/news/deal.html"),
                        "pubDate": "Tue, 11 Mar 2025 12:00:00 +0000",
                        "description": "<p>MOSCOW - Russia and China signed an agreement on Tuesday "
                        "on gas supplies through a new pipeline across Mongolia, the Kremlin said.</p>",
                    },
                ],
            ),
            content_type="application/rss+xml",
        ),
    )
    watcher = _watcher(Source(url=site.url("/content.xml"), pages=False))
    with Store(tmp_path / "w.duckdb") as store:
        summary = watcher.cycle(store, due_only=False)
        article = store.query("SELECT outlet, url, published FROM articles")[0]
    assert summary.stored == 1 and summary.pages == 0
    assert site.hits["/news/deal.html"] == 0
    assert article["outlet"] == "Content Wire" and article["url"] == site.url("/news/deal.html")


def test_cycle_due_sources_only(site: SiteServer, tmp_path: Path) -> None:
    feed = Feed(site, "/feed.xml", "Test Wire")
    feed.add_filler(1)
    watcher = _watcher(Source(url=feed.url, interval=3600))
    with Store(tmp_path / "w.duckdb") as store:
        first = watcher.cycle(store)
        second = watcher.cycle(store)
        due = watcher.next_due(store)
    assert first.polled == 1 and second.polled == 0
    assert due is not None


@pytest.mark.parametrize("version", [2])
def test_cycle_database_of_an_older_schema_is_brought_forward(tmp_path: Path, version: int) -> None:
    import duckdb

    from eventwire.store.schema import CREATE_TABLES, SCHEMA_VERSION, WATCH_TABLES

    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        for statement in CREATE_TABLES:
            if statement not in WATCH_TABLES:
                con.execute(statement)
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(version)])
    with Store(db) as store:
        tables = {
            r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
        found = store.query("SELECT value FROM meta WHERE key = 'schema_version'")[0]["value"]
    assert {"watch_sources", "watch_urls", "alerts", "alert_deliveries"} <= tables
    assert found == str(SCHEMA_VERSION)


def test_cycle_restart_gives_stories_to_articles_a_killed_run_left_without(
    site: SiteServer, tmp_path: Path
) -> None:
    feed = Feed(site, "/feed.xml", "Test Wire")
    for i in range(3):
        feed.add_filler(i)
    with Store(tmp_path / "w.duckdb") as store:
        _watcher(Source(url=feed.url)).cycle(store, due_only=False)
        # As if the process died after its last batch, before the story stage.
        store.con.execute("DELETE FROM story_articles")
        store.con.execute("DELETE FROM stories")
        store.con.execute("DELETE FROM article_copies")
        restarted = _watcher(Source(url=feed.url)).cycle(store, due_only=False)
        members = store.query("SELECT count(*) AS n FROM story_articles")[0]["n"]
    assert restarted.new_items == 0 and restarted.stories.articles == 3
    assert members == 3
