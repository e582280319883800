"""Find the source and target phrases of a trigger in the dependency parse.

Returns head tokens of noun phrases; `actors.resolver` turns them into actors. Coordination
("A and B met", "urged X and Y") expands to every conjunct.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Token

from eventwire.actors.resolver import RELATIONAL_NOUNS
from eventwire.coder.patterns import Pattern, TargetSpec
from eventwire.datafiles import data_words

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CONDITION_MARKS = frozenset({"if", "unless"})
# A clause that borrows its subject from the clause it hangs on: "pushed in, launching an attack".
SUBJECT_SHARING_DEPS = ("conj", "xcomp", "advcl", "acl")
# "in" and "at" are left out: "bases in Iraq" places the target, it does not name it.
DEEP_SEARCH_PREPS = frozenset({"of", "by", "from", "to", "against", "on", "with", "into", "for", "between"})
DEEP_SEARCH_LIMIT = 12
"""How many tokens a deep target search looks through before giving up."""
XCOMP_OBJECT_PREPS = ("to", "against", "on")
"""Prepositions by which a planned act's thing names whom it is aimed at ("blows to X")."""


def conjuncts(tok: Token) -> list[Token]:
    """The token and every token coordinated with it ("France, Germany and the US")."""
    found = [tok]
    for child in tok.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON", "ADJ", "NUM"):
            found.extend(conjuncts(child))
    return found


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def subjects(verb: Token) -> list[Token]:
    """The agents of a verb: its subject, the "by" phrase of a passive, or a borrowed subject."""
    if is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        # "a meeting hosted by Brazil": a past participle after its noun is a passive too.
        for child in verb.children:
            if child.dep_ == "agent":
                return [t for pobj in child.children if pobj.dep_ == "pobj" for t in conjuncts(pobj)]
        return []
    # The small model sometimes gives a coordinated subject two nsubj arcs: take every one.
    found = [t for child in verb.children if child.dep_ in SUBJECT_DEPS for t in conjuncts(child)]
    if not found:
        # "Serbia has massed troops": the parser sometimes hangs the subject on the auxiliary.
        found = [
            t
            for aux in verb.children
            if aux.dep_ == "aux" and aux.i < verb.i
            for child in aux.children
            if child.dep_ in SUBJECT_DEPS
            for t in conjuncts(child)
        ]
    if found and found[0].tag_ in ("WDT", "WP"):
        # "the UAE, which experts say has supplied ...": the relative pronoun's antecedent.
        return _antecedent_of_relative(verb)
    if found:
        return found
    if verb.dep_ in SUBJECT_SHARING_DEPS and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        return subjects(verb.head)
    if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
        return conjuncts(verb.head)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("PROPN", "NOUN"):
        if verb.head.lemma_.lower() in document_nouns() and verb.head.head.pos_ == "VERB":
            # "issued a declaration demanding ...": whoever issued it demands.
            return subjects(verb.head.head)
        # "demonstrators protesting the results": the noun does what its participle says.
        return conjuncts(verb.head)
    return []


def _antecedent_of_relative(verb: Token) -> list[Token]:
    clause = verb
    for _ in range(4):
        if clause.dep_ == "relcl":
            return conjuncts(clause.head)
        if clause.head.i == clause.i:
            break
        clause = clause.head
    return []


@lru_cache(maxsize=1)
def document_nouns() -> frozenset[str]:
    """Nouns of texts that speak for whoever issued them ("a statement", "a declaration")."""
    return frozenset(w.lower() for w in data_words("quotes", "document_nouns.txt"))


@lru_cache(maxsize=1)
def measure_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in data_words("code", "measure_nouns.txt"))


def _measure(noun: Token) -> bool:
    """Whether the noun (or a word of its phrase) is a measure that falls on a place."""
    return any(t.lemma_.lower() in measure_nouns() for t in noun.subtree if t.i <= noun.i)


CONDITION_DEPTH = 4
"""How far down a threat's own phrases its condition is looked for ("threatened to stop talks to
reduce weapons if the US goes ahead")."""
CONDITION_PATH = frozenset({"xcomp", "dobj", "acl", "advcl", "prep", "pobj"})


