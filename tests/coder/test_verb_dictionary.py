"""The CAMEO verb dictionary: its conversion (scripts/build_verb_dictionary.py), its matching over
the parse, and what the coder makes of it. Dictionary snippets and sentences are written here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import spacy

from eventwire.coder.verb_dictionary import (
    Coding,
    DictionaryPattern,
    DictionaryVerb,
    PrepTerm,
    VerbDictionary,
    read_terms,
)

ROOT = Path(__file__).resolve().parents[2]

SNIPPET = """\
####### SYNONYM SETS #######

&FOODSTUFF
+RICE
+WHEAT_FLOUR

####### VERB PATTERNS #######

---  STAGE   [---]  ---
STAGE
MOUNT [141]
STRIKE [143]
HOLD [040]
- * RALLIES                                          [141]         # STAGE
- * {MOCK ATTACK}                                    [---]         # STAGE
- * &FOODSTUFF (TO +)                                [073]         # STAGE
- * DEMAND THAT +                                    [100]         # STAGE
- * PROTESTS (FROM $)                                [110]         # STAGE
- * +                                                [111]         # MOCK

---  VISIT   [042:043]  ---
+CALL_ON {+CALLED_ON +CALLING_ON}
VISIT
- * PROMISE                                          [033]         # VISIT

---  AGREE   [050]  ---
AGREE
- * (TO PEACE)                                       [037:037]     # AGREE

