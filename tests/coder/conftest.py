"""One pipeline per test module of the coder's sentence tests (real spaCy, real dictionaries)."""

from __future__ import annotations

import pytest

from eventwire.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()
