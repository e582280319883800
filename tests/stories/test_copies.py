from datetime import date

from story_texts import MEETING_COPY, MEETING_REWRITE, MEETING_WIRE, SAME_CITY_PROTEST

from eventwire.stories.copies import NearDuplicates


def test_a_lightly_edited_copy_is_linked_to_its_original():
    index = NearDuplicates()
    assert index.check("wire", MEETING_WIRE, date(2023, 3, 7)) is None
    link = index.check("copy", MEETING_COPY, date(2023, 3, 8))
    assert link is not None
    assert link.original_id == "wire"
    assert 0.6 <= link.similarity < 1.0


def test_a_rewrite_of_the_same_news_and_another_story_are_not_copies():
    index = NearDuplicates()
    index.check("wire", MEETING_WIRE, date(2023, 3, 7))
    assert index.check("rewrite", MEETING_REWRITE, date(2023, 3, 7)) is None
    assert index.check("protest", SAME_CITY_PROTEST, date(2023, 3, 7)) is None
    assert len(index) == 3


def test_originals_leave_the_index_after_the_window():
    index = NearDuplicates(window_days=14)
    index.check("wire", MEETING_WIRE, date(2023, 3, 7))
    # A republication a month later is judged against the originals still in the window.
    assert index.check("late", MEETING_COPY, date(2023, 4, 10)) is None
    assert index.check("same-month", MEETING_COPY, date(2023, 4, 11)) is not None
