"""The pages in headless Chromium: every page loads cleanly, a reader can click from a story to an
event to its evidence, the filters work, the charts draw, and scraped markup never runs.

Screenshots of every page go to tests/web/screenshots/ (or $EVENTWIRE_SCREENSHOTS).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from server_helpers import XSS_IMG, XSS_SCRIPT, XSS_TITLE, Server

pytestmark = pytest.mark.slow

ENERGY_TITLE = "Russia and China sign gas supply agreement"


class Watched:
    """A page with what went wrong on it: console errors (CSP violations among them), failed
    requests, and dialogs (an alert() from injected markup would be one)."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visit(self, path: str) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, path
        self.page.wait_for_load_state("networkidle")

    def clean(self) -> None:
        assert not self.errors, self.errors
        assert not self.dialogs, self.dialogs


@pytest.fixture
def watched(browser: Any, server: Server) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield Watched(context.new_page(), server.url)
    finally:
        context.close()


def _api(server: Server, path: str, **params: object) -> Any:
    return httpx.get(server.url + path, params=params, timeout=30).json()


def test_web_every_page_loads_cleanly(watched: Watched, server: Server, screenshots: Path) -> None:
    story = next(s["id"] for s in _api(server, "/api/stories")["items"] if s["n_articles"] == 2)
    event = _api(server, "/api/events", dyad="CHN-RUS", type="ACCUSE")["items"][0]
    wang = next(a["id"] for a in _api(server, "/api/actors", name="wang")["items"])
    pages = {
        "stories": "/",
        "story": f"/stories/{story}",
        "events": "/events",
        "event": f"/events/{event['id']}",
        "article": f"/articles/{event['article']['id']}?event={event['id']}",
        "articles": "/articles",
        "actors": "/actors",
        "actor": f"/actors/{wang}",
        "dyads": "/dyads",
        "dyad": "/dyads/CHN/RUS",
        "ingest": "/ingest",
        "api-docs": "/docs/api",
    }
    for name, path in pages.items():
        watched.visit(path)
        assert watched.page.locator("h1").count() >= 1, path
        watched.page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)
    watched.clean()


def test_web_click_from_story_to_event_to_evidence(watched: Watched, screenshots: Path) -> None:
    page = watched.page
    watched.visit("/")
    page.get_by_role("link", name=ENERGY_TITLE).click()
    page.wait_for_url("**/stories/*")
    assert page.locator(".outlet-column").count() == 2
    assert page.locator(".outlet-column .unique").count() > 0
    assert page.locator(".outlet-column .shared").count() > 0
    page.screenshot(path=str(screenshots / "click-1-story.png"), full_page=True)

    page.locator(".report-link").first.click()
    page.wait_for_url("**/events/*")
    evidence = page.locator("blockquote.evidence-quote").inner_text()
    page.screenshot(path=str(screenshots / "click-2-event.png"), full_page=True)

    page.locator("#to-evidence").click()
    page.wait_for_url("**/articles/*")
    assert "event=" in page.url and page.url.endswith("#evidence")
    mark = page.locator("mark#evidence")
    assert mark.is_visible()
    assert " ".join(mark.inner_text().split()) == " ".join(evidence.split())
    page.screenshot(path=str(screenshots / "click-3-evidence.png"), full_page=True)
    watched.clean()


def test_web_scraped_markup_is_shown_never_run(watched: Watched, server: Server, screenshots: Path) -> None:
    page = watched.page
    story = next(s["id"] for s in _api(server, "/api/stories")["items"] if s["articles"] == ["xss-page"])
    event = _api(server, "/api/events", doc="xss-page")["items"][0]["id"]
    for path in (
        "/",
        f"/stories/{story}",
        "/articles",
        "/events?country=DEU",
        f"/articles/xss-page?event={event}",
    ):
        watched.visit(path)
        assert page.locator("img").count() == 0, path
    assert page.locator("h1").inner_text() == XSS_TITLE
    text = page.locator(".article-text").inner_text()
    assert XSS_SCRIPT in text and XSS_IMG in text
    assert page.evaluate("document.scripts.length") == 0
    page.screenshot(path=str(screenshots / "xss-article.png"), full_page=True)
    watched.clean()


def test_web_events_table_filters_and_download(watched: Watched) -> None:
    page = watched.page
    watched.visit("/events")
    page.fill("input[name=country]", "chn")
    page.select_option("select[name=type]", "AGREE")
    page.click("button[type=submit]")
    page.wait_for_url("**/events?*")
    assert "country=CHN" in page.url or "country=chn" in page.url
    rows = page.locator("tr.event")
    assert rows.count() > 0
    assert all("AGREE" in rows.nth(i).inner_text() for i in range(rows.count()))
    link = page.get_by_role("link", name="CSV").get_attribute("href")
    assert link is not None and "type=AGREE" in link and "format=csv" in link
    download = page.request.get(watched.base + link)
    assert download.status == 200 and download.text().count("\n") == rows.count() + 1
    # Every row links to its evidence in the article.
    page.locator("a.evidence-link").first.click()
    page.wait_for_url("**/articles/*#evidence")
    assert page.locator("mark#evidence").is_visible()
    watched.clean()


def test_web_dyad_charts_drawn_with_the_served_library(watched: Watched, screenshots: Path) -> None:
    page = watched.page
    chart_js: list[int] = []
    page.on(
        "response", lambda r: chart_js.append(r.status) if r.url.endswith("/static/vendor/chart.js") else None
    )
    watched.visit("/dyads/CHN/RUS")
    page.wait_for_selector("html[data-charts=drawn]")
    assert chart_js == [200]
    for canvas in ("#dyad-counts", "#dyad-goldstein"):
        box = page.locator(canvas).bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100
    assert page.locator("tr.event").count() == _count_dyad_rows(watched)
    page.screenshot(path=str(screenshots / "dyad-chart.png"), full_page=True)
    watched.clean()


def _count_dyad_rows(watched: Watched) -> int:
    return int(httpx.get(watched.base + "/api/dyads/CHN/RUS", timeout=30).json()["total"])
