"""Naming a page's language: a cheap English test, langdetect for the rest."""

from __future__ import annotations

import pytest

from eventwire.errors import EventwireError
from eventwire.extract.language import language_of, require_english


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister said on Monday that the talks with the delegation had been useful.", "en"),
        ("Der Bundeskanzler traf am Montag den französischen Präsidenten zu Gesprächen in Berlin.", "de"),
        ("El presidente se reunió el lunes con el primer ministro en Madrid para hablar del acuerdo.", "es"),
        ("윤석열 대통령은 월요일 서울에서 기시다 후미오 일본 총리와 정상회담을 열었다.", "ko"),
        ("Breaking", "und"),
    ],
)
def test_language_of_names_the_language(text, expected):
    assert language_of(text) == expected


def test_require_english_names_the_language_it_refuses():
    with pytest.raises(EventwireError) as caught:
        require_english("Le président a rencontré lundi le premier ministre pour parler de la paix.")
    assert caught.value.code == "E203"
    assert "not English: detected fr" in caught.value.detail


def test_language_of_is_stable_for_one_text():
    text = "Il presidente ha incontrato il ministro degli esteri a Roma per parlare della crisi."
    assert {language_of(text) for _ in range(5)} == {"it"}
