"""Categories of wire sentence the coder reads, each with sentences written for these tests (none
comes from an evaluation set): real spaCy parsing through the real pipeline."""

from __future__ import annotations

import pytest
from coder_sentences import event_keys as _keys

pytestmark = pytest.mark.slow


def test_bare_preposition_reading_stays_with_its_own_verb(pipeline):
    # The dictionary's "head for" (a journey) is no reading of "controls ... for".
    keys = _keys(
        "Kenya imposed sanctions on the militia that controls Somalia for its backing of pirates.", pipeline
    )
    assert not {k for k in keys if k[0] == "CONSULT"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rebels in Chad on Monday dismissed an appeal from President Mahamat Deby to disarm.",
            ("REJECT", "TCD", "TCD"),
        ),
        (
            "Kenya's opposition turned down an offer from the Kenyan government on Tuesday.",
            ("REJECT", "KEN", "KEN"),
        ),
    ],
)
def test_dismissing_an_appeal_or_offer_rejects_its_author(pipeline, text, expected):
    keys = _keys(text, pipeline)
    assert expected in keys
    assert not {k for k in keys if k[0] == "ACCUSE"}


def test_mediation_runs_between_the_mediator_and_each_party_only(pipeline):
    keys = _keys("Oman launched a mediation effort between Egypt and Ethiopia on Sunday.", pipeline)
    assert {("CONSULT", "OMN", "EGY"), ("CONSULT", "EGY", "OMN"), ("CONSULT", "OMN", "ETH")} <= keys
    assert ("CONSULT", "EGY", "ETH") not in keys


def test_a_blockade_protests_when_civilians_make_it_and_restricts_when_forces_do(pipeline):
    protest = _keys("Chilean farmers said they would blockade Santiago from Monday.", pipeline)
    assert ("THREATEN", "CHL", "CHL") in protest
    forces = _keys("The Turkish navy blockaded the Cypriot port on Friday.", pipeline)
    assert not {k for k in forces if k[0] == "PROTEST"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Indonesia eased emergency measures in East Timor province on Tuesday.", ("CONCEDE", "IDN", "TLS")),
        ("Morocco lifted the curfew in Mauritania on Friday.", ("CONCEDE", "MAR", "MRT")),
        ("Serbia eased the curfew in Kosovo on Wednesday.", ("CONCEDE", "SRB", "XKX")),
    ],
)
def test_an_eased_measure_falls_on_the_place_it_held_in(pipeline, text, expected):
    assert expected in _keys(text, pipeline)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the condition, however deep in the threatened act's phrases, names who must act
        (
            "Iran has threatened to halt negotiations to cut its uranium stockpile if the United States"
            " goes ahead with new sanctions, a newspaper reported.",
            {("THREATEN", "IRN", "USA")},
        ),
        # the planned act's thing is aimed at someone: "blows to Israel and Egypt"
        (
            "Hamas has threatened to deliver painful blows to Israel and Egypt, a Qatari weekly reports.",
            {("THREATEN", "PSE", "ISR"), ("THREATEN", "PSE", "EGY")},
        ),
        # an announced harm with a condition threatens whoever the condition names
        (
            "The Tunisian opposition said it will boycott the elections unless President Kais Saied resigns.",
            {("THREATEN", "TUN", "TUN")},
        ),
    ],
)
def test_a_threat_targets_its_condition_or_the_aim_of_the_threatened_act(pipeline, text, expected):
    keys = _keys(text, pipeline)
    assert expected <= keys
    assert not {k for k in keys if k[0] == "THREATEN" and k[2] in ("QAT",)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Bolivian army declared a state of siege in Bolivia on Sunday.", ("COERCE", "BOL", "BOL")),
        ("Myanmar's military declared martial law in Myanmar's largest city.", ("COERCE", "MMR", "MMR")),
    ],
)
def test_a_declared_state_of_siege_or_martial_law_coerces_the_place(pipeline, text, expected):
    assert expected in _keys(text, pipeline)


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        (
            "Thousands of students marched in Tehran in defiance of Iraqi authorities to demand reforms.",
            ("PROTEST", "IRN", "IRQ"),
            ("PROTEST", "IRN", "IRN"),
        ),
        (
            "Demonstrators in Kabul blocked a road to show their anger at Pakistan's border policies.",
            ("PROTEST", "AFG", "PAK"),
            ("PROTEST", "AFG", "AFG"),
        ),
        (
            "Hundreds of people rallied in Caracas to express their opposition to Colombia's deployment.",
            ("PROTEST", "VEN", "COL"),
            ("PROTEST", "VEN", "VEN"),
        ),
    ],
)
def test_a_protest_aims_at_whom_its_defiance_or_disapproval_names(pipeline, text, expected, not_expected):
    keys = _keys(text, pipeline)
    assert expected in keys
    assert not_expected not in keys


def test_a_protest_with_no_grievance_named_is_against_its_own_government(pipeline):
    assert ("PROTEST", "KEN", "KEN") in _keys("Protesters in Nairobi blocked roads on Tuesday.", pipeline)


def test_an_ethnic_group_belongs_to_the_state_it_lives_in_not_the_one_its_name_comes_from(pipeline):
    text = "Georgian police killed two ethnic Armenians in a raid in southern Georgia on Friday."
    keys = _keys(text, pipeline)
    assert ("ASSAULT", "GEO", "GEO") in keys
    assert not {k for k in keys if "ARM" in k}


def test_an_ethnic_group_with_no_home_named_is_not_its_namesake_state(pipeline):
    keys = _keys("Ethnic Uzbek militants attacked a Tajik border post on Sunday.", pipeline)
    assert not {k for k in keys if k[1] == "UZB"}


