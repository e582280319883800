"""Where an event happened: a place named in the trigger's clause ("in Moscow", "at the Kremlin")."""

from __future__ import annotations

from spacy.tokens import Span, Token

PLACE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "during", "on", "through", "across", "into"}
)
# Follow-up acts of a meeting ("and signed a joint statement") happen at the meeting's venue.
VENUE_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Prepositions of a venue: their proper-noun object is a place whatever the model tags it
# ("outside the lakeside Villa La Grange", "at Bellevue Palace").
VENUE_PREPS = frozenset({"at", "outside", "inside", "near"})
# Heads of a body's name: "outside the Ministry of Public Health in Kabul" names the building of an
# institution, which no gazetteer places; the city named with it is where the event was.
INSTITUTION_HEADS = frozenset(
    {
        "ministry",
        "embassy",
        "consulate",
        "parliament",
        "court",
        "office",
        "offices",
        "headquarters",
        "council",
        "assembly",
        "commission",
        "department",
        "agency",
        "congress",
        "senate",
    }
)
# Prepositions of a destination: a place only when the model tags it one ("flew food to Cucuta").
DESTINATION_PREPS = frozenset({"to"})
# Nouns naming a kind of place before its name: "the southern city of Zaporizhzhia".
PLACE_KIND_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "region",
        "province",
        "state",
        "district",
        "capital",
        "port",
        "island",
        "valley",
        "county",
        "area",
    }
)
# Events in the field happen where the text says, not where a dateline puts the reporter.
FIELD_TYPES = frozenset({"ASSAULT", "MOBILIZE", "RETREAT"})


def _entity_text(tok: Token) -> str | None:
    if tok.ent_type_ in PLACE_LABELS:
        return _entity_around(tok).text
    for child in tok.children:
        if child.dep_ == "compound" and child.ent_type_ in PLACE_LABELS:
            return _entity_text(child)
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (
                    pobj.ent_type_ in PLACE_LABELS
                    or (tok.lemma_.lower() in PLACE_KIND_NOUNS and pobj.pos_ == "PROPN")
                ):
                    return _entity_text(pobj) or _noun_phrase(pobj)
    return None


def _noun_phrase(tok: Token) -> str:
    """A proper noun with the words compounded to it ("Bellevue Palace"), without "the"."""
    start = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ == "compound"])
    return tok.doc[start : tok.i + 1].text


def _entity_around(tok: Token) -> Span:
    """The entity a token is inside, from its IOB tags (reading `doc.ents` rebuilds them all)."""
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


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
    word = prep.lower_
    if prep.dep_ != "prep" or word not in PLACE_PREPS | DESTINATION_PREPS:
        return None
    for pobj in prep.children:
        if pobj.dep_ != "pobj" or pobj.i in exclude:
            continue
        if word in DESTINATION_PREPS:
            if pobj.ent_type_ in ("GPE", "LOC"):
                return _strip_article(_entity_text(pobj) or pobj.text)
            continue
        if word in VENUE_PREPS:
            # "outside the lakeside Villa La Grange": the proper name may be the object's apposition.
            named = (
                pobj
                if pobj.pos_ == "PROPN"
                else next((c for c in pobj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            )
            if named is not None and named.ent_type_ not in PLACE_LABELS:
                if named.lower_ in INSTITUTION_HEADS:
                    continue
                return _strip_article(_noun_phrase(named))
        text = _entity_text(pobj)
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