---  HOPE   [020]  ---
HOPE
"""


def _script() -> ModuleType:
    path = ROOT / "scripts" / "build_verb_dictionary.py"
    spec = importlib.util.spec_from_file_location("build_verb_dictionary", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return _script()


@pytest.fixture(scope="module")
def converted(script):
    return script.read_dictionary(SNIPPET)


def test_conversion_reads_synonym_sets_with_their_phrases(converted):
    synsets, _, _ = converted
    assert synsets["foodstuff"] == ["rice", "wheat flour"]


def test_conversion_reads_objects_prepositions_and_markers(converted):
    _, _, patterns = converted
    by_line = {p.code + ":" + " ".join(p.objects): p for p in patterns}
    rallies = by_line["141:rallies"]
    assert (rallies.block, rallies.written_for) == ("STAGE", "stage")
    food = by_line["073:&foodstuff"]
    assert food.preps == ["to:"] and food.target == "prep:to"
    mock = by_line["---:{mock attack}"]
    assert mock.objects == ["{mock attack}"]
    demand = by_line["100:demand"]
    assert demand.target == "clause"  # "DEMAND THAT +": who the clause is about
    protests = by_line["110:protests"]
    assert protests.source == "prep:from"


def test_conversion_reads_multi_word_verbs_and_paired_codes(converted):
    _, verbs, patterns = converted
    call_on = next(v for v in verbs if v.lemma == "call")
    assert call_on.particles == ["on"] and call_on.code == "042:043"
    assert "called" in call_on.forms
    peace = next(p for p in patterns if p.code == "037:037")
    assert peace.preps == ["to:peace"]


def test_conversion_marks_verbs_with_a_code_of_another_kind(converted):
    _, verbs, _ = converted
    hold = next(v for v in verbs if v.lemma == "hold")
    assert hold.explicit and hold.own  # 040 among the protest verbs of STAGE (root 14)


def test_conversion_types_follow_the_guideline(script):
    types = script.crosswalk(ROOT / "src" / "eventwire" / "data" / "ontology" / "cameo.tsv")
    assert script.plover_type("010", "SAY", types) == ""  # a statement is no event
    assert script.plover_type("033", "VISIT", types) == ""  # an intent is no event
    assert script.plover_type("037", "AGREE", types) == "AGREE"  # an agreement reached is
    assert script.plover_type("057", "SIGN", types) == "AGREE"
    assert script.plover_type("163", "IMPOSE", types) == "SANCTION"
    assert script.plover_type("175", "USE", types) == "COERCE"  # tear gas is not lethal force
    assert script.plover_type("0813", "LIFT", types) == "CONCEDE"  # easing a curfew, not a retreat
    assert script.plover_type("0871", "DECLARE", types) == "RETREAT"  # a ceasefire
    assert script.plover_type("---", "STAGE", types) == ""
    assert script.plover_type("190", "KILL", types) == "ASSAULT"


def test_conversion_leaves_non_acts_alone_without_a_reading(script):
    _, verbs, _ = script.read_dictionary(SNIPPET)
    hope = next(v for v in verbs if v.lemma == "hope")
    assert hope.code == "---"  # "hoped to meet" is not a request


def test_bundled_dictionary_holds_the_source_at_scale():
    dictionary = VerbDictionary.bundled()
    assert len(dictionary.by_lemma) > 1_500
    assert sum(len(b) for b in dictionary.blocks.values()) > 4_600


# ----------------------------------------------------------------- matching over a parse


def _coding(code: str, ptype: str) -> Coding:
    return Coding(code, ptype, "", "", (), None, "@test")


def _small_dictionary() -> VerbDictionary:
    synsets = {"food": (("rice",), ("wheat", "flour"))}
    verbs = [
        DictionaryVerb("STAGE", "stage", (), (), ("staged",), _coding("---", ""), own=False),
        DictionaryVerb("STAGE", "hold", (), (), ("held",), _coding("040", "CONSULT"), own=True),
        DictionaryVerb("ASK", "ask", ("for",), (), (), _coding("020", "REQUEST"), own=False),
    ]
    patterns = [
        DictionaryPattern(
            "STAGE", "stage", (), read_terms("rallies", synsets, "t"), (), _coding("141", "PROTEST")
        ),
        DictionaryPattern(
            "STAGE", "stage", (), read_terms("{mock attack}", synsets, "t"), (), _coding("---", "")
        ),
        DictionaryPattern(
            "STAGE",
            "stage",
            (),
            read_terms("&food", synsets, "t"),
            (PrepTerm("to", ()),),
            _coding("073", "AID"),
        ),
        DictionaryPattern("STAGE", "mock", (), (), (), _coding("111", "ACCUSE")),
    ]
    return VerbDictionary(verbs, patterns)


@pytest.fixture(scope="module")
def nlp():
    from eventwire.annotate.model import load_nlp

    return load_nlp()


def _verb(nlp: spacy.language.Language, text: str, word: str):
    return next(t for t in nlp(text) if t.text == word)


@pytest.mark.slow
def test_matching_object_noun_picks_the_pattern(nlp):
    verb = _verb(nlp, "Opposition groups staged rallies in the capital.", "staged")
    match = _small_dictionary().match(verb)
    assert match is not None and (match.coding.code, match.coding.type) == ("141", "PROTEST")


@pytest.mark.slow
def test_matching_negative_pattern_means_no_event(nlp):
    match = _small_dictionary().match(_verb(nlp, "The air force staged a mock attack on Sunday.", "staged"))
    assert match is not None and match.coding.negative


@pytest.mark.slow
def test_matching_synonym_set_and_preposition(nlp):
    # What the object is "of" counts as the object ("deliveries of rice"), as in PETRARCH.
    verb = _verb(nlp, "The charity staged deliveries of rice to the camps.", "staged")
    match = _small_dictionary().match(verb)
    assert match is not None and match.coding.type == "AID"
    match = _small_dictionary().match(_verb(nlp, "Japan staged wheat flour shipments to Yemen.", "staged"))
    assert match is not None and match.coding.type == "AID"
    # Without the preposition the pattern asks for, the verb alone has no event.
    match = _small_dictionary().match(_verb(nlp, "Japan staged wheat flour shipments.", "staged"))
    assert match is not None and match.coding.negative


@pytest.mark.slow
def test_matching_pattern_without_words_is_its_own_verbs_only(nlp):
    # "- * + [111] # MOCK" must not turn every "staged" into a criticism.
    match = _small_dictionary().match(_verb(nlp, "Rebels staged an ambush near the border.", "staged"))
    assert match is not None and match.coding.negative


@pytest.mark.slow
def test_matching_multi_word_verb_needs_its_particle(nlp):
    dictionary = _small_dictionary()
    asked_for = dictionary.match(_verb(nlp, "Lebanon asked for emergency aid.", "asked"))
    assert asked_for is not None and asked_for.coding.type == "REQUEST"
    assert dictionary.match(_verb(nlp, "Lebanon asked a question.", "asked")) is None


def test_needs_name_the_words_a_sentence_must_hold():
    needs = _small_dictionary().needs
    assert frozenset({"rallies"}) <= needs["staged"][0]
    assert "ask" in needs and "asking" in needs
