"""Acts of several parties at once (coordinated subjects, joint bodies, "both sides"), and domestic
bodies named without their country: sentences written for these tests (none comes from an
evaluation set), real spaCy parsing through the real pipeline."""

from __future__ import annotations

import pytest
from coder_sentences import event_keys as _keys

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        "Armenia and Azerbaijan exchanged fire near the border on Sunday.",
        "Armenian and Azerbaijani border troops exchanged fire on Sunday.",
    ],
)
def test_coordinated_subjects_exchanging_fire_assault_each_other(pipeline, text):
    keys = _keys(text, pipeline)
    assert {("ASSAULT", "ARM", "AZE"), ("ASSAULT", "AZE", "ARM")} <= keys


def test_exchanging_envoys_is_no_assault(pipeline):
    keys = _keys("Sweden and Denmark exchanged ambassadors on Friday.", pipeline)
    assert not {k for k in keys if k[0] == "ASSAULT"}


@pytest.mark.parametrize(
    "text",
    [
        "Swedish and Danish prosecutors have set up a joint investigation team.",
        "Swedish and Danish police opened a joint investigation into the sabotage.",
    ],
)
def test_a_joint_team_of_two_states_bodies_is_cooperation(pipeline, text):
    keys = _keys(text, pipeline)
    assert {("COOPERATE", "SWE", "DNK"), ("COOPERATE", "DNK", "SWE")} <= keys


def test_one_states_own_investigation_is_no_cooperation(pipeline):
    keys = _keys("Swedish police opened an investigation into the sabotage.", pipeline)
    assert not {k for k in keys if k[0] == "COOPERATE"}


def test_both_sides_pulling_back_after_a_clash_retreat_from_each_other(pipeline):
    keys = _keys(
        "Thai soldiers and Cambodian troops clashed near the temple on Monday. "
        "By Wednesday both sides had withdrawn their tanks from the area.",
        pipeline,
    )
    assert {("RETREAT", "THA", "KHM"), ("RETREAT", "KHM", "THA")} <= keys


def test_two_governments_recalling_envoys_do_not_retreat_from_each_other(pipeline):
    keys = _keys("Britain and France withdrew their ambassadors on Monday.", pipeline)
    assert ("RETREAT", "GBR", "FRA") not in keys


@pytest.mark.parametrize(
    "second",
    [
        "Both countries have met since then.",
        "Government commissions from both countries have met regularly since then.",
    ],
)
def test_both_countries_with_no_name_of_their_own_are_the_pair_named_before(pipeline, second):
    keys = _keys(f"Laos and Vietnam signed a border treaty in 2010. {second}", pipeline)
    assert {("CONSULT", "LAO", "VNM"), ("CONSULT", "VNM", "LAO")} <= keys


def test_opposition_leaders_are_no_part_of_the_government_they_urge(pipeline):
    keys = _keys(
        "Bolivian protesters blocked main roads on Monday. "
        "Opposition leaders urged the government to resign.",
        pipeline,
    )
    assert ("REQUEST", "BOL", "BOL") in keys


def test_the_two_sides_of_a_domestic_dispute_are_its_two_parties(pipeline):
    keys = _keys(
        "Bolivian protesters blocked main roads on Monday. Union leaders accused the government "
        "of breaking its promises. The two sides met on Friday.",
        pipeline,
    )
    assert ("CONSULT", "BOL", "BOL") in keys


def test_tear_gas_fired_at_protesters_is_coercion_and_a_pan_american_road_no_country(pipeline):
    keys = _keys(
        "Bolivian police fired tear gas at hundreds of miners who had blocked the Pan-American "
        "Highway on Monday.",
        pipeline,
    )
    assert ("COERCE", "BOL", "BOL") in keys
    assert not {k for k in keys if "USA" in k}
    assert not {k for k in keys if k[0] == "ASSAULT"}


def test_live_fire_at_protesters_stays_assault(pipeline):
    keys = _keys("Bolivian police fired live bullets at protesters in La Paz on Monday.", pipeline)
    assert ("ASSAULT", "BOL", "BOL") in keys


def test_an_unknown_opposition_politician_acts_for_the_opposition_of_the_story_state(pipeline):
    keys = _keys(
        "Bolivian miners blocked main roads on Monday. Opposition politician Juan Perez Rocha "
        "accused the government of hiding the death toll.",
        pipeline,
    )
    assert ("PROTEST", "BOL", "BOL") in keys
    assert ("ACCUSE", "BOL", "BOL") in keys


@pytest.mark.parametrize(
    "text",
    [
        "A Laotian activist who fled to Vietnam last year was deported on Monday, rights groups said.",
        "A Laotian activist was deported from Vietnam on Monday.",
    ],
)
def test_an_agentless_deportation_is_by_the_state_the_deportee_is_put_out_of(pipeline, text):
    keys = _keys(text, pipeline)
    assert ("COERCE", "VNM", "LAO") in keys
    assert ("COERCE", "LAO", "LAO") not in keys


def test_a_host_of_officials_of_a_state_with_of_in_its_name_meets_each_guest(pipeline):
    keys = _keys(
        "Tanzanian President Samia Suluhu Hassan hosted the foreign ministers of the Democratic "
        "Republic of Congo and Burundi in Dar es Salaam on Friday.",
        pipeline,
    )
    pairs = {("TZA", "COD"), ("TZA", "BDI"), ("COD", "BDI")}
    assert {("CONSULT", a, b) for a, b in pairs} | {("CONSULT", b, a) for a, b in pairs} <= keys


def test_a_meeting_hosted_by_a_third_state_is_consultation_with_those_who_met_there(pipeline):
    keys = _keys(
        "Bolivia and Paraguay signed a water-sharing deal on Friday at a meeting hosted by Brazil.",
        pipeline,
    )
    assert {("CONSULT", "BRA", "BOL"), ("CONSULT", "PRY", "BRA"), ("AGREE", "BOL", "PRY")} <= keys
    assert ("AGREE", "BRA", "BOL") not in keys


@pytest.mark.parametrize(
    "text",
    [
        "Poland imposed entry bans on Belarusian officials on Monday.",
        "Poland announced travel bans on Belarusian officials on Monday.",
    ],
)
def test_an_entry_ban_on_another_states_officials_is_a_sanction(pipeline, text):
    assert ("SANCTION", "POL", "BLR") in _keys(text, pipeline)


def test_a_domestic_ban_is_no_sanction(pipeline):
    keys = _keys("Poland announced a ban on smoking in bars on Monday.", pipeline)
    assert not {k for k in keys if k[0] == "SANCTION"}
