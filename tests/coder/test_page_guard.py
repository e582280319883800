"""Pages that hold no political events: sports, reviews, markets, and pages not in English.
The pages are written for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.coder.page_guard import PageGuard
from eventwire.coding import code_text
from eventwire.config import Config
from eventwire.engines.local import run_local
from eventwire.pipeline import Pipeline
from eventwire.store import Store

SPORTS_REPORT = """\
Rangers edge Bruins 3-2 in overtime thriller

The New York Rangers beat the Boston Bruins 3-2 in overtime on Saturday night, with Mika Zibanejad \
firing a shot past the goaltender two minutes into the extra period.

Boston attacked from the opening faceoff and the Bruins fired 40 shots at the Rangers, who held on.

A fight broke out between two players midway through the second period, and both were sent to the \
penalty box.

"We defended well and took our chances," Rangers head coach Peter Laviolette said after the game, \
as his team moved level with Boston in the league table.
"""

PRODUCT_REVIEW = """\
The Pixel review: Google takes aim at Apple

Google launched its new phone on Tuesday, and it attacks the iPhone on every front that matters.

The camera crushes the competition in low light, and the battery outlasted Samsung's flagship in \
our tests by almost three hours.

Google has also slashed the price by 100 dollars, a move that will put pressure on Apple and Samsung.
"""

MARKETS_PAGE = """\
Oil jumps as Washington tightens the screws on Moscow

Brent crude rose 4 percent on Monday, and shares rose across European energy stocks, after the \
United States imposed sanctions on Russia's largest oil exporters.

Analysts expected quarterly earnings at the big producers to beat forecasts, and the Nasdaq and \
the Dow Jones closed higher.
"""

KOREAN_PAGE = """\
윤석열 대통령은 월요일 서울에서 기시다 후미오 일본 총리와 정상회담을 열고 양국 관계 개선 방안을 논의했다.

두 정상은 북한의 미사일 발사를 규탄하고 안보 협력을 강화하기로 합의했다.
"""


def test_page_guard_reads_a_sports_report_as_sports():
    guard = PageGuard.of(SPORTS_REPORT, "Rangers edge Bruins 3-2 in overtime thriller")
    assert guard.kind == "sports" and guard.codes_nothing


def test_page_guard_leaves_political_news_alone():
    text = "Russian forces shelled the city of Kharkiv on Monday. The Ukrainian army said two people died."
    guard = PageGuard.of(text)
    assert guard.kind is None
    assert guard.skips("Russian forces shelled the city of Kharkiv on Monday.") is None


def test_page_guard_rules_out_a_sentence_of_sports_play_on_any_page():
    guard = PageGuard.of("The minister met the president. Later the goalkeeper was sent off.")
    assert guard.skips("Later the goalkeeper was sent off.") is not None
    assert guard.skips("The minister met the president.") is None


def test_page_guard_keeps_the_politics_of_a_markets_page():
    guard = PageGuard.of(MARKETS_PAGE)
    assert guard.kind == "markets" and not guard.codes_nothing
    assert guard.skips("Analysts expected quarterly earnings at the big producers to beat forecasts.")
    assert guard.skips("after the United States imposed sanctions on Russia's largest oil exporters.") is None


@pytest.mark.slow
@pytest.mark.parametrize("page", [SPORTS_REPORT, PRODUCT_REVIEW], ids=["sports", "review"])
def test_coder_gives_no_event_on_sports_or_review_pages(page):
    assert code_text(page, published=date(2024, 3, 9), pipeline=_pipeline()).events == []


@pytest.mark.slow
def test_coder_codes_the_politics_on_a_markets_page():
    events = code_text(MARKETS_PAGE, published=date(2024, 3, 11), pipeline=_pipeline()).events
    assert {(e.type, e.source.country, e.target.country) for e in events} == {("SANCTION", "USA", "RUS")}


@pytest.mark.slow
def test_pipeline_records_a_page_not_in_english_as_e203(tmp_path: Path):
    (tmp_path / "korean.txt").write_text(KOREAN_PAGE, encoding="utf-8")
    (tmp_path / "sports.txt").write_text(SPORTS_REPORT, encoding="utf-8")
    with Store(tmp_path / "db.duckdb") as store:
        run_local([tmp_path], Config(workers=1, db=str(tmp_path / "db.duckdb")), store)
        failures = store.con.execute("SELECT source, code, reason FROM failures").fetchall()
        events = store.con.execute("SELECT count(*) FROM events").fetchone()
    assert [(Path(s).name, c) for s, c, _ in failures] == [("korean.txt", "E203")]
    assert "not English: detected ko" in failures[0][2]
    assert events == (0,)


_PIPELINE: list[Pipeline] = []


def _pipeline() -> Pipeline:
    if not _PIPELINE:
        _PIPELINE.append(Pipeline())
    return _PIPELINE[0]