def _conditions(trigger: Token) -> Iterator[Token]:
    """The "if/unless" clauses hanging on the trigger or on its complements, nearest first."""
    level = [trigger]
    for _ in range(CONDITION_DEPTH):
        following = []
        for token in level:
            for child in token.children:
                if child.dep_ == "advcl" and any(m.lower_ in CONDITION_MARKS for m in child.children):
                    yield child
                elif child.dep_ in CONDITION_PATH:
                    following.append(child)
        level = following


# What a protest shows toward someone: "in defiance of X", "to show their disapproval of X's policies".
GRIEVANCE_NOUNS = frozenset(
    {"defiance", "disapproval", "opposition", "protest", "anger", "outrage", "displeasure", "rejection"}
)
PURPOSE_DEPS = ("advcl", "xcomp")


def _grievance_groups(trigger: Token) -> Iterator[list[Token]]:
    """Whom a protest is aimed at when no "against" says it: the actors inside the grievance
    phrase hanging on it ("in defiance of Chinese authorities") or on its purpose clause."""
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            nouns = [o for o in child.children if o.dep_ == "pobj"]
        elif child.dep_ in PURPOSE_DEPS:
            nouns = [o for o in child.children if o.dep_ == "dobj"]
        else:
            continue
        for noun in nouns:
            if noun.lemma_.lower() not in GRIEVANCE_NOUNS:
                continue
            yield from _deep(noun)
            # "show their anger at X's policies" ("at" on the noun or on its verb): a target
            # here, never a place.
            for thing in [*_prep_objects(noun, "at"), *_prep_objects(child, "at")]:
                yield [thing]
                yield from _deep(thing)


def clause_subjects(clause: Token) -> list[Token]:
    """The subjects of a clause's verb, coordinated ones included."""
    return [t for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for t in conjuncts(c)]


def passive_patients(verb: Token) -> list[Token]:
    """The subject of a passive verb: who it was done to ("Li was received by Steinmeier")."""
    return [t for c in verb.children if c.dep_ == "nsubjpass" for t in conjuncts(c)]


def _prep_objects(tok: Token, prep: str | None) -> Iterator[Token]:
    for child in tok.children:
        if child.dep_ in ("prep", "prt", "agent", "dative") and (prep is None or child.lower_ == prep):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield from conjuncts(pobj)


def _deep(tok: Token) -> Iterator[list[Token]]:
    """Coordinated noun heads inside a phrase, nearest first: "a proposal by Britain, France and
    Germany", "deployment to South Korea"."""
    queue, seen = [tok], 0
    while queue and seen < DEEP_SEARCH_LIMIT:
        current = queue.pop(0)
        seen += 1
        for child in current.children:
            if child.dep_ == "poss":
                # "the chief of Israel's militia ally": the ally's owner is not the one harmed.
                if current.lemma_.lower() not in RELATIONAL_NOUNS:
                    yield conjuncts(child)
            elif child.dep_ in ("prep", "agent") and child.lower_ in DEEP_SEARCH_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        yield conjuncts(pobj)
                        queue.append(pobj)
            elif child.dep_ in ("compound", "amod") and child.pos_ == "PROPN":
                yield [child]
            elif child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
                # "two bases in Iraq hosting US troops", "a rally staged by students"
                for obj in child.children:
                    if obj.dep_ == "dobj":
                        yield conjuncts(obj)
                    elif obj.dep_ == "agent":
                        yield [t for o in obj.children if o.dep_ == "pobj" for t in conjuncts(o)]


