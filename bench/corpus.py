"""Generate the benchmark corpora: invented political news from the templates of `corpus_data`.

Everything is drawn from one seeded `random.Random`, so a seed always gives the same files.

- `write_ingest_corpus`: a folder of mixed inputs (scraped `.txt` pages with menus, share rows,
  comments and footers; `.html` pages; one `.jsonl` file; one RSS feed) for the ingest benchmark.
- `write_article_corpus`: plain article `.txt` files (title, date, body) of about 600 words for the end-to-end
  benchmark, returned with their texts so the bare spaCy run can parse the very same prose.
"""

from __future__ import annotations

import html
import json
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import corpus_data as data

# Officeholders in `corpus_data.STATES` all held office in this window.
FIRST_DAY = date(2023, 9, 15)
LAST_DAY = date(2023, 10, 3)
DEFAULT_EVENT_SHARE = 0.4
"""Share of body sentences drawn from the event templates (the rest is background)."""
INGEST_WORDS = (150, 500)
"""Body length range of the ingest corpus's documents, in words."""

# Share of the ingest corpus in each format (the rest are scraped .txt pages).
JSONL_SHARE = 0.15
HTML_SHARE = 0.10
FEED_SHARE = 0.02

# Lists a template field draws from; a field named here gets a fresh pick in every sentence.
_LISTS: dict[str, tuple[str, ...]] = {
    "topic": data.TOPICS,
    "topic2": data.TOPICS,
    "demand": data.DEMANDS,
    "accusation": data.ACCUSATIONS,
    "bad_action": data.BAD_ACTIONS,
    "joint_action": data.JOINT_ACTIONS,
    "offer": data.OFFERS,
    "condition": data.CONDITIONS,
    "threat": data.THREATS,
    "praise": data.PRAISES,
    "aid_need": data.AID_NEEDS,
    "warning": data.WARNINGS,
    "refusal": data.REFUSAL_REASONS,
    "verdict": data.TALK_VERDICTS,
    "quote": data.QUOTES,
    "domestic_demand": data.DOMESTIC_DEMANDS,
    "commodity": data.COMMODITIES,
    "region": data.REGIONS,
    "sticking_point": data.STICKING_POINTS,
    "past_crisis": data.PAST_CRISES,
    "day": data.WEEKDAYS,
    "month": data.MONTHS,
    "ordinal": data.ORDINALS,
    "number_word": data.NUMBER_WORDS,
}


@dataclass(frozen=True, slots=True)
class State:
    """A state with its leader and foreign minister, as the templates name them."""

    name: str
    adj: str
    capital: str
    title: str
    leader: str
    pron: str
    fm: str


STATES = tuple(State(*row) for row in data.STATES)


@dataclass(slots=True)
class GeneratedArticle:
    """One invented news article."""

    title: str
    published: date
    outlet: str
    reporter: str
    paragraphs: list[str]
    sentences: int = 0
    event_sentences: int = 0
    """How many sentences came from the event templates (the generator's own count)."""

    @property
    def text(self) -> str:
        """The body as the extractor stores it: paragraphs joined by blank lines."""
        return "\n\n".join(self.paragraphs)

    @property
    def words(self) -> int:
        return len(self.text.split())


class _Fields(dict[str, Any]):
    """Template fields: article-wide ones given, list fields and numbers drawn on demand."""

    def __init__(self, rng: random.Random, fixed: dict[str, Any]) -> None:
        super().__init__(fixed)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        rng = self.rng
        if key in _LISTS:
            return rng.choice(_LISTS[key])
        numbers: dict[str, Callable[[], object]] = {
            "n": lambda: rng.randint(2, 40),
            "big": lambda: f"{rng.randint(120, 9000):,}",
            "pct": lambda: f"{rng.uniform(0.5, 14.5):.1f}",
            "year": lambda: rng.randint(1994, 2021),
            "next_year": lambda: rng.choice((2024, 2025, 2026)),
        }
        if key in numbers:
            return str(numbers[key]())
        raise KeyError(f"template field {{{key}}} has no list in corpus.py")


class _Deck:
    """Templates dealt without repeats until all are used, so an article rarely says a thing twice."""

    def __init__(self, rng: random.Random, templates: tuple[str, ...]) -> None:
        self.rng = rng
        self.templates = templates
        self.left: list[str] = []

    def draw(self) -> str:
        if not self.left:
            self.left = list(self.templates)
            self.rng.shuffle(self.left)
        return self.left.pop()


def _fill(template: str, fields: _Fields) -> str:
    text = template.format_map(fields)
    return text[:1].upper() + text[1:]


