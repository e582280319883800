"""The bundled sample corpus ingests as its README says, and its WARC can be rebuilt."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ingest_helpers import ingest
from warc_factory import SAMPLE_WARC, sample_responses, write_warc

from eventwire.extract.html import extract_html

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "data" / "sample"


def test_sample_corpus_ingests_every_file() -> None:
    docs, failures = ingest(SAMPLE)
    assert len(docs) == 21
    assert [(f.code, Path(f.source).name) for f in failures] == [("E112", "crawl.warc.gz")]
    per_file = Counter(Path(d.source).name for d in docs)
    assert per_file["asia-pacific-wire.rss"] == 3
    assert per_file["wire-briefs.jsonl"] == 3
    assert per_file["crawl.warc.gz"] == 2
    assert sum(1 for d in docs if d.format == "text") >= 4 + 1 + 2
    assert len(per_file) == 16
    assert per_file["seed-news-wang-yi-moscow.txt"] == per_file["seed-embassy-wang-yi-lavrov.txt"] == 1


def test_sample_corpus_has_an_exact_and_a_near_duplicate() -> None:
    docs, _ = ingest(SAMPLE)
    by_name = {Path(d.source).name: d for d in docs}
    original = by_name["germany-poland-phone-call.txt"]
    copy = by_name["germany-poland-phone-call-copy.txt"]
    assert original.hash == copy.hash
    wire = by_name["wire-brazil-paraguay-itaipu.txt"]
    herald = by_name["herald-brazil-paraguay-itaipu.txt"]
    assert wire.hash != herald.hash
    wire_lines = {line for line in wire.text.splitlines() if len(line) > 60}
    herald_lines = {line for line in herald.text.splitlines() if len(line) > 60}
    assert len(wire_lines & herald_lines) >= 3


def test_sample_corpus_html_documents_extract_without_furniture() -> None:
    docs, _ = ingest(SAMPLE)
    html_docs = [d for d in docs if d.format == "html"]
    assert len(html_docs) >= 3 + 2 + 2
    for doc in html_docs:
        article = extract_html(doc)
        assert article.text, doc.source
        for furniture in ("cookie", "Share on", "Accept", "Comments", "Privacy"):
            assert furniture not in article.text, (doc.source, doc.record, furniture)


def test_sample_corpus_readme_lists_every_file() -> None:
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([^`]+)`", readme, flags=re.MULTILINE))
    present = {p.name for p in SAMPLE.iterdir() if p.is_file() and p.name != "README.md"}
    assert listed == present


def test_sample_corpus_warc_is_rebuilt_byte_for_byte(tmp_path: Path) -> None:
    rebuilt = tmp_path / "crawl.warc.gz"
    write_warc(rebuilt, sample_responses())
    assert rebuilt.read_bytes() == SAMPLE_WARC.read_bytes()