def target_candidates(trigger: Token, spec: TargetSpec, light_object: Token | None) -> list[list[Token]]:
    """Candidate target groups for one spec, best first; each group is one coordinated phrase.

    The first group whose phrases resolve to actors is used; deep specs add the phrases
    found inside the object as later groups.
    """
    holders = [trigger] + ([light_object] if light_object is not None else [])
    groups: list[list[Token]] = []
    if spec.kind == "dobj":
        for child in trigger.children:
            if child.dep_ in ("dobj", "attr") or (child.dep_ == "nsubjpass"):
                groups.append(conjuncts(child))
        if is_passive(trigger):
            groups.insert(0, passive_patients(trigger))
    elif spec.kind == "subject":
        groups.append(subjects(trigger))
    elif spec.kind == "place":
        # "lifted the curfew in Montenegro": the place a measure applies to.
        measures = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass") and _measure(c)]
        for holder in [trigger, *measures] if measures else []:
            for place in _prep_objects(holder, "in"):
                # "in Montenegro province": the name the place noun is made of.
                groups.append([place])
                groups.extend([c] for c in place.children if c.dep_ == "compound" and c.pos_ == "PROPN")
    elif spec.kind == "grievance":
        for holder in holders:
            groups.extend(_grievance_groups(holder))
    elif spec.kind == "condition":
        groups.extend(clause_subjects(clause) for clause in _conditions(trigger))
    elif spec.kind == "clause":
        # "demanded that X ...", "reiterated its demand that X ...": the clause on the verb or
        # on the demand it voices.
        for holder in holders:
            for child in holder.children:
                if child.dep_ == "ccomp" or (holder is light_object and child.dep_ == "acl"):
                    groups.append(clause_subjects(child))
    elif spec.kind == "consequence":
        groups.extend(_consequence_groups(trigger))
    elif spec.kind == "dative":
        for child in trigger.children:
            if child.dep_ == "dative":
                groups.append(conjuncts(child))
    elif spec.kind == "prep":
        for holder in holders:
            objects = list(_prep_objects(holder, spec.prep))
            if objects:
                groups.append(objects)
    elif spec.kind == "xcomp":
        for child in trigger.children:
            if child.dep_ == "xcomp":
                for grandchild in child.children:
                    if grandchild.dep_ in ("dobj", "dative"):
                        groups.append(conjuncts(grandchild))
                        # "to deliver blows to Israel": whom the planned act's thing is aimed at.
                        for prep in XCOMP_OBJECT_PREPS:
                            objects = list(_prep_objects(grandchild, prep))
                            if objects:
                                groups.append(objects)
                # "to deliver blows to Israel and Egypt": one coordinated phrase, one group.
                for prep in ("with", "to"):
                    objects = list(_prep_objects(child, prep))
                    if objects:
                        groups.append(objects)
    elif spec.kind == "border":
        groups.extend(_border_owners(trigger))
    if spec.deep:
        for group in list(groups):
            for head in group:
                groups.extend(_deep(head))
    return [g for g in groups if g]


# What a warning says someone will suffer: "would carry a high price for X", "consequences for X".
CONSEQUENCE_NOUNS = frozenset(
    {"price", "consequence", "consequences", "cost", "costs", "repercussions", "retaliation", "response"}
)


def _consequence_groups(trigger: Token) -> Iterator[list[Token]]:
    """Whom a warning says the consequences fall on: "warned that any attack would carry a high
    price for X", "warned of severe consequences for X", "warned that X would pay"."""
    scopes = [
        c for c in trigger.children if c.dep_ == "ccomp" or (c.dep_ == "prep" and c.lower_ in ("of", "about"))
    ]
    for scope in scopes:
        for tok in scope.subtree:
            if tok.lower_ in CONSEQUENCE_NOUNS:
                # "would carry a high price for X": the parser may hang "for X" on the verb.
                holders = [tok, tok.head] if tok.dep_ == "dobj" else [tok]
                for prep in (c for holder in holders for c in holder.children):
                    if prep.dep_ == "prep" and prep.lower_ in ("for", "on", "against", "to"):
                        yield [t for o in prep.children if o.dep_ == "pobj" for t in conjuncts(o)]
            elif tok.lemma_ == "pay" and tok.pos_ == "VERB":
                yield clause_subjects(tok)


BORDER_NOUNS = frozenset({"border", "borders", "frontier", "frontiers", "boundary"})


def _border_owners(trigger: Token) -> Iterator[list[Token]]:
    """Whose border the act's clause names, wherever the parser hung the phrase ("massed troops,
    with heavy equipment, near Ukraine's borders"): its owner, or the state "with" whom it is."""
    for tok in trigger.subtree:
        if tok.lower_ not in BORDER_NOUNS:
            continue
        step = tok
        while step.i != trigger.i and step.pos_ not in ("VERB", "AUX"):
            step = step.head
        if step.i != trigger.i:
            continue  # a border in another clause is no part of this act
        for child in tok.children:
            if child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and child.text[:1].isupper()):
                yield conjuncts(child)
            elif child.dep_ == "prep" and child.lower_ == "with":
                yield [t for o in child.children if o.dep_ == "pobj" for t in conjuncts(o)]