class ArticleMaker:
    """Writes invented articles: a headline, a dateline, paragraphs of event and background prose.

    Args:
        rng: the seeded generator every choice comes from.
        event_share: the chance that a body sentence (after the lead, which always is one)
            comes from the event templates.
    """

    def __init__(self, rng: random.Random, event_share: float = DEFAULT_EVENT_SHARE) -> None:
        self.rng = rng
        self.event_share = event_share

    def article(self, words: int) -> GeneratedArticle:
        """An article whose body has at least `words` words (it stops after the paragraph that
        crosses the mark, so it runs a sentence or two over)."""
        rng = self.rng
        a, b, c = rng.sample(STATES, 3)
        city = rng.choice((a.capital, a.capital, b.capital))
        published = FIRST_DAY + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
        outlet = rng.choice(data.OUTLETS)
        fixed = {
            "a": a,
            "b": b,
            "c": c,
            "city": city,
            "city_upper": city.upper(),
            "outlet": outlet,
            "dom": str(published.day),
            "pub_month": data.MONTHS[published.month - 1],
        }
        fields = _Fields(rng, fixed)
        events, backgrounds = _Deck(rng, data.EVENT_SENTENCES), _Deck(rng, data.BACKGROUND_SENTENCES)
        title = _fill(rng.choice(data.HEADLINES), fields)
        lead = _fill(rng.choice(data.DATELINES), fields) + _fill(events.draw(), fields)
        article = GeneratedArticle(
            title=title,
            published=published,
            outlet=outlet,
            reporter=rng.choice(data.REPORTERS),
            paragraphs=[lead],
            sentences=1,
            event_sentences=1,
        )
        count = len(lead.split())
        while count < words:
            paragraph = []
            for _ in range(rng.choice((1, 2, 2, 3))):
                # A third state now and then, as follow-up paragraphs bring in other capitals.
                fields["a"], fields["b"] = (a, b) if rng.random() < 0.8 else rng.sample((a, b, c), 2)
                is_event = rng.random() < self.event_share
                deck = events if is_event else backgrounds
                paragraph.append(_fill(deck.draw(), fields))
                article.sentences += 1
                article.event_sentences += int(is_event)
            text = " ".join(paragraph)
            article.paragraphs.append(text)
            count += len(text.split())
        return article

    def unique_articles(self, n: int, words: Callable[[], int]) -> list[GeneratedArticle]:
        """`n` articles with pairwise different bodies (eventwire would store a repeat once)."""
        seen: set[str] = set()
        articles: list[GeneratedArticle] = []
        while len(articles) < n:
            article = self.article(words())
            if article.text not in seen:
                seen.add(article.text)
                articles.append(article)
        return articles


# -- formats --------------------------------------------------------------------------------------


def _long_date(day: date) -> str:
    return f"{data.MONTHS[day.month - 1]} {day.day}, {day.year}"


def scraped_page(article: GeneratedArticle, rng: random.Random) -> str:
    """The article as a scraper saves a whole page: menus, share rows, comments, footer."""
    lines: list[str] = []
    if rng.random() < 0.3:
        lines += [rng.choice(data.COOKIE_LINES), ""]
    lines += [*rng.sample(data.NAV_LINES, rng.randint(2, 5)), "", article.title]
    lines.append(f"{_long_date(article.published)}, {rng.randint(6, 11)}:{rng.randint(0, 59):02d} am")
    if rng.random() < 0.6:
        lines.append(f"By {article.reporter}")
    lines.append("")
    if rng.random() < 0.5:
        lines += [*rng.sample(data.SHARE_LINES, rng.randint(2, 4)), ""]
    for i, paragraph in enumerate(article.paragraphs):
        lines += [paragraph, ""]
        if i == 2 and rng.random() < 0.3:
            lines += ["Advertisement", ""]
    if rng.random() < 0.5:
        lines += [*rng.sample(data.SHARE_LINES, rng.randint(2, 3)), ""]
    if rng.random() < 0.4:
        lines.append(rng.choice(data.RELATED_HEADERS))
        lines += [_fill(rng.choice(data.HEADLINES), _random_fields(rng)) for _ in range(3)] + [""]
    if rng.random() < 0.4:
        replies = rng.randint(1, 4)
        lines += [f"{replies} Responses to {article.title}", ""]
        for _ in range(replies):
            lines += [
                f"{rng.choice(data.COMMENT_USERS)} Reply",
                f"{_long_date(article.published)} at {rng.randint(1, 11)}:{rng.randint(0, 59):02d} pm",
                rng.choice(data.COMMENT_TEXTS),
                "",
            ]
    footer_fields = {"year": article.published.year, "outlet": article.outlet}
    lines += [line.format(**footer_fields) for line in rng.sample(data.FOOTER_LINES, 2)]
    return "\n".join(lines) + "\n"


def html_page(article: GeneratedArticle, rng: random.Random) -> str:
    """The article as a news site's HTML page, with navigation, a sidebar and a footer."""
    esc = html.escape
    nav = "".join(f"<li><a href='/{w.lower()}'>{w}</a></li>" for w in ("World", "Politics", "Business"))
    body = "\n".join(f"      <p>{esc(p)}</p>" for p in article.paragraphs)
    teasers = [_fill(rng.choice(data.HEADLINES), _random_fields(rng)) for _ in range(3)]
    related = "".join(f"<li><a href='/story/{rng.randint(1000, 9999)}'>{esc(t)}</a></li>" for t in teasers)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{esc(article.title)} | {esc(article.outlet)}</title>
  <meta property="og:site_name" content="{esc(article.outlet)}">
  <meta property="article:published_time" content="{article.published.isoformat()}T08:00:00Z">
  <meta name="author" content="{esc(article.reporter)}">
