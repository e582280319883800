from datetime import date

from story_texts import (
    MEETING_REWRITE,
    MEETING_WIRE,
    SAME_CITY_PROTEST,
    SAME_PAIR_LATER,
    SAME_WEEK_OTHER_MATTER,
)

from eventwire.stories.cluster import ArticleView, StoryClusterer

MEET = (("CONSULT", "NOR", "CHL"), date(2023, 3, 7))


def _assign(clusterer, doc_id, text, day, events=()):
    return clusterer.assign(ArticleView(doc_id=doc_id, text=text, published=day, events=list(events)))


def test_a_rewrite_in_other_words_joins_the_story():
    clusterer = StoryClusterer()
    first = _assign(clusterer, "wire", MEETING_WIRE, date(2023, 3, 7), [MEET])
    second = _assign(clusterer, "rewrite", MEETING_REWRITE, date(2023, 3, 8), [MEET])
    assert first.new_story
    assert not second.new_story
    assert second.story_id == first.story_id


def test_distractors_open_stories_of_their_own():
    clusterer = StoryClusterer()
    meeting = _assign(clusterer, "wire", MEETING_WIRE, date(2023, 3, 7), [MEET])
    protest = _assign(clusterer, "protest", SAME_CITY_PROTEST, date(2023, 3, 7))
    expulsion = _assign(
        clusterer, "expel", SAME_WEEK_OTHER_MATTER, date(2023, 3, 9), [(("SANCTION", "NOR", "CHL"), None)]
    )
    again = (("CONSULT", "NOR", "CHL"), date(2023, 5, 16))
    later = _assign(clusterer, "later", SAME_PAIR_LATER, date(2023, 5, 16), [again])
    ids = {meeting.story_id, protest.story_id, expulsion.story_id, later.story_id}
    assert len(ids) == 4
    assert all(a.new_story for a in (meeting, protest, expulsion, later))


def test_the_same_input_in_the_same_order_gives_the_same_stories():
    def run():
        clusterer = StoryClusterer()
        return [
            _assign(clusterer, "wire", MEETING_WIRE, date(2023, 3, 7), [MEET]),
            _assign(clusterer, "protest", SAME_CITY_PROTEST, date(2023, 3, 7)),
            _assign(clusterer, "rewrite", MEETING_REWRITE, date(2023, 3, 8), [MEET]),
        ]

    assert run() == run()


def test_stories_past_the_window_are_closed_and_forgotten():
    clusterer = StoryClusterer(window_days=3)
    _assign(clusterer, "wire", MEETING_WIRE, date(2023, 3, 7), [MEET])
    clusterer.close_before(date(2023, 3, 20))
    assert clusterer.open_stories() == 0
    # The same words two weeks later start a new story.
    assert _assign(clusterer, "rewrite", MEETING_REWRITE, date(2023, 3, 20), [MEET]).new_story


def test_an_undated_article_joins_by_its_words_and_events():
    clusterer = StoryClusterer()
    first = _assign(clusterer, "wire", MEETING_WIRE, date(2023, 3, 7), [MEET])
    undated = _assign(clusterer, "undated", MEETING_REWRITE, None, [(("CONSULT", "NOR", "CHL"), None)])
    assert undated.story_id == first.story_id
