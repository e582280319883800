"""Articles and events built by hand, stored through the real store."""

from __future__ import annotations

from datetime import date

from eventwire.records import Actor, Article, BatchResult, Event, Processed, RawDocument
from eventwire.store import Store

CHN = Actor("China", "CHN", "GOV")
RUS = Actor("Russia", "RUS", "GOV")
WANG = Actor("Wang Yi", "CHN", "GOV", "person")
LAVROV = Actor("Sergei Lavrov", "RUS", "GOV", "person")
PUTIN = Actor("Vladimir Putin", "RUS", "GOV", "person")


def event(doc_id: str, type_: str, source: Actor, target: Actor, day: date | None, **more) -> Event:
    return Event(
        doc_id=doc_id, type=type_, source=source, target=target, cameo="040", goldstein=1.0, date=day,
        evidence=more.pop("evidence", f"{source.name} {type_} {target.name}"), **more,
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
        doc_id=doc_id, text=text, title=text.split(".")[0], outlet=outlet, published=published,
        source=f"corpus/{doc_id}.txt", hash=raw.hash,
    )
    return Processed(document=raw, article=article, events=events or [])


def store_batch(store: Store, *items: Processed) -> None:
    store.write_batch(BatchResult(processed=list(items)))
