"""Readers take a file's bytes as they take its path: the same documents and failures, named alike."""

from __future__ import annotations

import gzip
from dataclasses import replace
from pathlib import Path

import pytest

from eventwire.ingest import Blob, IngestOptions, iter_documents
from eventwire.records import Failure

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "data" / "sample"
FILES = sorted(p for p in SAMPLE.iterdir() if p.suffix != ".md")


def _named(items: list, name: str) -> list:
    return [replace(item, source=name) for item in items]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_blobs_read_as_their_files(path: Path) -> None:
    from_path = _named(list(iter_documents([path])), path.name)
    from_bytes = list(iter_documents([Blob(path.name, path.read_bytes())]))
    assert from_bytes == from_path and from_bytes


def test_blobs_bad_bytes_are_failures_named_by_the_blob() -> None:
    items = list(
        iter_documents(
            [
                Blob("empty.txt", b""),
                Blob("big.html.gz", gzip.compress(b"<p>" + b"x" * 5000)),
                Blob("notes.doc", b"plain words"),
                Blob("ok.txt", b"Ministers met in Oslo."),
            ],
            IngestOptions(max_bytes=1000),
        )
    )
    failures = {f.source: f.code for f in items if isinstance(f, Failure)}
    assert failures == {"empty.txt": "E102", "big.html.gz": "E117", "notes.doc": "E110"}
    assert [d.source for d in items if not isinstance(d, Failure)] == ["ok.txt"]
