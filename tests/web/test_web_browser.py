"""The pages in headless Chromium: every page loads cleanly, a reader can click from a story to an
event to its evidence, the filters work, the charts and maps draw, search finds an actor, and
scraped markup never runs.

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
        "overview": "/",
        "stories": "/stories",
        "map": "/map",
        "search": "/search?q=Lavrov",
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
    watched.visit("/stories")
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
        "/stories",
        "/search?q=ambassador",
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
    # A mutual pair (both signed) is one row on the page and two in the data.
    assert page.locator("tr.event.mutual").count() > 0
    assert download.status == 200 and download.text().count("\n") == _shown_events(page) + 1
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
    assert _shown_events(page) == _count_dyad_rows(watched)
    page.screenshot(path=str(screenshots / "dyad-chart.png"), full_page=True)
    watched.clean()


def _shown_events(page: Any) -> int:
    """Events in a page's table: a mutual pair's row stands for its two events."""
    return page.locator("tr.event").count() + page.locator("tr.event.mutual").count()


def _count_dyad_rows(watched: Watched) -> int:
    return int(httpx.get(watched.base + "/api/dyads/CHN/RUS", timeout=30).json()["total"])


def test_web_overview_is_the_first_page_with_charts_and_links(watched: Watched, screenshots: Path) -> None:
    page = watched.page
    watched.visit("/")
    page.wait_for_selector("html[data-charts=drawn]")
    assert page.locator("h1").inner_text() == "Overview"
    for canvas in ("#overview-counts", "#overview-goldstein"):
        box = page.locator(canvas).bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100
    assert page.locator("table.stories tr.story").count() >= 1
    page.screenshot(path=str(screenshots / "overview.png"), full_page=True)
    # Click a bar of the stacked chart: that period's events of that type.
    box = page.locator("#overview-counts").bounding_box()
    assert box is not None
    chart = _api_json(watched, "/api/overview")["chart"]
    totals = [sum(chart["counts"][t][i] for t in chart["types"]) for i in range(len(chart["labels"]))]
    busiest = totals.index(max(totals))
    x, y = _bar_middle(page, busiest)
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url("**/events?type=*")
    assert f"since={chart['labels'][busiest]}" in page.url and page.locator("tr.event").count() > 0
    watched.visit("/")
    page.locator("table.dyads a").first.click()
    page.wait_for_url("**/dyads/*/*")
    watched.clean()


def _bar_middle(page: Any, index: int) -> tuple[float, float]:
    """The middle of a non-empty segment of the index-th stacked bar, from Chart.js itself."""
    x, y = page.evaluate(
        "(i) => { const c = Chart.getChart(document.getElementById('overview-counts'));"
        " const d = c.data.datasets.findIndex((ds) => ds.data[i] > 0);"
        " const bar = c.getDatasetMeta(d).data[i]; return [bar.x, (bar.y + bar.base) / 2]; }",
        index,
    )
    return float(x), float(y)


def _api_json(watched: Watched, path: str, **params: object) -> Any:
    return httpx.get(watched.base + path, params=params, timeout=30).json()


def test_web_map_draws_places_offline_and_opens_the_events_there(watched: Watched, screenshots: Path) -> None:
    page = watched.page
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    watched.visit("/map")
    page.wait_for_selector("html[data-map=drawn]")
    # Everything from this server: country shapes, script; no tile server, no CDN.
    assert all(url.startswith(watched.base) for url in requested), requested
    assert any(url.endswith("/static/vendor/countries.json") for url in requested)
    assert page.locator(".map-svg path.land").count() > 150
    points = _api_json(watched, "/api/map")["points"]
    circles = page.locator(".map-svg circle.point")
    assert circles.count() == len(points) > 0
    sizes = [float(circles.nth(i).get_attribute("r") or 0) for i in range(circles.count())]
    assert max(sizes) > min(sizes)  # sized by count
    page.screenshot(path=str(screenshots / "map.png"), full_page=True)
    # A click on the busiest place opens its events.
    busiest = points[0]
    page.locator(f'circle.point[data-key="{busiest["key"]}"]').click()
    page.wait_for_url("**/map?*place=*")
    assert page.url.endswith("#events-here")
    shown = _shown_events(page.locator("#events-here"))
    assert shown == busiest["n"]
    page.screenshot(path=str(screenshots / "map-place.png"), full_page=True)
    # The filters are the events page's.
    watched.visit("/map")
    page.select_option("select[name=type]", "ACCUSE")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/map?*type=ACCUSE*")
    page.wait_for_selector("html[data-map=drawn]")
    accusations = _api_json(watched, "/api/map", type="ACCUSE")["points"]
    assert page.locator(".map-svg circle.point").count() == len(accusations) < len(points) + 1
    watched.clean()


def test_web_story_page_has_its_map(watched: Watched, server: Server, screenshots: Path) -> None:
    page = watched.page
    story = next(s["id"] for s in _api(server, "/api/stories")["items"] if s["n_articles"] == 2)
    watched.visit(f"/stories/{story}")
    page.wait_for_selector("html[data-map=drawn]")
    points = _api(server, "/api/map", story=story)["points"]
    assert page.locator("#story-map circle.point").count() == len(points) > 0
    page.locator("#story-map").screenshot(path=str(screenshots / "story-map.png"))
    page.locator("#story-map circle.point").first.click()
    page.wait_for_url(f"**/map?story={story}&place=*")
    assert page.locator("#events-here tr.event").count() > 0
    watched.clean()


def test_web_search_box_finds_an_actor(watched: Watched, screenshots: Path) -> None:
    page = watched.page
    watched.visit("/events")
    page.fill("header form.search input[name=q]", "wang yi")
    page.press("header form.search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    actors = page.locator("ul.actors a.actor")
    assert actors.count() == 1 and actors.first.inner_text() == "Wang Yi"
    assert page.locator("ul.articles li").count() >= 1
    page.screenshot(path=str(screenshots / "search.png"), full_page=True)
    actors.first.click()
    page.wait_for_url("**/actors/*")
    assert page.locator("h1").inner_text().startswith("Wang Yi")
    watched.clean()
