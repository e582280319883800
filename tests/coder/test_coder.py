"""Event coding, one phenomenon a test, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coding import code_text
from eventwire.pipeline import Pipeline

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _keys(text: str, published: date | None, pipeline: Pipeline) -> set[tuple[str, str, str]]:
    result = code_text(text, published=published, pipeline=pipeline)
    return {(e.type, e.source.name, e.target.name) for e in result.events}


def _events(text: str, published: date | None, pipeline: Pipeline):
    return code_text(text, published=published, pipeline=pipeline).events


def test_coder_passive_voice_takes_the_by_phrase_as_source(pipeline):
    events = _events(
        "The Dutch prime minister was received by German Chancellor Olaf Scholz in Berlin on Tuesday.",
        date(2023, 3, 16),
        pipeline,
    )
    keys = {(e.type, e.source.country, e.target.country) for e in events}
    assert keys == {("CONSULT", "DEU", "NLD"), ("CONSULT", "NLD", "DEU")}
    assert all(e.location == "Berlin" and e.date == date(2023, 3, 14) for e in events)


def test_coder_coordinated_subjects_each_act(pipeline):
    assert _keys("France and Germany condemned Iran on Monday.", date(2020, 1, 8), pipeline) == {
        ("ACCUSE", "France", "Iran"),
        ("ACCUSE", "Germany", "Iran"),
    }


def test_coder_meetings_are_mutual(pipeline):
    keys = _keys(
        "Indian Prime Minister Narendra Modi and Japanese Prime Minister Fumio Kishida held talks "
        "in Tokyo on Friday.",
        date(2023, 3, 25),
        pipeline,
    )
    assert keys == {
        ("CONSULT", "Narendra Modi", "Fumio Kishida"),
        ("CONSULT", "Fumio Kishida", "Narendra Modi"),
    }


def test_coder_three_parties_signing_give_every_ordered_pair(pipeline):
    keys = _keys(
        "Armenia, Azerbaijan and Russia signed a ceasefire agreement on Monday.", date(2020, 11, 10), pipeline
    )
    assert len(keys) == 6 and all(k[0] == "AGREE" for k in keys)


@pytest.mark.parametrize(
    "text",
    [
        "Turkey did not meet Greece on Monday.",
        "Egypt could sign a deal with Sudan next week.",
        "Brazil hopes to visit China soon.",
        "If Iran attacks Israel, the United States will respond.",
        "Pakistan plans to hold talks with India in March.",
        "Was Japan going to sanction China?",
        "The prime minister said she would not step down.",
    ],
)
def test_coder_negated_planned_hoped_and_conditional_are_not_events(pipeline, text):
    assert _events(text, date(2020, 1, 8), pipeline) == []


def test_coder_refusal_is_reject(pipeline):
    assert _keys("Colombia refused to meet Venezuela on Sunday.", date(2019, 2, 25), pipeline) == {
        ("REJECT", "Colombia", "Venezuela")
    }


def test_coder_accused_of_attacking_gives_only_the_accusation(pipeline):
    assert _keys("Poland accused Belarus of attacking Lithuania.", date(2021, 11, 10), pipeline) == {
        ("ACCUSE", "Poland", "Belarus")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya yesterday urged Ethiopia to end the fighting.", date(2021, 11, 9)),
        ("Kenya urged Ethiopia on Wednesday to end the fighting.", date(2021, 11, 10)),
        ("On Monday, Kenya urged Ethiopia to end the fighting.", date(2021, 11, 8)),
        ("Kenya urged Ethiopia on 3 November 2021 to end the fighting.", date(2021, 11, 3)),
        ("Last week Kenya urged Ethiopia to end the fighting.", None),
    ],
)
def test_coder_relative_dates_resolve_against_publication(pipeline, text, expected):
    (event,) = _events(text, date(2021, 11, 10), pipeline)  # a Wednesday
    assert event.date == expected
    assert event.date_reason


def test_coder_without_publication_date_only_explicit_dates_resolve(pipeline):
    (event,) = _events("On Monday, Kenya urged Ethiopia to end the fighting.", None, pipeline)
    assert event.date is None
    (event,) = _events("On 3 November 2021, Kenya urged Ethiopia to end the fighting.", None, pipeline)
    assert event.date == date(2021, 11, 3)


def test_coder_surname_resolves_to_the_full_name_given_earlier(pipeline):
    text = (
        "German Chancellor Olaf Scholz arrived in Paris on Monday.\n\n"
        "Scholz met French President Emmanuel Macron at the Elysee."
    )
    assert ("CONSULT", "Olaf Scholz", "Emmanuel Macron") in _keys(text, date(2023, 1, 24), pipeline)


def test_coder_title_resolves_by_the_article_date(pipeline):
    assert _keys(
        "The Russian Foreign Minister criticised NATO on Thursday.", date(2017, 5, 27), pipeline
    ) == {("ACCUSE", "Sergei Lavrov", "NATO")}
    assert _keys("The US President criticised NATO on Thursday.", date(2019, 5, 25), pipeline) == {
        ("ACCUSE", "Donald Trump", "NATO")
    }


def test_coder_pronoun_refers_to_the_person_named_before(pipeline):
    text = (
        "Japanese Prime Minister Fumio Kishida arrived in Seoul on Sunday. "
        "He met South Korean President Yoon Suk Yeol."
    )
    assert ("CONSULT", "Fumio Kishida", "Yoon Suk Yeol") in _keys(text, date(2023, 5, 8), pipeline)


def test_coder_protesters_without_named_target_protest_their_government(pipeline):
    events = _events(
        "Thousands of protesters rallied in Minsk against President Alexander Lukashenko on Sunday.",
        date(2020, 9, 7),
        pipeline,
    )
    assert [(e.type, e.source.country, e.source.sector, e.target.name) for e in events] == [
        ("PROTEST", "BLR", "CVL", "Alexander Lukashenko")
    ]


def test_coder_event_stated_twice_is_kept_once(pipeline):
    text = (
        "Chile and Peru signed a trade agreement on Tuesday.\n\n"
        "The agreement that Chile and Peru signed on Tuesday cuts tariffs."
    )
    events = _events(text, date(2022, 6, 9), pipeline)
    assert len([e for e in events if e.type == "AGREE"]) == 2


def test_coder_every_event_explains_itself(pipeline):
    (event,) = _events("Kenya urged Ethiopia on Wednesday to end the fighting.", date(2021, 11, 10), pipeline)
    assert event.evidence.startswith("Kenya urged Ethiopia")
    assert event.rule == "urge/REQUEST"
    assert event.cameo == "020" and event.goldstein == 3.0
    assert 0 < event.confidence <= 1


def test_coder_quotes_are_attributed(pipeline):
    text = (
        'Japanese Prime Minister Fumio Kishida met Yoon Suk Yeol. "We will not accept this," Kishida said. '
        'Yoon said: "Our ties are strong."'
    )
    quotes = code_text(text, published=date(2023, 5, 8), pipeline=pipeline).quotes
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Fumio Kishida", "We will not accept this,"),
        ("Yoon Suk Yeol", "Our ties are strong."),
    ]


def test_coder_shelled_place_is_an_assault_on_its_civilians(pipeline):
    events = _events(
        "A crowded market in Kharkiv, Ukraine's second city, was shelled by Russian forces on Sunday.",
        date(2022, 5, 3),
        pipeline,
    )
    assert [(e.type, e.source.country, e.target.country, e.target.sector) for e in events] == [
        ("ASSAULT", "RUS", "UKR", "CVL")
    ]


def test_coder_condemning_the_attack_targets_its_author(pipeline):
    text = (
        "Houthi rebels fired missiles at Saudi Arabia on Sunday.\n\n"
        "The United Nations condemned the attack on Monday."
    )
    keys = {(e.type, e.source.name, e.target.country) for e in _events(text, date(2022, 3, 22), pipeline)}
    assert ("ACCUSE", "United Nations", "YEM") in keys


def test_coder_the_two_leaders_are_the_most_named_people(pipeline):
    text = (
        "Kenyan President William Ruto hosted Tanzanian President Samia Suluhu Hassan in Nairobi "
        "on Monday.\n\n"
        "Ruto said trade had doubled. Hassan thanked Kenya.\n\n"
        "The two leaders signed an agreement on energy."
    )
    keys = _keys(text, date(2023, 5, 10), pipeline)
    assert ("AGREE", "William Ruto", "Samia Suluhu Hassan") in keys
    assert ("AGREE", "Samia Suluhu Hassan", "William Ruto") in keys


def test_coder_reported_it_is_the_reporter(pipeline):
    text = "Colombia's army said it had detained two Venezuelan soldiers near the border on Friday."
    events = _events(text, date(2021, 4, 5), pipeline)
    assert [(e.type, e.source.country, e.source.sector, e.target.country) for e in events] == [
        ("COERCE", "COL", "MIL", "VEN")
    ]


def test_coder_prisoner_exchange_is_mutual_concession(pipeline):
    keys = _keys("Russia and Ukraine exchanged 200 prisoners of war on Friday.", date(2024, 5, 10), pipeline)
    assert keys == {("CONCEDE", "Russia", "Ukraine"), ("CONCEDE", "Ukraine", "Russia")}


def test_coder_attack_victims_are_not_the_attackers_own_people(pipeline):
    events = _events("Israeli airstrikes killed 12 people in Gaza on Tuesday.", date(2024, 5, 10), pipeline)
    assert [(e.type, e.source.country, e.target.country, e.target.sector, e.location) for e in events] == [
        ("ASSAULT", "ISR", "PSE", "CVL", "Gaza")
    ]
    assert events[0].rule == "kill/ASSAULT"


def test_coder_reported_charge_against_an_actor_is_accuse(pipeline):
    text = "Pakistani Prime Minister Imran Khan said on Tuesday that India had committed aggression."
    keys = {(e.type, e.source.name, e.target.country) for e in _events(text, date(2019, 2, 27), pipeline)}
    assert keys == {("ACCUSE", "Imran Khan", "IND")}
    assert (
        _events("Imran Khan said on Tuesday that India had held elections.", date(2019, 2, 27), pipeline)
        == []
    )


def test_coder_bodies_of_an_organisation_act_for_it(pipeline):
    events = _events(
        "The UN Security Council condemned the coup in Niger on Thursday.", date(2023, 7, 28), pipeline
    )
    assert {(e.type, e.source.name) for e in events} <= {("ACCUSE", "United Nations")}
