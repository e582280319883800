"""Event coding on the kinds of sentence real wire copy is made of, one class of pattern or guard
a test. Every sentence is written for these tests (none comes from an evaluation set)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coding import code_text
from eventwire.pipeline import Pipeline

pytestmark = pytest.mark.slow

DAY = date(2024, 3, 11)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _keys(text: str, pipeline: Pipeline) -> set[tuple[str, str | None, str | None]]:
    """(type, source country or name, target country or name) of every event."""
    events = code_text(text, published=DAY, pipeline=pipeline).events
    return {(e.type, e.source.country or e.source.name, e.target.country or e.target.name) for e in events}


# ----------------------------------------------------------------- the CAMEO dictionary's reach


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun object picks the code: staged rallies (141), not staged an attack
        (
            "Opposition supporters staged rallies in Caracas against President Nicolas Maduro on Sunday.",
            ("PROTEST", "VEN", "VEN"),
        ),
        # a verb with its own code and no hand-written pattern
        (
            "Kenyan police tortured detainees at a station in Nairobi, a rights group said.",
            ("ASSAULT", "KEN", "KEN"),
        ),
        # a verb's reading with a preposition naming the counterpart
        ("Protesters in Lagos rallied against the Nigerian government on Monday.", ("PROTEST", "NGA", "NGA")),
        # an easing on a place (CONCEDE under the guideline, whatever the crosswalk says)
        ("Serbia lifted the curfew in Montenegro on Sunday.", ("CONCEDE", "SRB", "MNE")),
    ],
)
def test_dictionary_codes_verbs_no_hand_written_pattern_covers(pipeline, text, expected):
    assert expected in _keys(text, pipeline)


def test_dictionary_negative_pattern_gives_no_event(pipeline):
    # "avoided clashes" is what the dictionary marks [---] (an aversion is not a fight).
    keys = _keys("The two armies avoided clashes along the border.", pipeline)
    assert not {k for k in keys if k[0] == "ASSAULT"}


def test_dictionary_hope_alone_is_no_request(pipeline):
    assert _keys("The prime minister hoped Japan would join the talks.", pipeline) == set()


# ----------------------------------------------------------------- targets the parse hides


def test_target_of_a_demand_is_the_subject_of_its_clause(pipeline):
    keys = _keys("Ukraine demanded that Russia withdraw its troops from the plant.", pipeline)
    assert ("REQUEST", "UKR", "RUS") in keys


def test_reported_obligation_is_a_demand(pipeline):
    assert _keys("Britain said Iran must release the seized tanker.", pipeline) == {("REQUEST", "GBR", "IRN")}


def test_reported_obligation_of_ones_own_state_is_policy(pipeline):
    keys = _keys("German Chancellor Olaf Scholz said Germany must spend more on defence.", pipeline)
    assert not {k for k in keys if k[0] == "REQUEST"}


def test_threat_with_a_condition_targets_who_the_condition_is_about(pipeline):
    keys = _keys(
        "Hungary threatened to veto the budget unless the European Union released frozen funds.", pipeline
    )
    assert ("THREATEN", "HUN", "European Union") in keys


def test_announced_harm_is_a_threat(pipeline):
    assert ("THREATEN", "TUR", "SWE") in _keys("Turkey said it would impose sanctions on Sweden.", pipeline)


def test_announced_meeting_is_no_event(pipeline):
    assert _keys("Egypt said it would host talks with Israel next week.", pipeline) == set()


def test_demand_of_protesters_is_part_of_the_protest(pipeline):
    keys = _keys("Protesters marched through Tbilisi demanding the resignation of the government.", pipeline)
    assert keys == {("PROTEST", "GEO", "GEO")}


def test_one_side_named_twice_is_no_event(pipeline):
    keys = _keys("The Russian delegation repeated Moscow's demand for guarantees.", pipeline)
    assert not {k for k in keys if k[1] == k[2] == "RUS"}


# ----------------------------------------------------------------- generic actors


def test_plural_demonym_is_the_people_of_that_country(pipeline):
    text = "Nigerian soldiers killed 12 Cameroonians in a raid near the border."
    events = code_text(text, DAY, pipeline=pipeline).events
    found = [(e.type, e.source.country, e.source.sector, e.target.country, e.target.sector) for e in events]
    assert found == [("ASSAULT", "NGA", "MIL", "CMR", "CVL")]


def test_demonym_before_a_people_names_where_they_live(pipeline):
    assert ("REJECT", "BIH", "SRB") in _keys("Bosnian Croats rejected the Serbian proposal.", pipeline)


def test_coordinated_demonyms_give_one_actor_each(pipeline):
    keys = _keys("The Ethiopian and Eritrean delegations agreed on a ceasefire on Tuesday.", pipeline)
    assert keys == {("AGREE", "ETH", "ERI"), ("AGREE", "ERI", "ETH")}


def test_sector_in_a_country_named_in_several_words(pipeline):
    keys = _keys("Rebels in the Central African Republic ambushed a United Nations convoy.", pipeline)
    assert ("ASSAULT", "CAF", "United Nations") in keys


# ----------------------------------------------------------------- metaphors


def test_attacking_a_said_thing_is_criticism_of_its_author(pipeline):
    keys = _keys("Opposition leader Keir Starmer attacked the government's budget on Tuesday.", pipeline)
    assert not {k for k in keys if k[0] == "ASSAULT"}


def test_each_other_makes_the_act_mutual(pipeline):
    text = "Joe Biden and Donald Trump attacked each other's tax plans during the debate."
    events = code_text(text, DAY, pipeline=pipeline).events
    assert {e.type for e in events} == {"ACCUSE"}
    assert {(e.source.name, e.target.name) for e in events} == {
        ("Joe Biden", "Donald Trump"),
        ("Donald Trump", "Joe Biden"),
    }


def test_force_against_positions_stays_force(pipeline):
    keys = _keys("Russian forces attacked Ukrainian positions near Bakhmut.", pipeline)
    assert ("ASSAULT", "RUS", "UKR") in keys


# ----------------------------------------------------------------- more classes of pattern


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an agentless passive whose doer the act fixes: the police, courts or government there
        ("A French journalist was arrested in Tehran on Saturday.", ("COERCE", "IRN", "FRA")),
        # an attempt at force happened
        (
            "Gunmen attempted to assassinate Mexican President Andres Manuel Lopez Obrador in Guadalajara.",
            ("ASSAULT", "MEX", "MEX"),
        ),
        # organising a strike is protesting
        (
            "Seven opposition parties in Zimbabwe organized a general strike against the government.",
            ("PROTEST", "ZWE", "ZWE"),
        ),
        # weapon platforms stand for their forces, places held for their holders
        ("Russian drones struck a Ukrainian army base near Kharkiv.", ("ASSAULT", "RUS", "UKR")),
        # what a state mobilises is its own; the war it mobilises for names the target
        ("Finland mobilized army reservists for a possible war with Russia.", ("MOBILIZE", "FIN", "RUS")),
        # a statement's demand is its issuer's
        (
            "The rebel Arakan Army issued a statement demanding that the Myanmar government free its men.",
            ("REQUEST", "MMR", "MMR"),
        ),
        # singular sector words; suing is an accusation
        ("A Saudi businessman sued the United States over a missile strike.", ("ACCUSE", "SAU", "USA")),
        # an obligation announced by one state for another is a demand
        ("Kenya announced that Somalia must withdraw its forces from the border.", ("REQUEST", "KEN", "SOM")),
    ],
)
def test_classes_of_pattern_on_written_sentences(pipeline, text, expected):
    assert expected in _keys(text, pipeline)


def test_forces_blocking_roads_do_not_protest(pipeline):
    keys = _keys("Police blocked roads around the parliament in Budapest.", pipeline)
    assert not {k for k in keys if k[0] == "PROTEST"}


def test_several_kinds_of_protester_protest_against_their_government(pipeline):
    # The government is their own country's by construction, not one of the doers.
    keys = _keys("Teachers and nurses protested in Nairobi on Tuesday over unpaid wages.", pipeline)
    assert ("PROTEST", "KEN", "KEN") in keys


def test_an_institution_building_is_not_the_place_its_city_is(pipeline):
    events = code_text(
        "Farmers demonstrated outside the Ministry of Agriculture in Lima on Monday.",
        published=DAY,
        pipeline=pipeline,
    ).events
    assert [e.location for e in events if e.type == "PROTEST"] == ["Lima"]
