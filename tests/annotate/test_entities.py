"""Entities come from the actor dictionary when it knows every name; spaCy's NER runs otherwise."""

from __future__ import annotations

import pytest

from eventwire.actors import ActorDictionary
from eventwire.annotate.entities import EntityLabeller, dictionary_labels
from eventwire.annotate.model import load_nlp

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def labeller_and_nlp():
    nlp = load_nlp()
    return EntityLabeller(nlp, dictionary_labels(ActorDictionary.load())), nlp


def _parse(nlp, text):
    return next(iter(nlp.pipe([text], disable=["ner"])))


def test_entities_known_names_are_labelled_without_ner(labeller_and_nlp):
    labeller, nlp = labeller_and_nlp
    doc = _parse(nlp, "Russian President Vladimir Putin met Wang Yi in Moscow on May 25.")
    assert labeller.label([doc]) == 0
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Vladimir Putin", "PERSON"),
        ("Wang Yi", "PERSON"),
        ("Moscow", "GPE"),
        ("May 25", "DATE"),
    ]


def test_entities_unknown_names_go_through_ner(labeller_and_nlp):
    labeller, nlp = labeller_and_nlp
    doc = _parse(nlp, "Mayor Ilona Vertessy met residents of Szentkorond on Monday.")
    assert labeller.label([doc]) == 1
    assert "PERSON" in {e.label_ for e in doc.ents}


def test_entities_spans_of_one_label_are_read_from_iob_tags(labeller_and_nlp):
    from eventwire.annotate.entities import entity_spans

    labeller, nlp = labeller_and_nlp
    doc = _parse(nlp, "Wang Yi and Sergei Lavrov met in Moscow.")
    labeller.label([doc])
    assert [s.text for s in entity_spans(doc[:], "PERSON")] == ["Wang Yi", "Sergei Lavrov"]
    assert [s.text for s in entity_spans(doc[3:], "GPE")] == ["Moscow"]
