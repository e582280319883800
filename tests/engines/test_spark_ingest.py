"""Spark's readers: a remote file's bytes give the records the same file gives read by its path."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from eventwire.engines.spark_ingest import read_bytes, read_local
from eventwire.engines.spark_inputs import InputFile
from eventwire.ingest import IngestOptions

CRAWL = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "data" / "sample" / "crawl.warc.gz"


def test_spark_ingest_remote_bytes_read_as_the_local_file() -> None:
    uri = "hdfs://nn/news/crawl.warc.gz"
    local = InputFile(index=3, label="sample/crawl.warc.gz", location=str(CRAWL), remote=False)
    remote = InputFile(index=3, label=uri, location=uri, remote=True)
    expected = [(key, replace(item, source=uri)) for key, item in read_local(local, IngestOptions())]
    assert expected and list(read_bytes(remote, CRAWL.read_bytes(), IngestOptions())) == expected
