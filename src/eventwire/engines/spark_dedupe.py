"""Driver side, between reading and processing: which documents a local run would skip or rename.

A local run meets documents one after another: a document whose content hash was met before is
a duplicate and is not processed; a document whose id (a JSONL or gold `id`) is held by an
earlier, different document is stored under `id-<hash prefix>` (`Store.write_batch`). On Spark
the documents of one input are spread over many tasks, so "before" is decided here, over the
whole input at once, by the order key `(file, position)`: only the key, hash and id of each
document are shuffled, never its text.

The answer is small (only the exceptions) and is broadcast to the processing tasks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.engines.spark_ingest import Keyed, OrderKey
from eventwire.records import RawDocument

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

KEY_SCHEMA = "file INT, pos INT, hash STRING, doc_id STRING"


@dataclass(slots=True)
class Decisions:
    """The documents that are not processed as read."""

    duplicates: set[OrderKey] = field(default_factory=set)
    """Keys of documents whose content an earlier document already had."""
    renamed: set[OrderKey] = field(default_factory=set)
    """Keys of documents whose given id an earlier, different document already holds."""
    documents: int = 0
    """Documents read in all (duplicates included), as `eventwire run` counts them."""


def _identity(keyed: Keyed) -> list[tuple[int, int, str, str]]:
    key, item = keyed
    if not isinstance(item, RawDocument):
        return []
    return [(key[0], key[1], item.hash, item.doc_id or item.hash[:16])]


def decide(session: SparkSession, items: RDD[Keyed]) -> Decisions:
    """First in input order wins: the duplicates to skip and the ids to make unique."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    keys = session.createDataFrame(items.flatMap(_identity), KEY_SCHEMA)
    order = ("file", "pos")
    ranked = keys.withColumn("nth", F.row_number().over(Window.partitionBy("hash").orderBy(*order)))
    kept = ranked.filter("nth = 1").drop("nth")
    clashing = kept.withColumn(
        "nth", F.row_number().over(Window.partitionBy("doc_id").orderBy(*order))
    ).filter("nth > 1")
    decisions = Decisions(documents=keys.count())
    decisions.duplicates = {(r.file, r.pos) for r in ranked.filter("nth > 1").select(*order).collect()}
    decisions.renamed = {(r.file, r.pos) for r in clashing.select(*order).collect()}
    return decisions
