"""Demands voiced again, demands rejected, and warnings whose target is whom the price falls on,
with sentences written for these tests (none comes from an evaluation set), through the real
pipeline."""

from __future__ import annotations

import pytest
from coder_sentences import event_keys as _keys

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Chinese delegation repeated Beijing's demand that Japan withdraw its coast guard vessels.",
            ("REQUEST", "CHN", "JPN"),
        ),
        (
            "Serbia reiterated its demand that Kosovo dissolve the special police unit.",
            ("REQUEST", "SRB", "XKX"),
        ),
        ("Egypt renewed its call on Ethiopia to stop filling the dam.", ("REQUEST", "EGY", "ETH")),
    ],
)
def test_a_demand_voiced_again_is_on_whom_its_clause_names(pipeline, text, expected):
    keys = _keys(text, pipeline)
    assert expected in keys
    assert not {k for k in keys if k[0] == "REQUEST" and k[1] == k[2]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Beijing demanded that Manila withdraw its ships. The Philippines rejected these demands.",
            ("REJECT", "PHL", "CHN"),
        ),
        (
            "Iran called on Iraq to hand over the fugitives. Baghdad rejected the demand.",
            ("REJECT", "IRQ", "IRN"),
        ),
    ],
)
def test_rejecting_an_earlier_demand_rejects_its_author(pipeline, text, expected):
    assert expected in _keys(text, pipeline)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The EU warned that any further attack on Moldova would carry a high price for Russia.",
            ("THREATEN", "european union", "RUS"),
        ),
        (
            "Washington warned that any invasion of Taiwan would have severe consequences for China.",
            ("THREATEN", "USA", "CHN"),
        ),
        ("Germany warned of serious consequences for Belarus.", ("THREATEN", "DEU", "BLR")),
    ],
)
def test_a_warning_aims_at_whom_its_consequences_fall_on(pipeline, text, expected):
    keys = {(t, s.lower() if s and not s.isupper() else s, g) for t, s, g in _keys(text, pipeline)}
    assert expected in keys


@pytest.mark.parametrize(
    "text",
    [
        "The minister warned that prices would rise.",
        "The ministry warned that the storm would cost the economy billions.",
    ],
)
def test_a_warning_of_no_ones_price_is_no_threat(pipeline, text):
    assert not {k for k in _keys(text, pipeline) if k[0] == "THREATEN"}
