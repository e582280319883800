"""Does the text assert that this happened? Negation, modality, plans, conditions, questions.

The guideline codes only what an article says did happen (or is happening): "X did not meet
Y", "X could sign", "X hopes to visit Y", "if X attacks Y" and "X accused Y of attacking Z"
(for the attack) are not events. `blocked_because` returns the reason a trigger is not
asserted, or None when it is.
"""

from __future__ import annotations

from spacy.tokens import Token

MODALS = frozenset(
    {"could", "may", "might", "would", "will", "shall", "should", "can", "must", "'ll", "wo", "ca"}
)
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "lest"})
# Governing words whose complement is not (yet) a fact: "hopes to visit", "plans to meet".
NON_FACTUAL_GOVERNORS = frozenset(
    {
        "hope",
        "plan",
        "want",
        "expect",
        "intend",
        "seek",
        "aim",
        "prepare",
        "consider",
        "propose",
        "offer",
        "promise",
        "pledge",
        "vow",
        "try",
        "attempt",
        "wish",
        "schedule",
        "need",
        "plot",
        "refuse",
        "decline",
        "fail",
        "threaten",
        "urge",
        "ask",
        "call",
        "demand",
        "appeal",
        "press",
        "encourage",
        "invite",
        "accuse",
        "blame",
        "deny",
        "allege",
        "suspect",
        "warn",
        "agree",
        "discuss",
        "debate",
        "avoid",
        "prevent",
        "stop",
        "oppose",
        "condemn",
        "criticize",
        "criticise",
        "deter",
        "push",
        "lobby",
        "insist",
        "set",
        "due",
        "likely",
        "unlikely",
        "ready",
        "willing",
        "able",
        "possible",
        "eager",
        "keen",
        "determined",
        "poised",
        "bid",
        "effort",
        "intention",
        "proposal",
        "readiness",
        "hopes",
        "plans",
        "threat",
        "request",
        "talk",
        "idea",
        "prospect",
        "possibility",
        "way",
        "option",
        "decision",
        "permission",
        "order",
        "move",
    }
)
# Nouns that make a nominal event unreal: "a planned visit", "possible talks".
NON_FACTUAL_MODIFIERS = frozenset(
    {
        "planned",
        "proposed",
        "possible",
        "potential",
        "upcoming",
        "future",
        "expected",
        "prospective",
        "hypothetical",
        "would-be",
        "next",
        "new",
        "fresh",
        "further",
        "any",
    }
)
# Complements a negated or modal clause passes on: "X could meet Y and sign" (sign is also unreal).
CHAIN_DEPS = frozenset(
    {"xcomp", "ccomp", "advcl", "acl", "pcomp", "pobj", "prep", "dobj", "relcl", "conj", "csubj"}
)
# Infinitive complements that did happen: "went on to win", "managed to sign".
FACTUAL_GOVERNORS = frozenset({"manage", "go", "begin", "start", "continue", "proceed", "use", "help"})
# An attempt at force is itself an act: "tried to kill", "attempted to assassinate".
ATTEMPTS = frozenset({"attempt", "try"})
REPORTING = frozenset(
    {"say", "tell", "report", "announce", "state", "add", "confirm", "note", "write", "show"}
)


def _negated(tok: Token) -> bool:
    return any(
        c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in NEGATORS) for c in tok.children
    )


def _modal(tok: Token) -> str | None:
    for child in tok.children:
        if child.dep_ == "aux" and child.lower_ in MODALS:
            return child.lower_
        if child.dep_ == "aux" and child.lower_ == "going":
            return "going to"
    return None


def _conditional(tok: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in tok.children)


def _infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def _question(tok: Token) -> bool:
    """Whether the sentence asks (its root ends on "?"); cheaper than building `tok.sent`."""
    root = tok
    while root.head.i != root.i:
        root = root.head
    return root.right_edge.text == "?" or any(c.text == "?" for c in root.children)


def _own_block(tok: Token) -> str | None:
    if _negated(tok):
        return "negated"
    modal = _modal(tok)
    if modal:
        return f"modal '{modal}'"
    if _conditional(tok):
        return "conditional"
    return None


