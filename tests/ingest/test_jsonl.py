"""JSON Lines: one document per line, bad lines reported by number, the rest read."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ingest_helpers import PARAGRAPH, ingest, write


def _lines(*objects: object) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objects)


def test_jsonl_lines_become_documents_with_their_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path / "docs.jsonl",
        _lines(
            {
                "id": "a1",
                "text": PARAGRAPH,
                "url": "https://x.example/a",
                "outlet": "X",
                "published": "2024-03-01",
            },
            {"text": "Second document.", "title": "Two", "published": "Fri, 01 Mar 2024 10:00:00 +0000"},
            {"html": f"<p>{PARAGRAPH}</p>", "id": 3, "published": "2024-03-02T23:00:00Z"},
        ),
    )
    docs, failures = ingest(path)
    assert failures == []
    first, second, third = docs
    assert (first.doc_id, first.url, first.outlet, first.published) == (
        "a1",
        "https://x.example/a",
        "X",
        date(2024, 3, 1),
    )
    assert first.record == "line 1"
    assert (second.title, second.published, second.doc_id) == ("Two", date(2024, 3, 1), second.hash[:16])
    assert (third.format, third.doc_id, third.published) == ("html", "3", date(2024, 3, 2))


def test_jsonl_bad_lines_fail_by_line_number_and_the_rest_ingest(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mixed.jsonl",
        _lines(
            {"text": "first good line"},
            "{this is not json",
            "",
            {"title": "no text", "url": "https://x.example"},
            ["a", "list"],
            {"text": "   "},
            {"text": "last good line"},
        ),
    )
    docs, failures = ingest(path)
    assert [d.text for d in docs] == ["first good line", "last good line"]
    assert [d.record for d in docs] == ["line 1", "line 7"]
    assert [(f.code, f.record) for f in failures] == [
        ("E107", "line 2"),
        ("E108", "line 4"),
        ("E107", "line 5"),
        ("E108", "line 6"),
    ]
    assert failures[0].reason.startswith("line 2: not JSON: ")
    assert failures[0].message().startswith(f"{path} [line 2]: E107 line 2: not JSON")
    assert failures[1].reason == "line 4: no 'text' or 'html' field"


def test_jsonl_invalid_utf8_line_fails_e107(tmp_path: Path) -> None:
    path = write(tmp_path / "bytes.jsonl", b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    docs, [failure] = ingest(path)
    assert len(docs) == 1
    assert failure.code == "E107"
    assert "invalid UTF-8" in failure.reason


def test_jsonl_empty_and_binary_files_fail(tmp_path: Path) -> None:
    _, [empty] = ingest(write(tmp_path / "empty.jsonl", "\n\n"))
    _, [binary] = ingest(write(tmp_path / "binary.jsonl", b"\x89PNG\r\n\x1a\n" + bytes(32)))
    assert empty.code == "E102"
    assert binary.code == "E103"


def test_jsonl_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    [doc], failures = ingest(
        write(tmp_path / "bom.jsonl", b"\xef\xbb\xbf" + _lines({"text": "hello"}).encode())
    )
    assert failures == []
    assert doc.text == "hello"
