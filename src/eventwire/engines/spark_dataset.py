"""The Parquet dataset a Spark run writes: one folder a table, the store's own columns.

Columns, types, nullability and keys are read from the DuckDB schema itself
(`schema.table_columns`), never written out twice, so a change to `store/schema.py` changes the
dataset with it;
a column type this module cannot map fails loudly instead of drifting. The tables with a
publication date are partitioned by it (`pub_date=YYYY-MM-DD`, the article's date; documents,
events and quotes take their article's): the files hold exactly the table's columns and the
folder name adds the partition, so the files read like `export --format parquet` and the
DuckDB tables.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from eventwire.store.schema import SCHEMA_VERSION, table_columns

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

PARTITION_COLUMN = "pub_date"
PARTITIONED: tuple[str, ...] = ("documents", "articles", "events", "quotes")
"""Tables partitioned by publication date (the article's); actors and failures have none."""
MANIFEST = "manifest"
"""A one-line JSON folder beside the tables: schema version, when, what."""


def key_columns(table: str) -> list[str]:
    return [c.name for c in table_columns(table) if c.key]


def _spark_type(duckdb_type: str) -> Any:
    from pyspark.sql import types as T

    mapping = {
        "VARCHAR": T.StringType(),
        "INTEGER": T.IntegerType(),
        "BIGINT": T.LongType(),
        "DOUBLE": T.DoubleType(),
        "DATE": T.DateType(),
        # DuckDB's TIMESTAMP has no time zone; Spark's NTZ writes it to Parquet the same way.
        "TIMESTAMP": T.TimestampNTZType(),
        "BOOLEAN": T.BooleanType(),
    }
    if duckdb_type not in mapping:
        raise TypeError(f"no Spark type for the DuckDB type {duckdb_type}: add it to spark_dataset")
    return mapping[duckdb_type]


def spark_schema(table: str) -> StructType:
    """The table's columns as a Spark schema, plus the partition column where it has one."""
    from pyspark.sql import types as T

    fields = [T.StructField(c.name, _spark_type(c.type), c.nullable) for c in table_columns(table)]
    if table in PARTITIONED:
        fields.append(T.StructField(PARTITION_COLUMN, T.DateType(), True))
    return T.StructType(fields)


def table_path(out: str, table: str) -> str:
    return f"{out.rstrip('/')}/{table}"


def write_tables(
    session: SparkSession,
    rows: RDD[tuple[str, tuple[Any, ...]]],
    out: str,
    tables: tuple[str, ...],
    counted: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """Write the rows of `tables` under `out/<table>`, replacing what a previous run left there.

    Spark's output committer publishes each task's files once, whatever attempt wrote them, so a
    retried task adds no rows; the rows themselves are deterministic (see `spark_executor`).

    Args:
        counted: rows per partitioned table as the tasks counted them; the other tables are
            deduplicated and counted again (a Spark job each, so only where needed).

    Returns:
        Rows written per table.
    """
    counts: dict[str, int] = {}
    # Writing is cheap next to the NLP, but each task has a fixed cost: one writing task a core.
    rows = rows.coalesce(min(rows.getNumPartitions(), session.sparkContext.defaultParallelism))
    for table in tables:
        # The rows come out of DuckDB with the schema's own types: checking each again in Python
        # would only cost time.
        frame = session.createDataFrame(_rows_of(rows, table), spark_schema(table), verifySchema=False)
        if table in PARTITIONED:
            counts[table] = (counted or {}).get(table, 0)
        else:
            # Several flushes and tasks meet the same actor: one row a key, as in the store.
            frame = frame.dropDuplicates(key_columns(table)).coalesce(1).cache()
            counts[table] = frame.count()
        _write(frame, table, out)
    return counts


def _rows_of(rows: RDD[tuple[str, tuple[Any, ...]]], table: str) -> RDD[tuple[Any, ...]]:
    return rows.filter(lambda row: row[0] == table).map(lambda row: row[1])


def _write(frame: DataFrame, table: str, out: str) -> None:
    writer = frame.write.mode("overwrite")
    if table in PARTITIONED:
        writer = writer.partitionBy(PARTITION_COLUMN)
    writer.parquet(table_path(out, table))


def write_manifest(
    session: SparkSession, out: str, started: datetime, counts: dict[str, int], story_documents: int
) -> None:
    """What `eventwire load` checks before reading: that this is our dataset, of our schema.

    Args:
        story_documents: the originals `term_frequencies` counts (a store keeps it in `meta`).
    """
    manifest = {
        "eventwire_schema_version": SCHEMA_VERSION,
        "written": started.isoformat(),
        "rows": counts,
        "partitioned_by": PARTITION_COLUMN,
        "story_documents": story_documents,
    }
    frame = session.createDataFrame([(json.dumps(manifest),)], "value STRING")
    frame.coalesce(1).write.mode("overwrite").text(table_path(out, MANIFEST))
