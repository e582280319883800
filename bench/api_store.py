"""A store of 10^5 generated events for the API benchmark, written with the store's own writer.

The rows are built as pipeline records (`Processed` with `Event`s and `Quote`s) and written by
`Store.write_batch`, so the schema, the ids and the actor rows are exactly what a real run makes.
Actors are the dictionary's states and people; types, CAMEO codes and Goldstein scores come from
the ontology table; dates are spread over five years. One seeded `random.Random` draws everything.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from eventwire.actors import ActorDictionary
from eventwire.coder.ontology import cameo_codes
from eventwire.records import Actor, Article, BatchResult, Event, Processed, Quote, RawDocument
from eventwire.store import Store

FIRST_DAY = date(2021, 1, 1)
DAYS = 5 * 365
EVENTS_PER_ARTICLE = 10
ARTICLES_PER_BATCH = 500
OUTLETS = ("Continental Wire", "Asia Pacific Wire", "Balkan Ledger", "Brussels Briefing", "Herald")
# Most news is about a few pairs of states: a skewed choice makes dyad and country filters realistic.
BUSY_STATES = ("CHN", "RUS", "USA", "UKR", "IND", "DEU", "FRA", "IRN", "ISR", "TUR")
BUSY_SHARE = 0.6


def _actors(dictionary: ActorDictionary) -> tuple[list[Actor], list[Actor]]:
    states = list(dictionary.states())
    people = sorted({e.actor for e in dictionary.iter_entries("person")}, key=lambda a: a.name)
    return states, people


def build_store(path: Path, events: int = 100_000, seed: int = 7) -> dict[str, int]:
    """Write `events` events (in articles of `EVENTS_PER_ARTICLE`) into a new store at `path`.

    Returns:
        The store's table counts.
    """
    rng = random.Random(seed)
    dictionary = ActorDictionary.load()
    states, people = _actors(dictionary)
    busy = [s for s in states if s.country in BUSY_STATES]
    codes = [c for c in cameo_codes().values() if len(c.code) == 3]
    path.unlink(missing_ok=True)

    def actor() -> Actor:
        if rng.random() < BUSY_SHARE:
            return rng.choice(busy)
        return rng.choice(states) if rng.random() < 0.5 else rng.choice(people)

    n_articles = events // EVENTS_PER_ARTICLE
    with Store(path) as store:
        for start in range(0, n_articles, ARTICLES_PER_BATCH):
            batch = BatchResult()
            for i in range(start, min(start + ARTICLES_PER_BATCH, n_articles)):
                batch.processed.append(_article(rng, i, actor, codes))
            store.write_batch(batch)
        return {
            t: int(store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[index]
            for t in ("articles", "events", "actors", "quotes")
        }


def _article(rng: random.Random, i: int, actor: object, codes: list) -> Processed:  # type: ignore[type-arg]
    published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    doc_id = f"bench-{i:06d}"
    sentences = []
    events = []
    for k in range(EVENTS_PER_ARTICLE):
        source, target = actor(), actor()  # type: ignore[operator]
        while target == source:
            target = actor()  # type: ignore[operator]
        code = rng.choice(codes)
        evidence = f"{source.name} and {target.name}: {code.name.lower()} (report {i}, sentence {k})."
        sentences.append(evidence)
        events.append(
            Event(
                doc_id=doc_id,
                type=code.plover,
                source=source,
                target=target,
                cameo=code.code,
                goldstein=code.goldstein,
                mode=code.mode or None,
                date=published - timedelta(days=rng.randrange(3)),
                date_precision="day",
                date_reason="generated",
                location=None,
                evidence=evidence,
                sentence_index=k,
                rule="bench",
                confidence=0.9,
            )
        )
    text = "\n\n".join(sentences)
    outlet = OUTLETS[i % len(OUTLETS)]
    raw = RawDocument(text=text, format="text", source=f"bench/{doc_id}.txt", doc_id=doc_id, outlet=outlet)
    article = Article(
        doc_id=doc_id,
        text=text,
        title=f"Generated report {i}",
        outlet=outlet,
        published=published,
        source=raw.source,
        hash=raw.hash,
    )
    speaker = events[0].source
    quote = Quote(
        doc_id=doc_id, speaker=speaker.name, text=f"We said this in report {i}.", speaker_actor=speaker
    )
    return Processed(document=raw, article=article, events=events, quotes=[quote])