def test_an_attack_on_a_border_post_is_force_not_criticism(pipeline):
    keys = _keys("Afghan Taliban fighters attacked a Pakistani border post on Sunday.", pipeline)
    assert not {k for k in keys if k[0] == "ACCUSE"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vietnamese forces shelled Kampuchean guerrilla camps near the Thai border on Tuesday.",
            ("ASSAULT", "VNM", "KHM"),
        ),
        ("Zairean troops attacked Rwandan refugees near Goma on Monday.", ("ASSAULT", "COD", "RWA")),
    ],
)
def test_former_state_names_of_archived_wire_copy_resolve(pipeline, text, expected):
    assert expected in _keys(text, pipeline)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hundreds of supporters of former President Evo Morales blocked roads in La Paz.",
            ("PROTEST", "BOL", "BOL"),
        ),
        (
            "Supporters of the Kenyan opposition leader marched in Nairobi on Monday.",
            ("PROTEST", "KEN", "KEN"),
        ),
    ],
)
def test_supporters_of_someone_act_in_that_ones_country(pipeline, text, expected):
    assert expected in _keys(text, pipeline)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenyan police dispersed protesters in Nairobi on Monday.", ("COERCE", "KEN", "KEN")),
        (
            "Belarusian police broke up a demonstration by opposition supporters in Minsk.",
            ("COERCE", "BLR", "BLR"),
        ),
        (
            "Turkish police prevented a rally staged by Kurdish students in Diyarbakir.",
            ("COERCE", "TUR", "TUR"),
        ),
    ],
)
def test_forces_that_disperse_break_up_or_prevent_a_protest_coerce_its_protesters(pipeline, text, expected):
    assert expected in _keys(text, pipeline)


def test_sharing_intelligence_with_someone_is_cooperation_both_ways(pipeline):
    keys = _keys("Iran has been sharing intelligence with Hezbollah, a report said on Monday.", pipeline)
    assert {("COOPERATE", "IRN", "LBN"), ("COOPERATE", "LBN", "IRN")} <= keys


def test_a_named_rebel_group_is_read_whole_not_by_a_word_of_its_name(pipeline):
    keys = _keys("India has been sharing intelligence with the Liberation Tigers of Tamil Eelam.", pipeline)
    assert ("COOPERATE", "IND", "LKA") in keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia began the withdrawal of its troops from Moldova on Monday.", ("RETREAT", "RUS", "MDA")),
        (
            "France speeded up the withdrawal of some combat forces from Mali on Wednesday.",
            ("RETREAT", "FRA", "MLI"),
        ),
        ("The withdrawal of Ethiopian troops from Somalia began on Monday.", ("RETREAT", "ETH", "SOM")),
    ],
)
def test_a_withdrawal_that_is_done_is_a_retreat_from_the_place(pipeline, text, expected):
    keys = _keys(text, pipeline)
    assert expected in keys
    # its own forces are what it withdraws, not whom it retreats from
    assert not {k for k in keys if k[0] == "RETREAT" and k[1] == k[2]}


@pytest.mark.parametrize(
    "text",
    [
        "The talks focused on the withdrawal of Ethiopian troops from Somalia.",
        "Ukraine demanded the withdrawal of Russian troops from Moldova.",
    ],
)
def test_a_withdrawal_talked_about_or_demanded_is_no_retreat(pipeline, text):
    assert not {k for k in _keys(text, pipeline) if k[0] == "RETREAT"}


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan teachers union called off a strike on Thursday after talks with the government.",
        "Opposition supporters in Caracas ended their hunger strike on Sunday.",
    ],
)
def test_calling_off_or_ending_a_strike_eases_dissent_and_is_no_protest(pipeline, text):
    keys = _keys(text, pipeline)
    assert {k for k in keys if k[0] == "CONCEDE"}
    assert not {k for k in keys if k[0] == "PROTEST"}


def test_the_owner_of_a_relation_is_not_the_related_actor(pipeline):
    text = "Houthi fighters killed the deputy commander of Saudi Arabia's tribal allies in northern Yemen."
    keys = _keys(text, pipeline)
    assert not {k for k in keys if k[0] == "ASSAULT" and k[2] == "SAU"}


def test_a_relation_noun_with_its_own_name_is_that_actor(pipeline):
    keys = _keys("Ukrainian drones struck Russia's ally Belarus on Monday.", pipeline)
    assert ("ASSAULT", "UKR", "BLR") in keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Egypt and Qatar restored diplomatic relations on Tuesday.",
            {("SUPPORT", "EGY", "QAT"), ("SUPPORT", "QAT", "EGY")},
        ),
        (
            "Israel established diplomatic ties with Bahrain.",
            {("SUPPORT", "ISR", "BHR"), ("SUPPORT", "BHR", "ISR")},
        ),
        ("Saudi Arabia and Iran upgraded their ties to embassy level.", {("SUPPORT", "SAU", "IRN")}),
    ],
)
def test_establishing_or_restoring_diplomatic_ties_is_support_both_ways(pipeline, text, expected):
    assert expected <= _keys(text, pipeline)


def test_ties_restored_only_on_a_condition_are_no_event(pipeline):
    text = "Rwanda said it would restore ties with Burundi if Burundi extradited the suspects."
    assert not {k for k in _keys(text, pipeline) if k[0] == "SUPPORT"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Azerbaijan has massed some 20,000 troops near Armenia's borders, officials said.",
            ("MOBILIZE", "AZE", "ARM"),
        ),
        ("Turkey deployed tanks along the border with Syria on Monday.", ("MOBILIZE", "TUR", "SYR")),
    ],
)
def test_forces_massed_or_deployed_at_a_border_are_aimed_at_its_other_side(pipeline, text, expected):
    assert expected in _keys(text, pipeline)
