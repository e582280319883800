"""The runner: one broken document never stops a batch; bugs are recorded or raised by setting.

Stages are replaced by tiny stub stages here, as the style guide asks for runner tests.
"""

from __future__ import annotations

import itertools

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


def _stub_stages() -> tuple[pipeline_module.Stage, ...]:
    """extract as the real one stubbed; a batch stage that fails as a batch; a last per-document one."""

    def many(articles: list[Article]) -> list[Article]:
        if any("batch" in a.text for a in articles):
            raise RuntimeError("the batch call failed")
        return articles

    def one(article: Article) -> Article:
        if "batch" in article.text and "alone" in article.text:
            raise EventwireError(E.E203, language="xx")
        return article

    def last(article: Article) -> Article:
        if "late" in article.text:
            raise ValueError("late bug")
        return article

    return (
        pipeline_module.Stage("extract", RawDocument, Article, _stub_extract),
        pipeline_module.Stage("batched", Article, Article, one, many),
        pipeline_module.Stage("last", Article, Article, last),
    )


def test_pipeline_files_each_failure_under_its_stage(stubbed):
    pipeline = Pipeline(Config(code_events=False))
    pipeline.stages = _stub_stages()
    texts = ("fine one", "empty page", "batch fine", "batch alone", "late one")
    result = pipeline.process_batch([RawDocument(text=t, format="text", source=f"{t}.txt") for t in texts])
    assert [p.article.text for p in result.processed] == ["fine one", "batch fine"]
    assert [(f.source, f.stage, f.code) for f in result.failures] == [
        ("empty page.txt", "extract", "E201"),
        ("batch alone.txt", "batched", "E203"),
        ("late one.txt", "last", "E900"),
    ]


def test_pipeline_lists_its_stages_in_order():
    assert [s.name for s in Pipeline(Config(code_events=False)).stages] == ["extract"]


@pytest.mark.slow
def test_pipeline_stages_chain_record_to_record():
    stages = Pipeline(Config()).stages
    assert [s.name for s in stages] == ["extract", "language", "annotate", "code", "geocode", "quotes"]
    for before, after in itertools.pairwise(stages):
        assert issubclass(before.gives, after.takes)
