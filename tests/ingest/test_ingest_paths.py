"""Paths, folders and globs; missing, unsupported, unreadable and oversized files."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from ingest_helpers import PARAGRAPH, ingest, page, write

from eventwire.ingest import IngestOptions, IngestStats


def test_paths_missing_path_fails_e101_and_the_rest_still_ingests(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", PARAGRAPH)
    missing = tmp_path / "nowhere" / "gone.txt"
    docs, [failure] = ingest(missing, good)
    assert [d.source for d in docs] == [str(good)]
    assert failure.code == "E101"
    assert failure.message() == f"{missing}: E101 path does not exist"


def test_paths_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    contents = {
        "b.txt": PARAGRAPH,
        "a/z.html": page(f"<p>{PARAGRAPH}</p>"),
        "a/b/c.txt": PARAGRAPH + " Again.",
        "c.jsonl": '{"text": "a line"}',
    }
    for name, content in contents.items():
        write(tmp_path / "in" / name, content)
    docs, failures = ingest(tmp_path / "in")
    assert failures == []
    names = [Path(d.source).relative_to(tmp_path / "in").as_posix() for d in docs]
    assert names == ["a/b/c.txt", "a/z.html", "b.txt", "c.jsonl"]


def test_paths_folder_skips_unsupported_and_hidden_files_and_counts_them(tmp_path: Path) -> None:
    write(tmp_path / "in" / "story.txt", PARAGRAPH)
    write(tmp_path / "in" / "photo.png", b"\x89PNG\r\n\x1a\n")
    write(tmp_path / "in" / "notes.md", "# notes")
    write(tmp_path / "in" / ".hidden" / "secret.txt", PARAGRAPH)
    stats = IngestStats()
    docs, failures = ingest(tmp_path / "in", stats=stats)
    assert failures == []
    assert [Path(d.source).name for d in docs] == ["story.txt"]
    assert stats.skipped_unsupported == 2
    assert stats.skipped_by_kind == {".png": 1, ".md": 1}
    assert (stats.files, stats.documents, stats.failures) == (1, 1, 0)


def test_paths_folder_without_readable_files_fails_e109_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "images"
    write(folder / "a.png", b"\x89PNG\r\n\x1a\n")
    (tmp_path / "empty").mkdir()
    docs, failures = ingest(folder, tmp_path / "empty")
    assert docs == []
    assert [f.code for f in failures] == ["E109", "E109"]
    assert failures[0].source == str(folder)
    assert ".html" in failures[0].reason
    assert failures[1].source == str(tmp_path / "empty")


def test_paths_explicit_unsupported_suffix_fails_e110(tmp_path: Path) -> None:
    path = write(tmp_path / "report.pdf", b"%PDF-1.4\n")
    docs, [failure] = ingest(path)
    assert docs == []
    assert failure.code == "E110"
    assert ".pdf" in failure.reason
    assert failure.source == str(path)


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        (page(f"<p>{PARAGRAPH}</p>"), "html"),
        ('{"text": "one line", "id": "x1"}\n{"text": "two"}\n', "text"),
        ('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
         f"<item><title>A</title><description>{PARAGRAPH}</description></item></channel></rss>", "text"),
    ],
)  # fmt: skip
def test_paths_explicit_file_without_suffix_is_sniffed(tmp_path: Path, content: str, fmt: str) -> None:
    docs, failures = ingest(write(tmp_path / "download", content))
    assert failures == []
    assert docs
    assert docs[0].format == fmt


def test_paths_sniffing_can_be_turned_off(tmp_path: Path) -> None:
    path = write(tmp_path / "download", page(f"<p>{PARAGRAPH}</p>"))
    _, [failure] = ingest(path, options=IngestOptions(sniff_unknown=False))
    assert failure.code == "E110"
    assert "(none)" in failure.reason


def test_paths_glob_matches_in_sorted_order(tmp_path: Path) -> None:
    for name in ["x/2.html", "x/1.html", "x/deep/3.html", "x/4.txt"]:
        write(tmp_path / name, page(f"<p>{name} {PARAGRAPH}</p>"))
    docs, failures = ingest(f"{tmp_path}/x/**/*.html")
    assert failures == []
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in docs] == [
        "x/1.html",
        "x/2.html",
        "x/deep/3.html",
    ]


def test_paths_glob_without_supported_match_fails_e115(tmp_path: Path) -> None:
    write(tmp_path / "a.png", b"\x89PNG\r\n\x1a\n")
    pattern = f"{tmp_path}/*.png"
    docs, [failure] = ingest(pattern)
    assert docs == []
    assert failure.code == "E115"
    assert failure.source == pattern


def test_paths_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "in" / "a.txt", PARAGRAPH)
    docs, _ = ingest(path, tmp_path / "in", f"{tmp_path}/in/*.txt")
    assert len(docs) == 1


def test_paths_file_over_max_bytes_fails_e113(tmp_path: Path) -> None:
    path = write(tmp_path / "big.html", page("<p>" + PARAGRAPH * 20 + "</p>"))
    docs, [failure] = ingest(path, options=IngestOptions(max_bytes=1000))
    assert docs == []
    assert failure.code == "E113"
    assert "limit 1000" in failure.reason
    assert "setting max_bytes" in failure.reason


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc/self/mem, Linux only")
@pytest.mark.parametrize(
    "name", ["unreadable.txt", "unreadable.warc.gz", "unreadable.jsonl", "unreadable.rss"]
)
def test_paths_unreadable_file_fails_e111(tmp_path: Path, name: str) -> None:
    # Reading /proc/self/mem from offset 0 fails with EIO even for root, unlike chmod 000.
    link = tmp_path / name
    link.symlink_to("/proc/self/mem")
    docs, [failure] = ingest(link)
    assert docs == []
    assert failure.code == "E111"
    assert failure.source == str(link)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_paths_file_without_read_permission_fails_e111(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.txt", PARAGRAPH)
    path.chmod(0)
    try:
        _, [failure] = ingest(path)
    finally:
        path.chmod(0o644)
    assert failure.code == "E111"
    assert "Permission denied" in failure.reason


def test_paths_fifty_megabyte_page_ingests(tmp_path: Path) -> None:
    paragraph = f"<p>{PARAGRAPH}</p>\n"
    path = write(tmp_path / "huge.html", page(paragraph * (50_000_000 // len(paragraph))))
    start = time.perf_counter()
    [doc], failures = ingest(path)
    elapsed = time.perf_counter() - start
    assert failures == []
    assert len(doc.text) > 49_000_000
    assert elapsed < 30


def test_paths_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    docs, [failure] = ingest(fifo)
    assert docs == []
    assert failure.code == "E111"
    assert "not a regular file" in failure.reason
