"""`eventwire serve --watch` in Chromium: a page left open shows a story that a watch cycle brought
in, while the server keeps answering (one process owns the database: no lock errors)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from server_helpers import Server, serve

WATCH_TESTS = Path(__file__).resolve().parents[1] / "watch"
if str(WATCH_TESTS) not in sys.path:
    sys.path.append(str(WATCH_TESTS))

from site_server import SiteServer  # noqa: E402
from watch_helpers import STORIES, Feed  # noqa: E402

pytestmark = pytest.mark.slow

LATE_TITLE = STORIES["energy-eastern"][2]


@pytest.fixture
def site() -> Iterator[SiteServer]:
    with SiteServer() as server:
        yield server


@pytest.fixture
def watching(site: SiteServer, tmp_path: Path) -> Iterator[tuple[Server, Feed]]:
    feed = Feed(site, "/wire.xml", "Eastern Herald")
    feed.add_story("talks-beijing")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[fetch]\nhost_delay = 0.0\n\n[[source]]\nurl = "{feed.url}"\ninterval = 1\n', encoding="utf-8"
    )
    config = tmp_path / "eventwire.toml"
    config.write_text("[eventwire]\ncode_events = false\n", encoding="utf-8")
    extra = ("--watch", "--sources", str(sources), "--config", str(config))
    with serve(tmp_path / "watched.duckdb", tmp_path / "serve.log", extra=extra) as server:
        yield server, feed


def _cycles(server: Server) -> int:
    return int(httpx.get(server.url + "/api/watch", timeout=10).json()["cycles"])


def test_web_watch_story_appears_on_the_open_page(
    browser: Any, watching: tuple[Server, Feed], screenshots: Path
) -> None:
    server, feed = watching
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(server.url + "/stories")  # the list of stories (the overview is the first page)
        page.wait_for_selector("a.story-link", timeout=120_000)  # the first cycle's story (reloaded in)
        assert page.locator("a.story-link", has_text=LATE_TITLE).count() == 0
        cycles = _cycles(server)

        feed.add_story("energy-eastern")
        # Nobody reloads: the page notices the cycle's commit and shows the new story by itself.
        page.wait_for_selector(f"a.story-link:has-text('{LATE_TITLE}')", timeout=120_000)
        page.screenshot(path=str(screenshots / "watch-stories.png"), full_page=True)

        assert _cycles(server) > cycles
        health = httpx.get(server.url + "/api/health", timeout=10)
        assert health.status_code == 200 and health.json()["counts"]["articles"] == 2
        page.goto(server.url + "/sources")
        assert page.locator("table.sources td", has_text=feed.url).count() == 1
        assert "lock" not in server.log.read_text(encoding="utf-8").lower()
        assert not errors, errors
    finally:
        context.close()
