"""Dates resolved against the publication date (eventwire.annotate.dates)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.annotate.dates import DateMention, find_dates, header_date, resolve_event_date, text_year

SATURDAY = date(2017, 5, 27)
THURSDAY = date(2019, 6, 6)


@pytest.mark.parametrize(
    ("sentence", "published", "expected", "precision"),
    [
        ("On Thursday, the two ministers met in Minsk.", SATURDAY, date(2017, 5, 25), "day"),
        ("The envoy arrived yesterday for talks.", SATURDAY, date(2017, 5, 26), "day"),
        ("Protesters gathered on Saturday outside parliament.", SATURDAY, date(2017, 5, 27), "day"),
        ("The leaders spoke on Thursday by phone.", THURSDAY, date(2019, 6, 6), "day"),
        ("The leaders spoke last Thursday by phone.", THURSDAY, date(2019, 5, 30), "day"),
        ("The leaders will speak next Monday.", THURSDAY, date(2019, 6, 10), "day"),
        ("The deal was signed late on Monday in Baku.", SATURDAY, date(2017, 5, 22), "day"),
        ("Shells hit the town on Sunday night.", SATURDAY, date(2017, 5, 21), "day"),
        ("The ministry said today that talks would resume.", SATURDAY, SATURDAY, "day"),
        ("Sirens sounded across the capital last night.", SATURDAY, date(2017, 5, 26), "day"),
        ("The army withdrew last week from the border.", SATURDAY, None, "none"),
        ("Earlier this month, the two sides agreed to a fund.", SATURDAY, None, "month"),
        ("Last month, the government imposed new tariffs.", SATURDAY, None, "month"),
        ("In January, the embassy was closed.", SATURDAY, None, "month"),
        ("The rebels later accused the army of shelling.", SATURDAY, None, "none"),
        ("They met in Sochi on May 26, 2017 for talks.", SATURDAY, date(2017, 5, 26), "day"),
        ("They met in Sochi on 26 May 2017 for talks.", None, date(2017, 5, 26), "day"),
        ("The statement is dated 26/05/2017.", SATURDAY, date(2017, 5, 26), "day"),
        ("The statement is dated 2017-05-26.", None, date(2017, 5, 26), "day"),
        ("The ministers met on 20 June 2023 in Berlin.", None, date(2023, 6, 20), "day"),
        ("Issued on 12 Jan. 2022 by the press office.", None, date(2022, 1, 12), "day"),
        (
            "In a letter dated Aug. 15, the minister asked for a meeting.",
            date(2022, 8, 16),
            date(2022, 8, 15),
            "day",
        ),
        (
            "On Monday, Aug. 21, the agency accused the three countries.",
            date(2023, 8, 24),
            date(2023, 8, 21),
            "day",
        ),
        ("The truce began on Dec. 28 after weeks of talks.", date(2021, 1, 5), date(2020, 12, 28), "day"),
        ("On Thursday, the two ministers met in Minsk.", None, None, "none"),
        ("The minister spoke on 3 March 2021 in Geneva.", None, date(2021, 3, 3), "day"),
        ("The council met today in Brussels.", None, None, "none"),
    ],
)
def test_dates_resolve_event_date(
    sentence: str, published: date | None, expected: date | None, precision: str
) -> None:
    mention = resolve_event_date(sentence, published)
    assert mention is not None
    assert mention.date == expected, mention.reason
    assert mention.precision == precision
    assert mention.text in sentence
    assert mention.reason.startswith(f"'{mention.text}'")


@pytest.mark.parametrize(
    "sentence",
    [
        "Article 5 of the treaty commits members to defend each other.",
        "The fund holds 100 billion yuan and 2,000 troops were sent.",
        "The plane landed at 7:25 am local time.",
        "The May government fell after the vote.",
        "Mr May said the plan may change.",
        "They march every Sunday until the vote.",
    ],
)
def test_dates_no_false_dates(sentence: str) -> None:
    assert find_dates(sentence, SATURDAY) == []


def test_dates_year_only_has_no_day() -> None:
    mentions = find_dates(
        "Israel should return to the 1967 borders, a demand heard since the 1990s.", SATURDAY
    )
    assert [(m.text, m.date, m.precision) for m in mentions] == [("1967", None, "year")]


def test_dates_weekday_reason_names_anchor_and_weekday() -> None:
    mention = resolve_event_date("On Thursday, the ministers met.", SATURDAY)
    assert mention is not None
    assert "2017-05-27 (Sat)" in mention.reason
    assert "on or before" in mention.reason


def test_dates_month_phrase_keeps_month_in_reason() -> None:
    mention = resolve_event_date("Earlier this month, Beijing and Moscow set up a fund.", SATURDAY)
    assert mention is not None
    assert mention.date is None
    assert "2017-05" in mention.reason


def test_dates_offsets_point_into_text_and_document() -> None:
    text = "Talks ended. The envoy left on Friday for Doha."
    mentions = find_dates(text, SATURDAY)
    assert [text[m.start : m.end] for m in mentions] == ["on Friday"]
    sentence_start = text.index("The envoy")
    mention = resolve_event_date(text[sentence_start:], SATURDAY, sentence_start=sentence_start)
    assert mention is not None
    assert text[mention.start : mention.end] == "on Friday"


def test_dates_dateline_is_not_the_event_date() -> None:
    sentence = "ROME, June 6 (Some Wire) - The two leaders met in Rome on Wednesday."
    mentions = find_dates(sentence, THURSDAY)
    assert [m.kind for m in mentions] == ["dateline", "weekday"]
    best = resolve_event_date(sentence, THURSDAY)
    assert best is not None
    assert best.date == date(2019, 6, 5)


def test_dates_explicit_date_wins_over_its_weekday() -> None:
    mentions = find_dates("On Monday, Aug. 21, the agency spoke.", date(2023, 8, 24))
    assert len(mentions) == 1
    assert mentions[0].date == date(2023, 8, 21)
    assert mentions[0].kind == "explicit"


def test_dates_weekday_mismatch_is_noted() -> None:
    mentions = find_dates("On Friday, 26 May 2017, talks began.", None)
    assert mentions[0].date == date(2017, 5, 26)
    assert "note:" not in mentions[0].reason
    mentions = find_dates("On Monday, 26 May 2017, talks began.", None)
    assert "is a Fri, not a Monday" in mentions[0].reason


def test_dates_yearless_date_without_publication_uses_the_text_year() -> None:
    text = "The pact was signed on 18 August 2023. On Monday, Aug. 21, Pyongyang objected."
    assert text_year(text) == 2023
    dates = [m.date for m in find_dates(text, None)]
    assert dates == [date(2023, 8, 18), date(2023, 8, 21)]
    assert find_dates("Pyongyang objected on Aug. 21.", None)[0].date is None


def test_dates_reference_date_anchors_relative_expressions() -> None:
    text = "Council of the EU - Press release - 20 October 2022 16:40\n\nThe Council today imposed sanctions."
    reference = header_date(text)
    assert reference == date(2022, 10, 20)
    mention = resolve_event_date("The Council today imposed sanctions.", None, reference=reference)
    assert mention is not None
    assert mention.date == reference


def test_dates_header_date_ignores_dates_deep_in_the_text() -> None:
    lines = "\n".join(f"Line {i} of the story." for i in range(10))
    assert header_date(lines + "\nIt happened on 3 March 2021.") is None


def test_dates_mentions_are_frozen_records() -> None:
    mention = find_dates("yesterday", SATURDAY)[0]
    assert isinstance(mention, DateMention)
    with pytest.raises(AttributeError):
        mention.date = None  # type: ignore[misc]
