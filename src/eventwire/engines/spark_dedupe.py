"""Between reading and processing: which documents a local run would skip or rename.

A local run meets documents one after another: a document whose content hash was met before is
a duplicate and is not processed; a document whose id (a JSONL or gold `id`) is held by an
earlier, different document is stored under `id-<hash prefix>` (`Store.write_batch`). On Spark
the documents of one input are spread over many tasks, so "before" is decided here, over the
whole input at once, by the order key `(file, position)`: only the key, hash and id of each
document are shuffled (grouped by hash, then the first of each by id), never its text, in one
Spark job.

The answer is small (only the exceptions) and is broadcast to the processing tasks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eventwire.engines.spark_ingest import Keyed, OrderKey
from eventwire.records import RawDocument

if TYPE_CHECKING:
    from pyspark import RDD

KEPT, DUPLICATE, RENAMED, SEEN = "kept", "duplicate", "renamed", "seen"
Mark = tuple[str, Any]
"""(kind, payload): a key for duplicates and renames, (id, key) for kept documents, a count."""


@dataclass(slots=True)
class Decisions:
    """The documents that are not processed as read."""

    duplicates: set[OrderKey] = field(default_factory=set)
    """Keys of documents whose content an earlier document already had."""
    renamed: set[OrderKey] = field(default_factory=set)
    """Keys of documents whose given id an earlier, different document already holds."""
    documents: int = 0
    """Documents read in all (duplicates included), as `eventwire run` counts them."""


def _identity(keyed: Keyed) -> list[tuple[str, tuple[OrderKey, str]]]:
    key, item = keyed
    if not isinstance(item, RawDocument):
        return []
    return [(item.hash, (key, item.doc_id or item.hash[:16]))]


def _firsts(group: tuple[str, Iterable[tuple[OrderKey, str]]]) -> Iterator[Mark]:
    """Of the documents sharing a hash, the first keeps its place; the others are duplicates."""
    _, members = group
    first, *later = sorted(members)
    yield KEPT, (first[1], first[0])
    for key, _ in later:
        yield DUPLICATE, key


def _renames(group: tuple[str, Iterable[OrderKey]]) -> Iterator[Mark]:
    """Of the kept documents sharing an id, the first keeps it; the others are renamed."""
    _, keys = group
    for key in sorted(keys)[1:]:
        yield RENAMED, key


def _count(items: Iterable[Keyed]) -> Iterator[Mark]:
    yield SEEN, sum(isinstance(item, RawDocument) for _, item in items)


def decide(items: RDD[Keyed]) -> Decisions:
    """First in input order wins: the duplicates to skip and the ids to make unique."""
    firsts = items.flatMap(_identity).groupByKey().flatMap(_firsts)
    duplicates = firsts.filter(lambda mark: mark[0] == DUPLICATE)
    kept = firsts.filter(lambda mark: mark[0] == KEPT).map(lambda mark: mark[1])
    renames = kept.groupByKey().flatMap(_renames)
    marks = duplicates.union(renames).union(items.mapPartitions(_count)).collect()
    decisions = Decisions()
    for kind, value in marks:
        if kind == SEEN:
            decisions.documents += value
        elif kind == DUPLICATE:
            decisions.duplicates.add(value)
        else:
            decisions.renamed.add(value)
    return decisions
