"""Side by side: what each outlet of a story reported, quoted and named, and what only it carries.

Each item is marked `shared` when another outlet of the story has it too: a consolidated event
reported by both, a quote whose words overlap, an actor or place both name, a passage that
tells what a passage of another outlet tells.

Passages are compared by their weighted share of common terms (the overlap coefficient), with
weights from how many of the story's sentences hold a term: the names every sentence of the
story repeats weigh little, the words of one fact ("memorandum", "de-escalation") weigh much.
A long official sentence that carries a short news sentence's fact among others counts as
telling it, which a cosine would miss.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eventwire.stories.text import passages, terms, words

PASSAGE_OVERLAP = 0.45
"""Weighted share of the shorter sentence's terms from which two sentences tell the same thing."""
PASSAGE_MIN_TERMS = 3
"""Terms two sentences must share, so that two short sentences about the same people do not match."""
QUOTE_OVERLAP = 0.5
"""Jaccard of word sets from which two quotes are the same words (trimmed or re-punctuated)."""


@dataclass(slots=True)
class OutletView:
    """One outlet's articles in a story, with what was coded from them."""

    outlet: str
    articles: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    """Consolidated events its articles report: id, type, source, target, date, location."""
    quotes: list[dict[str, Any]] = field(default_factory=list)
    """speaker, text."""


@dataclass(slots=True)
class _Passage:
    text: str
    terms: frozenset[str]
    weight: float = 0.0


def _overlap(a: _Passage, b: _Passage, idf: dict[str, float]) -> float:
    common = a.terms & b.terms
    if len(common) < PASSAGE_MIN_TERMS:
        return 0.0
    return sum(idf[t] for t in common) / (min(a.weight, b.weight) or 1.0)


def _jaccard(a: str, b: str) -> float:
    left, right = set(words(a)), set(words(b))
    return len(left & right) / len(left | right) if left and right else 0.0


def compare_outlets(views: Sequence[OutletView]) -> list[dict[str, Any]]:
    """The comparison of every outlet against all the others, in the order given."""
    event_outlets: Counter[str] = Counter()
    for view in views:
        event_outlets.update({e["id"] for e in view.events})
    named = [_named(view) for view in views]
    sentences = [
        [_Passage(p, frozenset(terms(p))) for text in view.texts for p in passages(text)] for view in views
    ]
    idf = _sentence_idf([p for outlet in sentences for p in outlet])
    result = []
    for index, view in enumerate(views):
        others = [i for i in range(len(views)) if i != index]
        other_names = set().union(*(named[i][0] for i in others)) if others else set()
        other_places = set().union(*(named[i][1] for i in others)) if others else set()
        other_quotes = [q["text"] for i in others for q in views[i].quotes]
        other_sentences = [s for i in others for s in sentences[i]]
        shared_passages, unique_passages = _passages(sentences[index], other_sentences, idf)
        names, places = named[index]
        result.append(
            {
                "outlet": view.outlet,
                "articles": view.articles,
                "events": [{**e, "shared": event_outlets[e["id"]] > 1} for e in view.events],
                "quotes": [
                    {**q, "shared": any(_jaccard(q["text"], o) >= QUOTE_OVERLAP for o in other_quotes)}
                    for q in view.quotes
                ],
                "actors": [{"name": n, "shared": n in other_names} for n in sorted(names)],
                "places": [{"name": p, "shared": p in other_places} for p in sorted(places)],
                "shared_passages": shared_passages,
                "unique_passages": unique_passages,
            }
        )
    return result


def _named(view: OutletView) -> tuple[set[str], set[str]]:
    names = {e[side] for e in view.events for side in ("source", "target") if e.get(side)}
    names |= {q["speaker"] for q in view.quotes if q.get("speaker")}
    places = {e["location"] for e in view.events if e.get("location")}
    return names, places


def _sentence_idf(sentences: Sequence[_Passage]) -> dict[str, float]:
    frequencies: Counter[str] = Counter()
    for passage in sentences:
        frequencies.update(passage.terms)
    idf = {t: math.log((len(sentences) + 1) / (df + 1)) + 1.0 for t, df in frequencies.items()}
    for passage in sentences:
        passage.weight = sum(idf[t] for t in passage.terms)
    return idf


def _passages(
    own: list[_Passage], others: list[_Passage], idf: dict[str, float]
) -> tuple[list[dict[str, Any]], list[str]]:
    shared: list[dict[str, Any]] = []
    unique: list[str] = []
    for passage in own:
        best = max(((_overlap(passage, o, idf), o.text) for o in others), default=(0.0, ""))
        if best[0] >= PASSAGE_OVERLAP:
            shared.append({"text": passage.text, "closest": best[1], "similarity": round(best[0], 3)})
        else:
            unique.append(passage.text)
    return shared, unique
