"""How well stories and consolidated events match a labelled set.

A labelled set is a folder with `articles.jsonl` (the articles, ingested as any input),
`labels.tsv` (doc_id, story, copy_of) and `events.tsv` (doc_id, event, type, source, target,
date: which real event each coded event of an article reports). Stories are scored with
B-cubed precision and recall over articles; consolidation twice: as linkage of the reports
that match a labelled event (did we put two reports of one real event together, and only
those?), which does not depend on the coder's recall, and end to end as consolidated events
whose type, actors and set of reporting articles equal a labelled event's.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from eventwire.config import Config
from eventwire.engines.local import run_local
from eventwire.store import Store

COPIES_SQL = "SELECT doc_id, original_id FROM article_copies"
LABELS = "labels.tsv"
EVENTS = "events.tsv"
ARTICLES = "articles.jsonl"


@dataclass(slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float]:
        return {name: round(getattr(self, name), 4) for name in ("precision", "recall", "f1")}


def b_cubed(predicted: dict[str, str], gold: dict[str, str]) -> PRF:
    """B-cubed over the items both assignments hold: per item, the share of its predicted
    cluster that shares its gold cluster (precision) and the reverse (recall), averaged."""
    items = sorted(predicted.keys() & gold.keys())
    if not items:
        return PRF(0.0, 0.0)
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for item in items:
        by_pred.setdefault(predicted[item], set()).add(item)
        by_gold.setdefault(gold[item], set()).add(item)
    precision = recall = 0.0
    for item in items:
        same_pred, same_gold = by_pred[predicted[item]], by_gold[gold[item]]
        both = len(same_pred & same_gold)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    return PRF(precision / len(items), recall / len(items))


def _pairs_prf(predicted: Iterable[frozenset[str]], gold: Iterable[frozenset[str]]) -> PRF:
    def pairs(groups: Iterable[frozenset[str]]) -> set[tuple[str, str]]:
        return {p for g in groups for p in combinations(sorted(g), 2)}

    pred, true = pairs(predicted), pairs(gold)
    return PRF(len(pred & true) / len(pred) if pred else 1.0, len(pred & true) / len(true) if true else 1.0)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@dataclass(slots=True)
class StoryScores:
    articles: int
    gold_stories: int
    predicted_stories: int
    stories: PRF
    copies: PRF
    report_linkage: PRF
    consolidated: PRF

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "gold_stories": self.gold_stories,
            "predicted_stories": self.predicted_stories,
            "stories_bcubed": self.stories.as_dict(),
            "copies": self.copies.as_dict(),
            "report_linkage": self.report_linkage.as_dict(),
            "consolidated_events": self.consolidated.as_dict(),
        }


def score_store(store: Store, labelled: Path) -> StoryScores:
    """Score the stories and consolidated events in `store` against the labels in `labelled`."""
    labels = _rows(labelled / LABELS)
    gold_story = {r["doc_id"]: r["story"] for r in labels}
    gold_copies = {(r["doc_id"], r["copy_of"]) for r in labels if r["copy_of"]}
    members = store.query("SELECT doc_id, story_id FROM story_articles")
    predicted_story = {r["doc_id"]: r["story_id"] for r in members}
    predicted_copies = {(r["doc_id"], r["original_id"]) for r in store.query(COPIES_SQL)}
    # Which of two same-day copies is the original cannot be told from the text: links are
    # scored without their direction.
    linked = {frozenset(pair) for pair in predicted_copies}
    true_links = {frozenset(pair) for pair in gold_copies}
    copies = PRF(
        len(linked & true_links) / len(linked) if linked else 1.0,
        len(linked & true_links) / len(true_links) if true_links else 1.0,
    )
    linkage, consolidated = _score_consolidation(store, _rows(labelled / EVENTS), gold_copies)
    return StoryScores(
        articles=len(gold_story),
        gold_stories=len(set(gold_story.values())),
        predicted_stories=len({predicted_story[d] for d in gold_story if d in predicted_story}),
        stories=b_cubed(predicted_story, gold_story),
        copies=copies,
        report_linkage=linkage,
        consolidated=consolidated,
    )


def _score_consolidation(
    store: Store, gold_rows: list[dict[str, str]], gold_copies: set[tuple[str, str]]
) -> tuple[PRF, PRF]:
    # Copies carry their original's reports: a labelled report on a copy is one on its original.
    original = dict(gold_copies)
    # A labelled event id covers every direction and pair of a mutual or multilateral event;
    # consolidated events are directed, so a labelled one is an (event, type, source, target).
    gold_reports: dict[tuple[str, str, str, str], str] = {}
    gold_docs: dict[tuple[str, str, str, str], set[str]] = {}
    for row in gold_rows:
        key = (original.get(row["doc_id"], row["doc_id"]), row["type"], row["source"], row["target"])
        event_key = (row["event"], row["type"], row["source"], row["target"])
        gold_reports.setdefault(key, "|".join(event_key))
        gold_docs.setdefault(event_key, set()).add(row["doc_id"])
    predicted = store.query(
        """SELECT r.cevent_id, e.doc_id, e.type,
                  coalesce(s.country, lower(s.name)) AS source, coalesce(t.country, lower(t.name)) AS target
           FROM event_reports r JOIN events e USING (event_id)
           JOIN actors s ON s.actor_id = e.source_id JOIN actors t ON t.actor_id = e.target_id"""
    )
    copies_of: dict[str, set[str]] = {}
    for row in store.query(COPIES_SQL):
        copies_of.setdefault(row["original_id"], set()).add(row["doc_id"])
    # Linkage: matched reports (one per doc, type and actors) grouped by predicted and gold event.
    by_cevent: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    cevent_docs: dict[tuple[str, str, str, str], set[str]] = {}
    for row in predicted:
        key = (row["doc_id"], row["type"], row["source"], row["target"])
        cevent_docs.setdefault((row["cevent_id"], row["type"], row["source"], row["target"]), set()).update(
            {row["doc_id"]} | copies_of.get(row["doc_id"], set())
        )
        if key in gold_reports:
            report = "|".join(key)
            by_cevent.setdefault(row["cevent_id"], set()).add(report)
            by_gold.setdefault(gold_reports[key], set()).add(report)
    linkage = _pairs_prf((frozenset(v) for v in by_cevent.values()), (frozenset(v) for v in by_gold.values()))
    # End to end: a labelled event is found when one consolidated event has its type, actors
    # and exactly its articles. Precision is over the consolidated events that share a labelled
    # event's type, actors and at least one article: events the labels do not list (the sets
    # label the main events only) are the coder's business, not the consolidation's.
    gold_sets = {(t, s, g, frozenset(docs)) for (_, t, s, g), docs in gold_docs.items()}
    mine = [
        (t, s, g, frozenset(docs))
        for (_, t, s, g), docs in cevent_docs.items()
        if any((t, s, g) == item[:3] and docs & item[3] for item in gold_sets)
    ]
    correct = sum(1 for item in mine if item in gold_sets)
    found = sum(1 for item in gold_sets if item in set(mine))
    consolidated = PRF(correct / len(mine) if mine else 0.0, found / len(gold_sets) if gold_sets else 0.0)
    return linkage, consolidated


def score_labelled_set(labelled: str | Path, config: Config | None = None) -> StoryScores:
    """Run eventwire over a labelled set in a fresh database and score its stories."""
    labelled = Path(labelled)
    config = config or Config()
    with tempfile.TemporaryDirectory(prefix="eventwire-stories-") as tmp:
        db = Path(tmp) / "stories.duckdb"
        config = config.with_overrides(db=str(db))
        with Store(db) as store:
            run_local([labelled / ARTICLES], config, store)
            return score_store(store, labelled)
