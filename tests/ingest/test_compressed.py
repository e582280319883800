"""Gzipped inputs of every format are read as the plain files are; the size cap is on the
decompressed bytes, so a gzip bomb is a recorded failure, not a crash or a memory blow-up."""

from __future__ import annotations

import gzip
import json
import resource
from pathlib import Path

import pytest
from ingest_helpers import PARAGRAPH, ingest, write

from eventwire.ingest import IngestOptions

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "data" / "sample"
PAGE = (
    "<!doctype html><html><head><title>Talks</title></head>"
    f"<body><article><p>{PARAGRAPH}</p></article></body></html>"
)
RSS = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><link>https://wire.example/1</link><description>{PARAGRAPH}</description></item>
<item><title>Two</title><link>https://wire.example/2</link>
<description>{PARAGRAPH} Again.</description></item>
</channel></rss>"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
<id>urn:desk</id><updated>2024-06-01T00:00:00Z</updated><entry><title>Envoy</title><id>urn:1</id>
<updated>2024-06-01T00:00:00Z</updated><content type="text">{PARAGRAPH}</content></entry></feed>"""
JSONL = "\n".join(json.dumps({"id": f"w{i}", "text": f"{PARAGRAPH} ({i})"}) for i in range(3)) + "\n"
GOLD = json.dumps({"id": "gold-1", "text": PARAGRAPH, "published": "2024-05-14"})

# name -> content: every suffix eventwire reads, plain.
FORMATS = {
    "page.txt": PARAGRAPH,
    "page.html": PAGE,
    "page.htm": PAGE,
    "page.xhtml": PAGE,
    "feed.rss": RSS,
    "feed.atom": ATOM,
    "feed.xml": RSS,
    "wire.jsonl": JSONL,
    "wire.ndjson": JSONL,
    "gold.json": GOLD,
}


def _gzip(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data))
    return path


def _summary(docs) -> list[tuple]:
    return [(d.text, d.format, d.doc_id, d.title, d.url, d.published) for d in docs]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_compressed_every_format_reads_as_the_plain_file(tmp_path: Path, name: str) -> None:
    plain = write(tmp_path / "plain" / name, FORMATS[name])
    packed = _gzip(tmp_path / "packed" / f"{name}.gz", FORMATS[name].encode("utf-8"))
    plain_docs, plain_failures = ingest(plain)
    docs, failures = ingest(packed)
    assert plain_docs and not plain_failures
    assert not failures
    assert _summary(docs) == _summary(plain_docs)
    assert {d.source for d in docs} == {str(packed)}


def test_compressed_folder_of_html_gz_pages_is_read(tmp_path: Path) -> None:
    # The report that started this: a crawl dump of .html.gz pages was "a folder with no readable files".
    for n in range(3):
        _gzip(tmp_path / "dump" / f"page{n}.html.gz", PAGE.replace("Tuesday", f"day {n}").encode())
    docs, failures = ingest(tmp_path / "dump")
    assert len(docs) == 3 and not failures
    assert all(d.format == "html" for d in docs)


def test_compressed_sample_warc_still_reads(tmp_path: Path) -> None:
    docs, _ = ingest(SAMPLE / "crawl.warc.gz")
    assert len(docs) == 2


def test_compressed_gzip_bomb_is_a_recorded_failure(tmp_path: Path) -> None:
    limit = 1024 * 1024
    # 200 MiB of spaces in a 200 KB file: only limit + 1 bytes may ever be decompressed.
    bomb = tmp_path / "in" / "bomb.txt.gz"
    bomb.parent.mkdir()
    with gzip.open(bomb, "wb", compresslevel=9) as fh:
        chunk = b" " * (1024 * 1024)
        for _ in range(200):
            fh.write(chunk)
    assert bomb.stat().st_size < 1024 * 1024
    after = write(tmp_path / "in" / "z-after.txt", PARAGRAPH)
    before_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    docs, failures = ingest(tmp_path / "in", options=IngestOptions(max_bytes=limit))
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before_rss
    assert [(f.code, Path(f.source).name) for f in failures] == [("E117", "bomb.txt.gz")]
    assert "gzip bomb" in failures[0].reason and str(limit) in failures[0].reason
    assert [d.source for d in docs] == [str(after)]  # the run goes on
    assert grown_kib < 64 * 1024  # far from the 200 MiB the bomb holds


def test_compressed_jsonl_bomb_line_ends_the_file_after_the_good_lines(tmp_path: Path) -> None:
    limit = 64 * 1024
    good = json.dumps({"id": "ok", "text": PARAGRAPH}).encode() + b"\n"
    path = _gzip(tmp_path / "wire.jsonl.gz", good + b'{"text": "' + b"a" * (50 * limit) + b'"}\n' + good)
    docs, failures = ingest(path, options=IngestOptions(max_bytes=limit))
    assert [d.doc_id for d in docs] == ["ok"]
    assert [(f.code, f.record) for f in failures] == [("E117", "line 2")]


def test_compressed_plain_jsonl_long_line_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    limit = 1024
    good = json.dumps({"id": "ok", "text": PARAGRAPH}).encode() + b"\n"
    long_line = b'{"text": "' + b"a" * (5 * limit) + b'"}\n'
    path = write(tmp_path / "wire.jsonl", good + long_line + good.replace(b"ok", b"ok2"))
    docs, failures = ingest(path, options=IngestOptions(max_bytes=limit))
    assert [d.doc_id for d in docs] == ["ok", "ok2"]
    assert [(f.code, f.record) for f in failures] == [("E113", "line 2")]


@pytest.mark.parametrize("name", ["page.html.gz", "wire.jsonl.gz", "feed.rss.gz"])
def test_compressed_corrupt_gzip_is_a_coded_failure(tmp_path: Path, name: str) -> None:
    content = {"page.html.gz": PAGE, "wire.jsonl.gz": JSONL, "feed.rss.gz": RSS}[name]
    data = gzip.compress(content.encode() * 50)
    path = write(tmp_path / name, data[: len(data) // 2])  # cut short
    _docs, failures = ingest(path)
    assert failures and {f.code for f in failures} == {"E118"}


def test_compressed_file_with_an_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    path = _gzip(tmp_path / "download.bin", PAGE.encode())
    docs, failures = ingest(path)
    assert not failures and len(docs) == 1 and docs[0].format == "html"
