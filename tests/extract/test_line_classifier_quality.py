"""Quality gate: the line classifier's scores on bench/data/scraped/ stay above pinned floors."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_line_classifier.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_line_classifier", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while building the class.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def floors(bench: ModuleType) -> dict[str, object]:
    return json.loads(bench.FLOOR_FILE.read_text(encoding="utf-8"))


def test_line_classifier_quality_corpus_matches_pinned_floors(
    bench: ModuleType, floors: dict[str, object]
) -> None:
    assert floors["corpus_sha256"] == bench.corpus_hash(), (
        "bench/data/scraped changed since the floors were pinned: "
        "run `python bench/bench_line_classifier.py --pin`"
    )
    assert int(str(floors["pages"])) >= 24


def test_line_classifier_quality_scores_stay_above_floors(
    bench: ModuleType, floors: dict[str, object]
) -> None:
    figures = bench.totals()
    below = {
        key: (round(figures[key], 3), floors[key])
        for key in bench.FLOOR_KEYS
        if figures[key] < float(floors[key])  # type: ignore[arg-type]
    }
    assert not below, f"line classifier below its floors (measured, floor): {below}"


def test_line_classifier_quality_pages_are_labelled_and_varied(bench: ModuleType) -> None:
    pages = bench.load_corpus()
    for page in pages:
        assert any(page.keep), f"{page.name} has no article line"
    with_furniture = [page for page in pages if False in page.keep]
    assert len(with_furniture) >= len(pages) - 2, "most pages should carry page furniture"
    assert any(page.title is None for page in pages), "a page without a title keeps the title rule honest"
