"""Tests for finding a publication date on a scraped page's dateline."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.extract.dateline import find_dateline_date, line_date, parse_dates

PARAGRAPH = (
    "The foreign ministers of Norway and Iceland met in Reykjavik on Tuesday and agreed to "
    "coordinate their positions on fishing quotas in the North Atlantic."
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("May 27, 2017, 7:25 am", date(2017, 5, 27)),
        ("27 May 2017", date(2017, 5, 27)),
        ("2017-05-27", date(2017, 5, 27)),
        ("2017-05-27T07:25:00+03:00", date(2017, 5, 27)),
        ("Published: 05/27/2017 10:12 GMT", date(2017, 5, 27)),
        ("Sept. 6, 2022, 11:05 p.m. IST", date(2022, 9, 6)),
        ("Tuesday, September 11, 2018 - 14:35", date(2018, 9, 11)),
        ("Issued on 12 Jan. 2022", date(2022, 1, 12)),
        ("Posted on 8 March 2023 by Nino Beridze", date(2023, 3, 8)),
        ("Posted by admin on November 2nd, 2017", date(2017, 11, 2)),
        ("Date 04.12.2019", date(2019, 12, 4)),
        ("19-Jul-2019 18:22", date(2019, 7, 19)),
        ("2019/09/03", date(2019, 9, 3)),
        ("Sun 11 Oct 2020 09.30 BST", date(2020, 10, 11)),
        ("Lisbon, 12 June 2018", date(2018, 6, 12)),
        ("Council of the EU - Press release - 20 October 2022 16:40", date(2022, 10, 20)),
        ("by Rami Khalil | 11 Oct 2022", date(2022, 10, 11)),
    ],
)
def test_dateline_line_date_reads_dateline_formats(line: str, expected: date) -> None:
    found = line_date(line)
    assert found is not None
    assert found.day == expected


@pytest.mark.parametrize(
    "line",
    [
        "Updated 3 hours ago",
        "MOSCOW, June 6 (Nordic Wire) -",
        "On May 26, 2017, the two foreign ministers held talks in Moscow and signed a protocol.",
        "Page 3 of 12",
        "31/02/2020",
        "",
    ],
)
def test_dateline_line_date_rejects_non_datelines(line: str) -> None:
    assert line_date(line) is None


def test_dateline_line_date_prefers_publication_over_revision_stamp() -> None:
    found = line_date("Posted: 19-Jul-2019 18:22 | Last Updated: 20-Jul-2019 09:40")
    assert found is not None
    assert (found.day, found.label) == (date(2019, 7, 19), "published")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/06/2017", date(2017, 5, 6)),  # slashes: month first
        ("25/06/2017", date(2017, 6, 25)),  # a first number above 12 is the day
        ("05.06.2017", date(2017, 6, 5)),  # dots: day first
        ("05-06-2017", date(2017, 6, 5)),  # dashes: day first
    ],
)
def test_dateline_parse_dates_numeric_order(text: str, expected: date) -> None:
    assert [day for _, _, day in parse_dates(text)] == [expected]


def test_dateline_find_reads_the_dateline_under_the_title() -> None:
    lines = ["Follow us on:", "", "Fishing deal signed", "May 27, 2017, 7:25 am", "", PARAGRAPH]
    assert find_dateline_date(lines) == date(2017, 5, 27)


def test_dateline_find_ignores_dates_in_comment_section() -> None:
    lines = [
        "Fishing deal signed",
        "Updated 3 hours ago",
        "",
        PARAGRAPH,
        "",
        "One Response to Fishing deal signed",
        "  1. fisher_joe Reply",
        "    May 28, 2017 at 3:37 pm",
        "Leave a Reply",
    ]
    assert find_dateline_date(lines) is None


def test_dateline_find_prefers_the_date_nearest_the_article_over_a_top_bar() -> None:
    lines = [
        "The Northern Herald",
        "Tuesday, 31 January 2023",
        "Politics  World  Sport",
        "",
        "Fishing deal signed",
        "By Anne Dahl",
        "Published: 01/24/2023 16:05 GMT",
        "",
        PARAGRAPH,
    ]
    assert find_dateline_date(lines) == date(2023, 1, 24)


def test_dateline_find_uses_revision_stamp_only_as_fallback() -> None:
    lines = [
        "Fishing deal signed",
        "Last updated: 3 June 2019",
        "",
        PARAGRAPH,
        "",
        "First published 2 June 2019",
    ]
    assert find_dateline_date(lines) == date(2019, 6, 2)
    assert find_dateline_date(lines[:4]) == date(2019, 6, 3)


def test_dateline_find_anchor_picks_the_nearest_dateline() -> None:
    lines = ["12 March 2020", "", "Old story", "", "Fishing deal signed", "3 June 2019", PARAGRAPH]
    assert find_dateline_date(lines, anchor=4) == date(2019, 6, 3)
    assert find_dateline_date(lines, anchor=0) == date(2020, 3, 12)


def test_dateline_find_without_any_date_is_none() -> None:
    assert find_dateline_date(["Fishing deal signed", "", PARAGRAPH]) is None
    assert find_dateline_date([]) is None
