"""The runner: one broken document never stops a batch; bugs are recorded or raised by setting.

Stages are replaced by tiny stub stages here, as the style guide asks for runner tests.
"""

from __future__ import annotations

import pytest

from eventwire import pipeline as pipeline_module
from eventwire.config import Config
from eventwire.errors import E, EventwireError
from eventwire.pipeline import Pipeline
from eventwire.records import Article, RawDocument


def _stub_extract(raw: RawDocument) -> Article:
    if "bug" in raw.text:
        raise ZeroDivisionError("stub stage failed")
    if "empty" in raw.text:
        raise EventwireError(E.E201)
    return Article(doc_id=raw.doc_id or "", text=raw.text, source=raw.source, hash=raw.hash)


@pytest.fixture
def stubbed(monkeypatch):
    monkeypatch.setattr(pipeline_module, "extract_article", _stub_extract)


def _docs():
    return [
        RawDocument(text=t, format="text", source=f"{t}.txt")
        for t in ("fine one", "a bug here", "empty page")
    ]


def test_pipeline_records_rejections_and_bugs_and_goes_on(stubbed):
    result = Pipeline(Config(code_events=False)).process_batch(_docs())
    assert [p.article.text for p in result.processed] == ["fine one"]
    codes = {f.source: (f.code, f.stage) for f in result.failures}
    assert codes == {"a bug here.txt": ("E900", "extract"), "empty page.txt": ("E201", "extract")}
    bug = next(f for f in result.failures if f.code == "E900")
    assert "ZeroDivisionError" in bug.reason and "stub stage failed" in bug.reason


def test_pipeline_raises_bugs_when_asked(stubbed):
    with pytest.raises(ZeroDivisionError):
        Pipeline(Config(code_events=False, on_error="raise")).process_batch(_docs())


def test_pipeline_stage_returning_the_wrong_record_is_a_named_bug(monkeypatch):
    monkeypatch.setattr(pipeline_module, "extract_article", lambda raw: "not an article")
    result = Pipeline(Config(code_events=False)).process_batch(_docs()[:1])
    (failure,) = result.failures
    assert failure.code == "E900" and "stage extract returned str, expected Article" in failure.reason
