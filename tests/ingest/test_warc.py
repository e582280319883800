"""WARC archives: HTML responses in, other records counted, damage reported after what could be read."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from ingest_helpers import PARAGRAPH, ingest, page, write
from warc_factory import PNG_1PX, Response, record_id, write_warc

from eventwire.ingest import IngestOptions, IngestStats


def _pages(count: int) -> list[Response]:
    return [
        Response(
            url=f"https://news.example/story-{i}",
            body=page(f"<p>Story {i}. {PARAGRAPH}</p>" * 20).encode(),
            date=f"2025-06-0{i + 1}T08:00:00Z",
        )
        for i in range(count)
    ]


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_html_responses_become_documents(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, _pages(2), gzip=gzip)
    docs, failures = ingest(path)
    assert failures == []
    assert [d.url for d in docs] == ["https://news.example/story-0", "https://news.example/story-1"]
    assert docs[0].format == "html"
    assert docs[0].record == record_id("https://news.example/story-0")
    assert docs[0].fetched_at == datetime(2025, 6, 1, 8, 0, tzinfo=UTC)
    assert docs[0].encoding == "utf-8"
    assert "Story 0." in docs[0].text


def test_warc_non_html_records_are_skipped_and_counted_e112(tmp_path: Path) -> None:
    path = tmp_path / "mixed.warc.gz"
    extra = [
        Response("https://news.example/pixel.png", PNG_1PX, content_type="image/png"),
        Response("https://news.example/data.json", b'{"a": 1}', content_type="application/json"),
    ]
    write_warc(path, [*_pages(1), *extra])
    stats = IngestStats()
    docs, [failure] = ingest(path, stats=stats)
    assert len(docs) == 1
    assert failure.code == "E112"
    assert failure.reason == "WARC holds 2 non-HTML record(s), skipped"
    assert failure.source == str(path)
    assert stats.skipped_non_html == 2


def test_warc_error_pages_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "errors.warc.gz"
    missing = Response("https://news.example/gone", page("<p>Not found</p>").encode(), status=404)
    write_warc(path, [*_pages(1), missing])
    stats = IngestStats()
    docs, failures = ingest(path, stats=stats)
    assert [d.url for d in docs] == ["https://news.example/story-0"]
    assert failures == []
    assert stats.skipped_not_ok == 1


def test_warc_http_charset_decodes_the_payload(tmp_path: Path) -> None:
    body = page("<p>Le président a parlé au café.</p>", charset=None).encode("latin-1")
    path = tmp_path / "latin.warc.gz"
    write_warc(
        path, [Response("https://news.example/fr", body, content_type="text/html; charset=ISO-8859-1")]
    )
    [doc], _ = ingest(path)
    assert "président a parlé au café" in doc.text
    assert doc.encoding == "cp1252"


@pytest.mark.parametrize("where", ["in the header", "in the payload"])
def test_warc_truncated_gzip_yields_records_before_the_cut_then_e105(tmp_path: Path, where: str) -> None:
    whole = tmp_path / "whole.warc.gz"
    offsets = write_warc(whole, _pages(3))
    data = whole.read_bytes()
    end = offsets[2] + 20 if where == "in the header" else (offsets[2] + len(data)) // 2
    cut = write(tmp_path / "cut.warc.gz", data[:end])
    docs, [failure] = ingest(cut)
    assert [d.url for d in docs] == ["https://news.example/story-0", "https://news.example/story-1"]
    assert failure.code == "E105"
    assert failure.source == str(cut)
    assert f"byte {offsets[2]}" in failure.reason


def test_warc_truncated_plain_warc_reports_the_cut_record(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    offsets = write_warc(whole, _pages(2), gzip=False)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole.read_bytes()[: offsets[1] + 700])
    docs, [failure] = ingest(cut)
    assert len(docs) == 1
    assert failure.code == "E105"
    assert record_id("https://news.example/story-1") in failure.reason


def test_warc_corrupt_bytes_mid_file_keep_earlier_records(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    offsets = write_warc(whole, _pages(3))
    data = bytearray(whole.read_bytes())
    data[offsets[1] + 2 : offsets[1] + 40] = b"\xff" * 38
    broken = write(tmp_path / "broken.warc.gz", bytes(data))
    docs, [failure] = ingest(broken)
    assert [d.url for d in docs] == ["https://news.example/story-0"]
    assert failure.code == "E105"
    assert "byte" in failure.reason


@pytest.mark.parametrize("content", [b"this is not an archive\n" * 5, b"\x1f\x8b\x08\x00garbage"])
def test_warc_file_that_is_not_a_warc_fails_e105(tmp_path: Path, content: bytes) -> None:
    docs, [failure] = ingest(write(tmp_path / "fake.warc.gz", content))
    assert docs == []
    assert failure.code == "E105"


def test_warc_empty_file_fails_e102(tmp_path: Path) -> None:
    _, [failure] = ingest(write(tmp_path / "empty.warc", b""))
    assert failure.code == "E102"


def test_warc_record_over_max_bytes_fails_e113_and_the_rest_still_ingests(tmp_path: Path) -> None:
    small = Response("https://news.example/small", page(f"<p>{PARAGRAPH}</p>").encode())
    big = Response("https://news.example/big", page(f"<p>{PARAGRAPH}</p>" * 100).encode())
    path = tmp_path / "sizes.warc.gz"
    write_warc(path, [big, small])
    docs, [failure] = ingest(path, options=IngestOptions(max_bytes=5000))
    assert [d.url for d in docs] == ["https://news.example/small"]
    assert failure.code == "E113"
    assert failure.record == record_id("https://news.example/big")


def test_warc_binary_payload_labelled_html_fails_e103_with_record(tmp_path: Path) -> None:
    path = tmp_path / "liar.warc.gz"
    write_warc(path, [Response("https://news.example/img", PNG_1PX), *_pages(1)])
    docs, [failure] = ingest(path)
    assert len(docs) == 1
    assert failure.code == "E103"
    assert failure.record == record_id("https://news.example/img")
    assert "[<urn:uuid:" in failure.message()
