"""Articles and events built by hand, stored through the real store."""

from __future__ import annotations

import random
from datetime import date, timedelta

from eventwire.records import Actor, Article, BatchResult, Event, Processed, RawDocument
from eventwire.store import Store

CHN = Actor("China", "CHN", "GOV")
RUS = Actor("Russia", "RUS", "GOV")
WANG = Actor("Wang Yi", "CHN", "GOV", "person")
LAVROV = Actor("Sergei Lavrov", "RUS", "GOV", "person")
PUTIN = Actor("Vladimir Putin", "RUS", "GOV", "person")


def event(doc_id: str, type_: str, source: Actor, target: Actor, day: date | None, **more) -> Event:
    return Event(
        doc_id=doc_id,
        type=type_,
        source=source,
        target=target,
        cameo="040",
        goldstein=1.0,
        date=day,
        evidence=more.pop("evidence", f"{source.name} {type_} {target.name}"),
        **more,
    )


def processed(
    doc_id: str,
    text: str,
    published: date | None,
    outlet: str | None = None,
    events: list[Event] | None = None,
) -> Processed:
    raw = RawDocument(text=text, format="text", source=f"corpus/{doc_id}.txt", doc_id=doc_id)
    article = Article(
        doc_id=doc_id,
        text=text,
        title=text.split(".")[0],
        outlet=outlet,
        published=published,
        source=f"corpus/{doc_id}.txt",
        hash=raw.hash,
    )
    return Processed(document=raw, article=article, events=events or [])


def store_batch(store: Store, *items: Processed) -> None:
    store.write_batch(BatchResult(processed=list(items)))


def generated_coverage(seed: int = 3, stories: int = 60, days: int = 40) -> list[dict[str, str | None]]:
    """Articles made of words (no events), JSON Lines-ready, in input order: stories of 1-6
    articles over 0-3 days, a quarter of them syndicated copies, a few long stories with an
    article every other day for the whole span (they cross every window), a few undated."""
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(3000)
    ]
    start = date(2024, 3, 1)
    found: list[dict[str, str | None]] = []

    def article(words: list[str], day: date | None, outlet: int, text: str | None = None) -> None:
        body = text or " ".join(rng.choices(vocabulary[:800], k=90) + rng.choices(words, k=40))
        found.append(
            {
                "id": f"gen{len(found):04d}",
                "outlet": f"Outlet {outlet}",
                "title": " ".join(words[:4]),
                "published": day.isoformat() if day else None,
                "text": body,
            }
        )

    for _ in range(stories):
        words = rng.sample(vocabulary[800:], 20)
        first = start + timedelta(days=rng.randrange(days))
        wire: str | None = None
        for member in range(rng.randint(1, 6)):
            day = first + timedelta(days=rng.randint(0, 3))
            copy = wire is not None and rng.random() < 0.25
            article(words, day, member % 5, f"{wire} Reporting by desk {member}." if copy else None)
            wire = wire or str(found[-1]["text"])
    for _ in range(2):
        words = rng.sample(vocabulary[800:], 20)
        for day in range(0, days, 2):
            article(words, start + timedelta(days=day), day % 5)
    for _ in range(3):
        article(rng.sample(vocabulary[800:], 20), None, 1)
    rng.shuffle(found)
    return found


def coverage_processed(items: list[dict[str, str | None]]) -> list[Processed]:
    return [
        processed(
            str(i["id"]),
            str(i["text"]),
            date.fromisoformat(i["published"]) if i["published"] else None,
            outlet=i["outlet"],
        )
        for i in items
    ]