FUTURE_MODALS = frozenset({"will", "would", "'ll", "shall"})
VOWS = frozenset({"vow", "swear", "pledge", "promise"})
# Verbs that announce what their subject will do: "said it would boycott", "vowed it will strike".
ANNOUNCING = REPORTING | {"announce", "declare", "warn", "vow", "swear", "insist", "pledge"}


def announced_act(trigger: Token) -> bool:
    """Whether the trigger is an act that its doer says it will do ("said they would boycott
    the talks", "will withdraw its troops unless ..."): not a fact, but announcing a harm is a
    threat (GUIDELINE: a conditional warning is THREATEN)."""
    clause = trigger.head if trigger.dep_ == "conj" else trigger
    if clause.dep_ == "xcomp" and clause.head.lemma_.lower() in VOWS and not _negated(clause.head):
        # "vowed to fight on", "swore to take revenge on them"
        return blocked_because(clause.head, "") is None
    if _modal(clause) not in FUTURE_MODALS or _negated(trigger) or _negated(clause):
        return False
    if _conditional(clause) or _question(trigger):
        return False
    if clause.dep_ == "ROOT":
        return True
    head = clause.head
    return clause.dep_ == "ccomp" and head.lemma_.lower() in ANNOUNCING and blocked_because(head, "") is None


def blocked_because(trigger: Token, pattern_lemma: str, *, force: bool = False) -> str | None:
    """Why `trigger` is not an asserted event, or None when it is.

    Args:
        trigger: the verb or noun that fired a pattern.
        pattern_lemma: the pattern's trigger lemma (a pattern never blocks itself).
        force: the act is one of force: then an attempt at it happened ("attempted to
            assassinate the prime minister" is an assault, CAMEO 185).
    """
    reason = _own_block(trigger)
    if reason:
        return reason
    if trigger.pos_ == "NOUN":
        for child in trigger.children:
            if child.lower_ in NON_FACTUAL_MODIFIERS and child.dep_ in ("amod", "det", "compound"):
                return f"nominal modified by '{child.lower_}'"
    if _question(trigger):
        return "question"
    if (
        _infinitive(trigger)
        and trigger.dep_ in ("advcl", "xcomp", "acl", "relcl", "ccomp", "conj")
        and trigger.head.lemma_.lower() not in FACTUAL_GOVERNORS
        and not (force and trigger.head.lemma_.lower() in ATTEMPTS)
    ):
        # "launched an offensive to seize Tripoli": a purpose, not (yet) a fact.
        return f"infinitive under '{trigger.head.text}'"
    tok = trigger
    while tok.dep_ in CHAIN_DEPS and tok.head.i != tok.i:
        dep, head = tok.dep_, tok.head
        if dep == "conj":
            # a conjunct shares its head's auxiliaries: "could meet X and sign Y".
            reason = _own_block(head)
            if reason:
                return f"{reason} (shared with '{head.text}')"
            tok = head
            continue
        if head.lemma_.lower() in REPORTING and dep in ("ccomp", "advcl"):
            tok = head
            if _negated(head):
                return f"under negated '{head.text}'"
            continue
        if dep == "ccomp" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in NON_FACTUAL_GOVERNORS for c in head.children
        ):
            # "reiterated its demand that Israel ease restrictions": the clause is what was
            # demanded, though the parser hangs it on the verb.
            return f"content of '{next(c.text for c in head.children if c.dep_ == 'dobj')}'"
        if dep == "ccomp" and tok.i < head.i:
            # "Azerbaijan accused Armenia ..., a charge Yerevan denied": the clause is told first,
            # as a fact; what follows only comments on it.
            tok = head
            continue
        if force and head.lemma_.lower() in ATTEMPTS:
            tok = head
            continue
        if head.lemma_.lower() in NON_FACTUAL_GOVERNORS and head.lemma_.lower() != pattern_lemma:
            return f"under '{head.lemma_.lower()}'"
        reason = _own_block(head)
        if reason and dep in ("xcomp", "ccomp", "advcl", "pcomp", "pobj", "prep", "dobj"):
            return f"{reason} (via '{head.text}')"
        tok = head
    return None