</head>
<body>
  <header><nav><ul>{nav}</ul></nav></header>
  <main>
    <article>
      <h1>{esc(article.title)}</h1>
      <p class="byline">By {esc(article.reporter)}, {_long_date(article.published)}</p>
{body}
    </article>
    <aside><h2>Related stories</h2><ul>{related}</ul></aside>
  </main>
  <footer><p>&copy; {article.published.year} {esc(article.outlet)}. All rights reserved.</p></footer>
</body>
</html>
"""


def jsonl_line(article: GeneratedArticle, number: int) -> str:
    """The article as one JSON Lines record."""
    slug = "-".join(article.title.lower().split()[:6])
    record = {
        "id": f"bench-{number:05d}",
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published.isoformat(),
        "url": f"https://news.example/{article.published.isoformat()}/{slug}",
        "text": article.text,
    }
    return json.dumps(record, ensure_ascii=False)


def rss_feed(articles: list[GeneratedArticle]) -> str:
    """The articles as the items of one RSS 2.0 feed with full content."""
    items = []
    for i, article in enumerate(articles):
        content = "".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
        items.append(
            f"""  <item>
    <title>{html.escape(article.title)}</title>
    <link>https://wire.example/item/{i}</link>
    <guid isPermaLink="false">bench-feed-{i}</guid>
    <pubDate>{article.published.strftime("%a, %d %b %Y")} 07:30:00 +0000</pubDate>
    <content:encoded><![CDATA[{content}]]></content:encoded>
  </item>"""
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
        "<channel>\n  <title>Bench Wire</title>\n  <link>https://wire.example/</link>\n"
        "  <description>Generated items for eventwire's benchmark.</description>\n"
        + "\n".join(items)
        + "\n</channel>\n</rss>\n"
    )


def _random_fields(rng: random.Random) -> _Fields:
    a, b, c = rng.sample(STATES, 3)
    fixed = {
        "a": a,
        "b": b,
        "c": c,
        "city": a.capital,
        "city_upper": a.capital.upper(),
        "outlet": "",
        "dom": "1",
        "pub_month": "May",
    }
    return _Fields(rng, fixed)


# -- corpora --------------------------------------------------------------------------------------


@dataclass(slots=True)
class CorpusInfo:
    """What a generated corpus holds."""

    folder: Path
    documents: int
    files: int
    by_format: Counter[str] = field(default_factory=Counter)
    words: int = 0


def write_ingest_corpus(folder: Path, n_docs: int, seed: int) -> CorpusInfo:
    """Write `n_docs` documents of mixed formats into `folder` (created if absent).

    Returns:
        Counts by format (`txt`, `html`, `jsonl`, `feed`): each jsonl line and feed item is a
        document of its own.
    """
    rng = random.Random(seed)
    maker = ArticleMaker(rng)
    articles = maker.unique_articles(n_docs, lambda: rng.randint(*INGEST_WORDS))
    n_jsonl = round(n_docs * JSONL_SHARE)
    n_html = round(n_docs * HTML_SHARE)
    n_feed = max(1, round(n_docs * FEED_SHARE))
    jsonl, feed = articles[:n_jsonl], articles[n_jsonl : n_jsonl + n_feed]
    pages = articles[n_jsonl + n_feed :]
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    info = CorpusInfo(folder=folder, documents=n_docs, files=0, words=sum(a.words for a in articles))
    with (folder / "wire.jsonl").open("w", encoding="utf-8") as out:
        for number, article in enumerate(jsonl):
            out.write(jsonl_line(article, number) + "\n")
    (folder / "wire.rss").write_text(rss_feed(feed), encoding="utf-8")
    info.by_format.update(jsonl=len(jsonl), feed=len(feed))
    info.files = 2
    for number, article in enumerate(pages):
        if number < n_html:
            (folder / "pages" / f"{number:05d}.html").write_text(html_page(article, rng), encoding="utf-8")
            info.by_format["html"] += 1
        else:
            (folder / "pages" / f"{number:05d}.txt").write_text(scraped_page(article, rng), encoding="utf-8")
            info.by_format["txt"] += 1
        info.files += 1
    return info


def write_article_corpus(
    folder: Path, n: int, seed: int, words: int = 600, event_share: float = DEFAULT_EVENT_SHARE
) -> list[GeneratedArticle]:
    """Write `n` plain articles of about `words` words, one `.txt` file each (title, date line,
    blank line, body), into `folder`.

    Returns:
        The articles, whose `text` is what the extractor keeps as the body.
    """
    rng = random.Random(seed)
    articles = ArticleMaker(rng, event_share).unique_articles(n, lambda: words)
    folder.mkdir(parents=True, exist_ok=True)
    for number, article in enumerate(articles):
        page = f"{article.title}\n{_long_date(article.published)}\n\n{article.text}\n"
        (folder / f"{number:04d}.txt").write_text(page, encoding="utf-8")
    return articles
