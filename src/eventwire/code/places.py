"""Where an event happened: a place named in the trigger's clause ("in Moscow", "at the Kremlin")."""

from __future__ import annotations

from spacy.tokens import Token

PLACE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "during", "on", "through", "across", "into"}
)
# Follow-up acts of a meeting ("and signed a joint statement") happen at the meeting's venue.
VENUE_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _entity_text(tok: Token) -> str | None:
    if tok.ent_type_ in PLACE_LABELS:
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent.text
    for child in tok.children:
        if child.dep_ == "compound" and child.ent_type_ in PLACE_LABELS:
            return _entity_text(child)
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ in PLACE_LABELS:
                    return _entity_text(pobj)
    return None


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def event_location(holders: list[Token], exclude: set[int]) -> str | None:
    """The first place in a locative phrase of the trigger (or its object), not one of the actors.

    Args:
        holders: the trigger and the tokens whose locative phrases also count (a light verb's noun).
        exclude: token indices of the event's actor phrases ("Moscow" as an actor is not a place).
    """
    for holder in holders:
        if holder.i in exclude and holder.pos_ == "PROPN" and holder.ent_type_ in PLACE_LABELS:
            continue
        if holder.pos_ == "NOUN":
            for child in holder.children:
                if child.dep_ == "compound" and child.ent_type_ in PLACE_LABELS and child.i not in exclude:
                    return _strip_article(_entity_text(child) or child.text)
        for child in holder.children:
            text = _place_of(child, exclude)
            if text:
                return text
    return None


def _place_of(prep: Token, exclude: set[int]) -> str | None:
    """The place a locative prepositional phrase names, if it names one."""
    if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
        return None
    for pobj in prep.children:
        if pobj.dep_ == "pobj" and pobj.i not in exclude:
            text = _entity_text(pobj)
            if text is None and prep.lower_ == "at" and pobj.ent_type_ == "ORG":
                # "at the Kremlin", "at NATO Headquarters": venues the model tags ORG.
                text = next(e.text for e in pobj.doc.ents if e.start <= pobj.i < e.end)
            if text:
                return _strip_article(text)
    return None


def sentence_location(trigger: Token, exclude: set[int]) -> str | None:
    """A place named anywhere in the trigger's sentence ("Two blocks in Zaporizhzhia were hit"),
    nearest to the trigger first: the fallback when the trigger's own phrases name none."""
    preps = [t for t in trigger.sent if t.dep_ == "prep" and t.lower_ in PLACE_PREPS]
    for prep in sorted(preps, key=lambda t: abs(t.i - trigger.i)):
        text = _place_of(prep, exclude)
        if text:
            return text
    return None
