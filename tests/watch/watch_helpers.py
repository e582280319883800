"""Publishing on the test site: feeds whose items link to article pages, changed between cycles."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from site_server import Route, SiteServer, article_html, pub_date, rss

# The API tests' corpus (real names, so the full pipeline codes events; two energy articles
# that tell one story from two outlets): reused, not copied.
API_TESTS = Path(__file__).resolve().parents[1] / "api"
if str(API_TESTS) not in sys.path:
    sys.path.append(str(API_TESTS))

from server_helpers import CORPUS  # noqa: E402

STORIES = {doc_id: (outlet, published, title, text) for doc_id, outlet, published, title, text in CORPUS}

CITIES = ("Amberton", "Brightwater", "Coldharbour", "Dunmore", "Eastvale", "Fairholm", "Greyport")
TOPICS = ("river crossings", "grain exports", "rail links", "fishing rights", "power lines", "visa rules")


def filler(i: int) -> tuple[str, list[str]]:
    """A distinct ordinary article (title, paragraphs) for number `i`."""
    city, topic = CITIES[i % len(CITIES)], TOPICS[i % len(TOPICS)]
    return (
        f"Council of {city} reviews {topic} (report {i})",
        [
            f"{city.upper()} - The regional council of {city} met to review plans on {topic}, "
            f"the council's spokesperson said in statement number {i}.",
            f"Members spent {i % 7 + 2} hours on proposal {i} and asked officials for a costed plan "
            f"before the next session, due in {i % 11 + 3} weeks.",
            f"Local businesses said the delay of case {i} was hurting trade along the coast of {city}.",
        ],
    )


@dataclass
class Feed:
    """One outlet's RSS feed on the site; `add` publishes a page and lists it first."""

    site: SiteServer
    path: str
    outlet: str
    items: list[dict[str, str]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.site.url(self.path)

    def add(
        self, slug: str, title: str, paragraphs: list[str], published: str, route: Route | None = None
    ) -> str:
        page = f"/news/{slug}.html"
        self.site.set(page, route or Route(body=article_html(title, paragraphs, site=self.outlet)))
        # Tracking parameters on the link: the watcher must fetch the page once all the same.
        self.items.insert(
            0,
            {"title": title, "link": self.site.url(page) + "?utm_source=rss", "pubDate": pub_date(published)},
        )
        self.publish()
        return self.site.url(page)

    def add_story(self, doc_id: str) -> str:
        _, published, title, text = STORIES[doc_id]
        return self.add(doc_id, title, text.split("\n\n"), published)

    def add_filler(self, i: int, published: str = "2025-05-14") -> str:
        title, paragraphs = filler(i)
        return self.add(f"filler-{i}", title, paragraphs, published)

    def publish(self) -> None:
        self.site.set(self.path, Route(body=rss(self.outlet, self.items), content_type="application/rss+xml"))
