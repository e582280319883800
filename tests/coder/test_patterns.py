"""The verb-pattern dictionary is data: bundled rows load, user rows come first, bad rows are named."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coder import ontology
from eventwire.coder.patterns import PLOVER_TYPES, PatternBook, bundled_patterns, read_patterns
from eventwire.coding import code_text
from eventwire.config import Config
from eventwire.pipeline import Pipeline

HEADER = "trigger\ttype\tcameo\ttargets\tmutual\trequires\n"


def test_patterns_bundled_rows_use_known_types_and_cameo_codes():
    patterns = bundled_patterns()
    assert len(patterns) > 100
    for pattern in patterns:
        assert pattern.type in PLOVER_TYPES
        assert ontology.lookup(pattern.cameo).code.startswith(pattern.cameo[:2])
        assert pattern.targets or pattern.mutual


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("meet\tCHAT\t040\tdobj\tyes\t", "unknown type"),
        ("meet\tCONSULT\t040\tsideways\tyes\t", "unknown target"),
        ("meet\tCONSULT\t040\tdobj\tyes\tmoonphase", "unknown requirement"),
    ],
)
def test_patterns_bad_user_rows_name_file_and_line(row, problem):
    with pytest.raises(ValueError, match=rf"mine.tsv:2: {problem}"):
        read_patterns(HEADER + row + "\n", "mine.tsv")


def test_patterns_user_rows_are_tried_first(tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text(HEADER + "meet\tCOOPERATE\t060\tdobj\tyes\t\n", encoding="utf-8")
    book = PatternBook.load([mine])
    assert book.verbs["meet"][0].type == "COOPERATE"
    assert book.verbs["meet"][1].type == "CONSULT"


@pytest.mark.slow
def test_patterns_user_file_adds_a_verb_through_config(tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text(
        HEADER + "rebuke_publicly\tACCUSE\t111\tdobj\tno\t\n" + "scold\tACCUSE\t111\tdobj\tno\t\n",
        encoding="utf-8",
    )
    pipeline = Pipeline(Config(pattern_files=[str(mine)]))
    events = code_text("Chile scolded Peru on Monday.", published=date(2022, 6, 9), pipeline=pipeline).events
    assert [(e.type, e.source.name, e.target.name, e.rule) for e in events] == [
        ("ACCUSE", "Chile", "Peru", "scold/ACCUSE")
    ]