def light_verb_object(verb: Token, pattern: Pattern) -> Token | None:
    """For light-verb patterns ("hold talks"), the object noun that completes the trigger."""
    if not pattern.objects:
        return None
    for child in verb.children:
        if child.dep_ not in ("dobj", "nsubjpass", "attr"):
            continue
        if child.lemma_.lower() in pattern.objects or child.lower_ in pattern.objects:
            return child
        # "held four hours of talks", "signed a series of agreements"
        for prep in child.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and (
                        pobj.lemma_.lower() in pattern.objects or pobj.lower_ in pattern.objects
                    ):
                        return pobj
    return None


def has_particle(verb: Token, word: str) -> bool:
    return any(c.dep_ in ("prt", "prep") and c.lower_ == word for c in verb.children)


# Nouns of acts whose "of" phrase names who undergoes the act ("the arrest of the opposition
# leader", "the invasion of Ukraine"): only "by X", an owner or a national adjective says who did it.
PATIENT_OF_ACTS = frozenset(
    {
        "abduction", "annexation", "arrest", "arrests", "assassination", "attack", "attacks",
        "blockade", "bombing", "bombings", "capture", "crackdown", "deportation", "detention",
        "detentions", "execution", "executions", "expulsion", "expulsions", "extradition",
        "imprisonment", "invasion", "jailing", "kidnapping", "killing", "killings", "massacre",
        "murder", "occupation", "raid", "raids", "release", "seizure", "shelling", "strike",
        "strikes", "airstrike", "airstrikes", "assault", "offensive", "incursion", "sentencing", "ambush",
        "ambushes", "bombardment",
    }
)  # fmt: skip
# Nouns of acts whose "of" phrase names the doer ("the withdrawal of Russian troops").
AGENT_OF_ACTS = frozenset(
    {
        "withdrawal", "pullout", "pull-out", "departure", "retreat", "surrender", "deployment",
        "redeployment", "buildup", "build-up", "return", "advance", "intervention", "ceasefire",
        "truce", "visit", "decision", "move",
    }
)  # fmt: skip


def is_act_noun(noun: Token) -> bool:
    """Whether `noun` names an act someone did ("the withdrawal", "the arrest"), not an actor."""
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in PATIENT_OF_ACTS | AGENT_OF_ACTS


def act_doers(noun: Token) -> list[list[Token]]:
    """Who did the act a noun names, best first: "the attack on X by Y" -> Y; "Russia's
    withdrawal", "the Russian withdrawal", "the withdrawal of Russian troops" -> Russia.
    Who suffered the act ("on X", "against X", "the arrest of X") is never its doer."""
    groups: list[list[Token]] = []
    # The parser often hangs "by Y" on the last noun before it ("the attack on the embassy by
    # militants") or, after an active verb's object, on the verb itself.
    holders = [noun, *(o for p in noun.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj")]
    verb = noun.head
    if noun.dep_ == "dobj" and verb.pos_ == "VERB" and not is_passive(verb):
        holders.append(verb)
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "by" and (holder is not verb or prep.i > noun.i):
                groups.extend(conjuncts(o) for o in prep.children if o.dep_ == "pobj")
    # "a bombing claimed by the Taliban", "an attack carried out by ISIS"
    for clause in noun.children:
        if clause.dep_ == "acl" and clause.pos_ == "VERB":
            for agent in clause.children:
                if agent.dep_ == "agent" or (agent.dep_ == "prep" and agent.lower_ == "by"):
                    groups.extend(conjuncts(o) for o in agent.children if o.dep_ == "pobj")
    groups.extend(conjuncts(c) for c in noun.children if c.dep_ == "poss")
    groups.extend(
        [c] for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.text[:1].isupper()
    )
    if noun.lemma_.lower() in AGENT_OF_ACTS:
        groups.extend(
            conjuncts(o)
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for o in prep.children
            if o.dep_ == "pobj"
        )
    return groups
