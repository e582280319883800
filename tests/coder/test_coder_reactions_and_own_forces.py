"""Two classes of misreading, with sentences written for these tests (none comes from an evaluation
set), through the real pipeline:

- a reaction to an act ("welcomed the withdrawal", "condemned the attack on X by Y") is said about
  the act's doer; the reacting actor never becomes a party of the act, nor is its victim blamed;
- a state's own forces are what it deploys, sends or equips, never the target of that act."""

from __future__ import annotations

import pytest
from coder_sentences import DAY, Key
from coder_sentences import event_keys as _keys

from eventwire.coding import code_text

pytestmark = pytest.mark.slow


def _involving(keys: set[Key], actor: str) -> set[Key]:
    return {k for k in keys if actor in (k[1], k[2])}


@pytest.mark.parametrize(
    ("text", "reactor", "doer"),
    [
        (
            "The African Union welcomed the withdrawal of Eritrea's troops from the frontier.",
            "african union",
            "ERI",
        ),
        ("Argentina applauded the withdrawal of Chilean warships from the disputed channel.", "ARG", "CHL"),
        ("The Arab League praised the pullout of Israeli forces from the camp.", "arab league", "ISR"),
    ],
)
def test_welcoming_a_withdrawal_is_praise_of_its_doer_not_a_retreat_toward_the_reactor(
    pipeline, text, reactor, doer
):
    keys = _keys(text, pipeline)
    reactor_keys = {(t, s.lower() if s else s, g.lower() if g else g) for t, s, g in keys}
    assert not {k for k in reactor_keys if k[0] == "RETREAT" and reactor.lower() in (k[1], k[2])}
    assert ("SUPPORT", reactor.lower(), doer.lower()) in reactor_keys


@pytest.mark.parametrize(
    ("text", "expected", "victim"),
    [
        (
            "Spain condemned the bombing of the Moroccan consulate by Algerian militants.",
            ("ACCUSE", "ESP", "DZA"),
            "MAR",
        ),
        ("Sweden condemned the arrest of the human rights lawyer by Iran.", ("ACCUSE", "SWE", "IRN"), None),
        ("Norway denounced the expulsion of its diplomats by Venezuela.", ("ACCUSE", "NOR", "VEN"), "NOR"),
    ],
)
def test_condemning_an_act_blames_its_doer_not_its_victim(pipeline, text, expected, victim):
    keys = _keys(text, pipeline)
    assert expected in keys
    if victim is not None:
        assert not {k for k in keys if k[0] == "ACCUSE" and k[2] == victim}


def test_condemning_an_act_with_no_doer_blames_no_victim(pipeline):
    keys = _keys("Portugal condemned the attack on the Angolan embassy.", pipeline)
    assert ("ACCUSE", "PRT", "AGO") not in keys


@pytest.mark.parametrize(
    "text",
    [
        "Colombia deployed troops near Bogota on Monday.",
        "Peru sent its army to the southern highlands.",
        "Bangladesh dispatched soldiers to Chittagong.",
        "The Ghanaian government supplied weapons to its soldiers in the north.",
        "Ecuador deployed the military to the streets of Quito.",
    ],
)
def test_a_state_never_targets_its_own_forces_by_moving_or_equipping_them(pipeline, text):
    keys = _keys(text, pipeline)
    assert not {k for k in keys if k[1] is not None and k[1] == k[2]}, keys


def test_deploying_toward_another_state_stays_mobilisation_against_it(pipeline):
    keys = _keys("Hungary deployed soldiers along its border with Serbia.", pipeline)
    assert ("MOBILIZE", "HUN", "SRB") in keys
    assert not {k for k in keys if k[2] == "HUN"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Azerbaijan has massed some 20,000 troops, with artillery, near Armenia's borders.",
            ("MOBILIZE", "AZE", "ARM"),
        ),
        ("Eritrea has massed soldiers near the border with Djibouti.", ("MOBILIZE", "ERI", "DJI")),
        (
            "The Thai navy was put on high alert along the border with Cambodia on Monday.",
            ("MOBILIZE", "THA", "KHM"),
        ),
        ("Moroccan troops were deployed along the border with Algeria.", ("MOBILIZE", "MAR", "DZA")),
    ],
)
def test_forces_readied_at_a_border_face_the_state_beyond_it(pipeline, text, expected):
    assert expected in _keys(text, pipeline)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Myanmar's army launched an offensive in the northern Kachin state on Friday.",
            ("ASSAULT", "MMR", "MMR"),
        ),
        (
            "Syrian government troops launched an offensive on Saturday to retake Idlib.",
            ("ASSAULT", "SYR", "SYR"),
        ),
    ],
)
def test_an_offensive_with_no_named_enemy_is_on_the_state_of_its_ground(pipeline, text, expected):
    assert expected in _keys(text, pipeline)


@pytest.mark.parametrize(
    "text",
    [
        "The company launched an operation in Brazil.",
        "The ministry launched a campaign in Kenya to promote tourism.",
    ],
)
def test_an_operation_by_unarmed_actors_is_no_assault_on_its_place(pipeline, text):
    assert not {k for k in _keys(text, pipeline) if k[0] == "ASSAULT"}


def test_the_ground_an_offensive_sets_out_to_seize_is_where_it_happens(pipeline):
    events = code_text(
        "Syrian government troops launched an offensive on Saturday to retake Idlib.",
        published=DAY,
        pipeline=pipeline,
    ).events
    assault = [e for e in events if e.type == "ASSAULT"]
    assert assault and assault[0].location == "Idlib"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A drone attack by Houthi rebels killed three Saudi soldiers.", ("ASSAULT", "YEM", "SAU")),
        (
            "A roadside bombing claimed by Lashkar-e-Taiba killed 12 Indian soldiers.",
            ("ASSAULT", "PAK", "IND"),
        ),
        ("An ambush carried out by Boko Haram killed nine Chadian soldiers.", ("ASSAULT", "NGA", "TCD")),
    ],
)
def test_an_attack_named_as_subject_is_done_by_whoever_claimed_or_carried_it_out(pipeline, text, expected):
    keys = _keys(text, pipeline)
    assert expected in keys
    assert all(k[1] not in (None, "-") for k in keys)


def test_a_hyphenated_group_name_is_the_group_not_a_person_of_its_last_piece(pipeline):
    keys = _keys("Jaish-e-Mohammed killed 12 Indian soldiers in Kashmir.", pipeline)
    assert ("ASSAULT", "PAK", "IND") in keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Israeli jets struck a weapons depot near Damascus on Tuesday.", ("ASSAULT", "ISR", "SYR")),
        ("American aircraft bombed a militant base near Mosul on Friday.", ("ASSAULT", "USA", "IRQ")),
        ("Turkish jets struck a militant camp near the town of Zakho in Iraq.", ("ASSAULT", "TUR", "IRQ")),
        (
            "Turkish jets struck what Ankara described as a training camp of a militant group near the town"
            " of Sinat in Iraq's Duhok province.",
            ("ASSAULT", "TUR", "IRQ"),
        ),
    ],
)
def test_a_struck_site_naming_no_one_is_on_the_state_whose_ground_it_is(pipeline, text, expected):
    assert expected in _keys(text, pipeline)
