"""Whole-file formats: .txt, .html/.htm, gold/document .json, and content identity."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from ingest_helpers import PARAGRAPH, ingest, page, write

# ../shared beside the checkout, found from the repository root (absent in a user's clone).
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def test_files_txt_ingests_as_text(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", f"Menu | World\n\n{PARAGRAPH}\n\nShare this\n")
    docs, failures = ingest(path)
    assert failures == []
    [doc] = docs
    assert doc.format == "text"
    assert doc.source == str(path)
    assert doc.record is None
    assert doc.encoding == "utf-8"
    assert PARAGRAPH in doc.text
    assert doc.doc_id == doc.hash[:16]


@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML", ".xhtml"])
def test_files_html_suffixes_ingest_as_html(tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path / f"story{suffix}", page(f"<p>{PARAGRAPH}</p>"))
    docs, failures = ingest(path)
    assert failures == []
    assert [d.format for d in docs] == ["html"]
    assert "<p>" in docs[0].text


def test_files_txt_holding_a_page_is_read_as_html(tmp_path: Path) -> None:
    path = write(tmp_path / "saved.txt", "\n  " + page(f"<p>{PARAGRAPH}</p>"))
    [doc], _ = ingest(path)
    assert doc.format == "html"


def test_files_html_without_any_tag_is_read_as_text(tmp_path: Path) -> None:
    path = write(tmp_path / "plain.html", PARAGRAPH)
    [doc], _ = ingest(path)
    assert doc.format == "text"


def test_files_gold_json_keeps_id_and_container_fields(tmp_path: Path) -> None:
    gold = {
        "id": "dev-999",
        "outlet": "Test Wire",
        "published": "2024-05-14",
        "format": "html",
        "text": page(f"<p>{PARAGRAPH}</p>"),
        "events": [{"type": "CONSULT"}],
        "quotes": [],
        "notes": "answers that ingest must not carry",
    }
    path = write(tmp_path / "dev-999.json", json.dumps(gold))
    docs, failures = ingest(path)
    assert failures == []
    [doc] = docs
    assert doc.doc_id == "dev-999"
    assert doc.format == "html"
    assert doc.published == date(2024, 5, 14)
    assert doc.outlet == "Test Wire"
    assert "answers" not in json.dumps(doc.to_dict())


def test_files_gold_json_without_format_or_date_defaults(tmp_path: Path) -> None:
    path = write(tmp_path / "seed.json", json.dumps({"id": 7, "published": None, "text": PARAGRAPH}))
    [doc], _ = ingest(path)
    assert (doc.doc_id, doc.format, doc.published) == ("7", "text", None)


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        ("[1, 2, 3]", "expected an object, got list"),
        ('{"title": "no text here"}', "no non-empty string 'text'"),
        ('{"text": "x", "format": "pdf"}', "'format' must be 'text' or 'html'"),
        ('{"text": "unterminated', "invalid JSON at line 1"),
        ('{"text": "x", "outlet": 5}', "'outlet' must be a string or null"),
    ],
)
def test_files_other_json_fails_e114(tmp_path: Path, content: str, detail: str) -> None:
    path = write(tmp_path / "other.json", content)
    docs, [failure] = ingest(path)
    assert docs == []
    assert failure.code == "E114"
    assert failure.stage == "ingest"
    assert detail in failure.reason
    assert failure.message().startswith(f"{path}: E114 ")


def test_files_same_content_under_two_names_has_one_hash(tmp_path: Path) -> None:
    text = f"{PARAGRAPH}\n\nSecond paragraph.\n"
    first = write(tmp_path / "a" / "story.txt", text)
    # Same words, other whitespace and a BOM: the normalised content is identical.
    second = write(
        tmp_path / "b" / "copy-of-story.txt", b"\xef\xbb\xbf" + text.replace("\n\n", "\n \n").encode()
    )
    docs, _ = ingest(first, second)
    assert len(docs) == 2
    assert docs[0].hash == docs[1].hash
    assert docs[0].doc_id == docs[1].doc_id
    assert docs[0].source != docs[1].source


def test_files_different_content_has_different_hash(tmp_path: Path) -> None:
    docs, _ = ingest(write(tmp_path / "a.txt", PARAGRAPH), write(tmp_path / "b.txt", PARAGRAPH + " Later."))
    assert docs[0].hash != docs[1].hash


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_files_seed_pages_ingest_as_text() -> None:
    docs, failures = ingest(SEEDS)
    assert failures == []
    assert docs
    assert all(d.format == "text" and d.text.strip() for d in docs)
