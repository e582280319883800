"""coder: parsed sentences -> `Event`s, by the verb-pattern dictionary over the parse.

For each parsed sentence, in article order:

1. the actors it names are remembered (for later surnames, titles and pronouns);
2. each token whose lemma is a pattern trigger is tried against its patterns, first match wins;
3. a trigger the text does not assert (negated, modal, planned, conditional) is skipped;
4. sources and targets are found in the parse and resolved to canonical actors;
5. mutual patterns (meetings, joint agreements) give every ordered pair of participants;
6. each event gets its date (clause, else the lead's), place, evidence, rule and confidence.

An event told twice in one article is kept once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import permutations

from spacy.tokens import Span, Token

from eventwire.actors.resolver import DocumentActors, Mention
from eventwire.annotate.annotator import Annotated
from eventwire.annotate.dates import DateMention, header_date, text_year
from eventwire.annotate.entities import entity_spans
from eventwire.coder import ontology
from eventwire.coder.arguments import (
    act_doers,
    clause_subjects,
    conjuncts,
    has_particle,
    is_act_noun,
    is_passive,
    light_verb_object,
    subjects,
    target_candidates,
)
from eventwire.coder.assertion import VOWS, announced_act, blocked_because
from eventwire.coder.dating import EventDate, event_date, lead_date
from eventwire.coder.merge import merge_duplicates, same_side
from eventwire.coder.page_guard import PageGuard
from eventwire.coder.patterns import (
    OBLIGATION_WORDS,
    REPORTED_ACCUSATION,
    REPORTED_DEMAND,
    REPORTING_VERBS,
    Pattern,
    PatternBook,
    TargetSpec,
    accusation_words,
    civilian_places,
    event_noun_types,
    implied_agents,
    protest_nouns,
    verbal_objects,
)
from eventwire.coder.places import FIELD_TYPES, VENUE_TYPES, event_location, sentence_location
from eventwire.coder.verb_dictionary import Coding, VerbDictionary
from eventwire.records import Actor, Event

log = logging.getLogger(__name__)

ARMED_SECTORS = frozenset({"MIL", "REB"})
# Who can mobilise forces: armies, police, rebels, and governments that command them.
FORCE_SECTORS = frozenset({"MIL", "REB", "POL", "GOV"})
ARMED_POLICE = frozenset({"MIL", "POL"})
# Who strikes sites in war (a police raid on a house is no attack on the state it is in).
STRIKING_SECTORS = frozenset({"MIL", "REB", "GOV"})
# Who acts with a state's or an organisation of states' authority: their blockade restricts,
# a civilians' blockade protests.
AUTHORITY_SECTORS = frozenset({"GOV", "MIL", "POL", "JUD", "IGO"})
# Acts that typically cross borders: their bare sector targets ("killed civilians") do not take
# the source's country.
OWN_FORCE_TYPES = frozenset({"MOBILIZE", "RETREAT"})
# Acts a state does with its forces, not to them: "deployed troops near Kyiv", "sent its army
# to the Amazon", "supplied weapons to its soldiers" move or equip the state's own forces, which
# are its instrument, never its counterpart (a deployment at home has no foreign target at all).
INSTRUMENT_FORCE_TYPES = frozenset({"MOBILIZE", "RETREAT", "COOPERATE", "AID"})
# Who commands a country's armed forces and police.
COMMAND_SECTORS = frozenset({"GOV", "MIL", "POL"})
CROSS_BORDER_TYPES = frozenset({"ASSAULT", "MOBILIZE", "THREATEN", "SANCTION", "AID"})
# Acts whose target may be a place standing for its civilians ("shelled a market").
CIVILIAN_TARGET_TYPES = frozenset({"ASSAULT"})
# A nominal event that a verb does or undergoes ("completed the withdrawal", "the withdrawal
# began"), not a topic ("talks on the withdrawal").
NOMINAL_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass"})
# Verbs that "off" turns into cancelling their act: "called off", "put off", "held off".
CANCELLING_VERBS = frozenset({"call", "put", "hold", "back"})
SEPARATE_WORDS = frozenset({"separately", "respectively"})
# Types whose events run both ways: a meeting is mutual; an agreement or a joint action is when
# several act together or act "with" someone.
MUTUAL_TYPES = frozenset({"CONSULT"})
JOINT_TYPES = frozenset({"AGREE", "COOPERATE"})
# Gatherings a host holds for guests ("a meeting hosted by X").
GATHERINGS = frozenset({"meeting", "summit", "conference", "talks", "gathering", "session", "round"})
# Passives whose implied doer is the state someone is put out of, never their own.
REMOVALS = frozenset({"deport", "expel", "extradite"})
HOME = TargetSpec("home")
GRIEVANCE = TargetSpec("grievance")
CONDITION = TargetSpec("condition")
# Acts several doers do to each other when no one else is named: failing to agree, clashing.
JOINT_FAILURES = frozenset({"REJECT"})
CLASHES = frozenset({"clash", "fight", "battle", "skirmish", "exchange"})
"""Acts of force that several subjects do to one another ("A and B exchanged fire")."""
HOME_MARK = " (against their own government)"
# Acts of force, which a said or written thing cannot suffer ("attacked the bill").
FORCE_TYPES = frozenset({"ASSAULT", "COERCE"})
IN_PLACE = TargetSpec("place")
BORDER = TargetSpec("border")
SITE = "site"
"""How a target found as the state of the ground an act is fought over was found."""
PLACE_TARGET_TYPES = frozenset({"COERCE", "CONCEDE", "RETREAT", "SANCTION"})
# An announced harm is a threat of it, with CAMEO's threat code for its kind ("said it would
# impose sanctions" 1312, "will strike" 138).
THREAT_CODES = {"ASSAULT": "138", "MOBILIZE": "138", "COERCE": "137", "SANCTION": "1312", "PROTEST": "133"}
VERBAL_TYPES = frozenset({"REQUEST", "ACCUSE", "THREATEN", "SUPPORT", "REJECT"})
# Reactions to an act ("welcomed the withdrawal", "condemned the attack on X by Y"): they are
# said about the act's doer; the act itself, and who suffered it, belong to the act.
REACTION_TYPES = frozenset({"SUPPORT", "ACCUSE"})
# Dictionary readings a reaction verb keeps when its object is an act: welcoming a visit or a
# guest is hosting it.
REACTION_KEEPS = frozenset({"CONSULT"})
CONFIDENCE_BASE = 0.9
CONFIDENCE_PENALTY = {
    "pronoun": 0.2,
    "pair": 0.15,
    "title-memory": 0.1,
    "surname": 0.05,
    "sector": 0.15,
    "new-person": 0.1,
    "title-date": 0.1,
}
NOMINAL_PENALTY = 0.2
DEEP_PENALTY = 0.1


@dataclass(slots=True)
class _Context:
    """What coding one document needs besides the sentence at hand."""

    actors: DocumentActors
    anchor: date | None
    year_hint: int | None
    lead: DateMention | None
    doc_id: str
    published: date | None
    dateline_place: str | None
    lead_sentences: int
    events: list[Event]
    """The events coded so far in this document, in text order."""


class EventCoder:
    """Applies the pattern book to an annotated article."""

    def __init__(self, patterns: PatternBook) -> None:
        self.patterns = patterns

    def code(self, annotated: Annotated, actors: DocumentActors) -> list[Event]:
        article = annotated.article
        anchor = article.published or header_date(article.text)
        year_hint = anchor.year if anchor else text_year(article.text)
        events: list[Event] = []
        ctx = _Context(
            actors,
            anchor,
            year_hint,
            lead_date(annotated.sentences, anchor, year_hint),
            article.doc_id,
            article.published,
            annotated.dateline_place,
            annotated.lead_sentences,
            events,
        )
        actors.paragraph_starts = annotated.paragraph_starts
        if annotated.dateline_place:
            state = actors.dictionary.lookup(annotated.dateline_place, article.published)
            actors.dateline_country = state.country if state is not None and state.kind == "state" else None
        parsed = dict(annotated.parsed_sentences())
        guard = PageGuard.of(article.text, article.title)
        for index, text in enumerate(annotated.sentences):
            sentence = parsed.get(index)
            if sentence is None:
                actors.scan_names(text, index)
                continue
            remember_mentions(sentence, index, actors)
            skip = guard.skips(text)
            if skip:
                log.debug("%s: sentence %d not coded: %s", article.doc_id, index, skip)
                continue
            words = {t.lower_ for t in sentence}
            for token in sentence:
                actors.at(index, token.i - sentence.start, sentence.start)
                events.extend(self._code_token(token, sentence, index, ctx, words))
        return merge_duplicates(_named_targets_first(events))

    def _code_token(
        self, token: Token, sentence: Span, index: int, ctx: _Context, sentence_words: set[str]
    ) -> list[Event]:
        lemma = token.lemma_.lower()
        if lemma in REPORTING_VERBS:
            reported = self._reported_accusation(token, sentence, index, ctx) or self._reported_demand(
                token, sentence, index, ctx
            )
            if reported:
                return reported
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.dep_ == "ROOT"):
            candidates = self.patterns.verbs.get(lemma, [])
        elif token.pos_ == "NOUN":
            if self._is_light_object(token):
                return []
            # Noun rows are written as the word appears ("talks"), which the lemma may not be.
            candidates = self.patterns.nouns.get(lemma) or self.patterns.nouns.get(token.lower_, [])
        else:
            return []
        for pattern in candidates:
            light = light_verb_object(token, pattern)
            if pattern.objects and light is None:
                continue
            if pattern.needs_prep and not has_particle(token, pattern.needs_prep):
                continue
            if not pattern.needs_prep and lemma in CANCELLING_VERBS and has_particle(token, "off"):
                continue  # "called off the strike" undoes what "called a strike" does
            if not _static_requirements(pattern, token, sentence_words):
                continue
            reason = blocked_because(token, pattern.lemma, force=pattern.type in FORCE_TYPES)
            if reason and threat_of(pattern) is not None and announced_act(token):
                pattern = threat_of(pattern) or pattern
            elif reason:
                log.debug("%s: %s not asserted: %s", ctx.doc_id, pattern.rule, reason)
                if announced_act(token) and token.pos_ == "VERB":
                    # "will withdraw its force unless ...": the dictionary may read the announced
                    # act as a harm (withdrawing peacekeepers), which makes it a threat.
                    return self._dictionary_events(token, sentence, index, ctx, sentence_words)
                return []
            events = self._events(token, light, pattern, sentence, index, ctx, sentence_words)
            if events:
                return events
        if token.pos_ == "VERB" and not _describes_subject(token):
            return self._dictionary_events(token, sentence, index, ctx, sentence_words)
        return []

    def _dictionary_events(
        self, token: Token, sentence: Span, index: int, ctx: _Context, sentence_words: set[str]
    ) -> list[Event]:
        """The CAMEO verb dictionary's reading of a verb no hand-written pattern coded."""
        dictionary = self.patterns.dictionary
        match = dictionary.match(token) if dictionary is not None else None
        if match is None or match.coding.negative:
            return []
        coding = _as_reaction(match.coding, token, dictionary)
        lemma = token.lemma_.lower()
        if lemma in VOWS and any(c.dep_ == "xcomp" for c in token.children):
            return []  # "swore to fight": the vow is not an act of its own (what is vowed may be)
        announced = False
        reason = blocked_because(token, lemma, force=coding.type in FORCE_TYPES)
        if reason and coding.type in THREAT_CODES and announced_act(token):
            announced = True
        elif reason:
            log.debug("%s: %s %s not asserted: %s", ctx.doc_id, lemma, coding.rule, reason)
            return []
        source_heads = None
        if coding.source is not None:
            groups = target_candidates(token, coding.source, None)
            source_heads = groups[0] if groups else []
        events: list[Event] = []
        for code, ptype, reverse in (
            (coding.code, coding.type, False),
            (coding.reverse_code, coding.reverse_type, True),
        ):
            if not ptype:
                continue
            mutual = ptype in MUTUAL_TYPES or (ptype in JOINT_TYPES and _joint(token))
            if reverse and mutual and ptype == coding.type:
                continue  # a mutual event already runs both ways
            # Protesters with no named target protest against their own government.
            if announced:
                if reverse:
                    continue
                code, ptype = THREAT_CODES[ptype], "THREATEN"
            targets = coding.targets
            if announced:
                # "will withdraw its force from Chad unless Oueddei ...": who must act is the target.
                targets = (CONDITION, *targets)
            if ptype not in VERBAL_TYPES:
                # "struck what New Delhi described as a camp": a clause names a target only
                # for what is said ("demanded that X withdraw").
                targets = tuple(spec for spec in targets if spec.kind != "clause")
            if ptype == "PROTEST":
                targets = (*targets, GRIEVANCE, HOME)
            elif ptype == "MOBILIZE":
                # "put on high alert along the border with X": forces readied at a border face its other side.
                targets = (*targets, BORDER)
            elif ptype in PLACE_TARGET_TYPES:
                # "lifted the curfew in Montenegro": with no one named, the measure is on the place.
                targets = (*targets, IN_PLACE)
            pattern = Pattern(lemma, ptype, code, targets, mutual, label=coding.rule)
            events += self._events(
                token, None, pattern, sentence, index, ctx, sentence_words, source_heads, reverse=reverse
            )
        return events

    def _reported_accusation(self, verb: Token, sentence: Span, index: int, ctx: _Context) -> list[Event]:
        """ "Khan said India had committed 'uncalled for aggression'": a statement whose reported
        clause charges a named actor with wrongdoing is ACCUSE, speaker -> that actor."""
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        if clause is None or blocked_because(verb, verb.lemma_.lower()):
            return []
        if not {t.lower_ for t in clause.subtree} & accusation_words():
            return []
        if any(c.dep_ == "neg" for c in clause.children):
            return []
        accused = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        sources = _resolve_all(subjects(verb), ctx.actors)
        targets = _resolve_all(accused, ctx.actors, target=True)
        pairs = [(s, t) for s in sources for t in targets if s.actor.country != t.actor.country]
        return self._make_events(
            verb, None, REPORTED_ACCUSATION, sentence, index, ctx, pairs, sources + targets, False
        )

    def _reported_demand(self, verb: Token, sentence: Span, index: int, ctx: _Context) -> list[Event]:
        """ "Russia said Sudan must return the helicopter": a statement that another actor must or
        should act is a demand on it (REQUEST, speaker -> that actor)."""
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        if clause is None or blocked_because(verb, verb.lemma_.lower()):
            return []
        if _part_of_protest(verb, index, ctx.events):
            return []  # "staged rallies, saying he must resign": the protest's own demand
        if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_WORDS for c in clause.children):
            return []
        if any(c.dep_ == "neg" for c in clause.children):
            return []
        sources = _resolve_all(subjects(verb), ctx.actors)
        targets = _resolve_all(clause_subjects(clause), ctx.actors)
        # "Kishida said Japan must strengthen its defences": a government's word on its own state
        # is policy, not a demand.
        pairs = [(s, t) for s in sources for t in targets if s.actor != t.actor and not _own_state(s, t)]
        mentions = sources + targets
        return self._make_events(verb, None, REPORTED_DEMAND, sentence, index, ctx, pairs, mentions, False)

    def _is_light_object(self, noun: Token) -> bool:
        """A noun that completes a light-verb pattern ("reiterated opposition") is coded there."""
        head = noun.head
        return noun.dep_ in ("dobj", "nsubjpass", "pobj") and any(
            noun.lemma_.lower() in p.objects or noun.lower_ in p.objects
            for p in self.patterns.verbs.get(head.lemma_.lower(), [])
        )

    def _events(
        self,
        token: Token,
        light: Token | None,
        pattern: Pattern,
        sentence: Span,
        index: int,
        ctx: _Context,
        sentence_words: set[str],
        source_heads: list[Token] | None = None,
        *,
        reverse: bool = False,
    ) -> list[Event]:
        if source_heads is None:
            source_heads = _nominal_sources(token) if pattern.nominal else subjects(token)
        if pattern.type in FORCE_TYPES and _said_thing(token, light):
            # "attacked the government's policies": criticism of their author, never force.
            label = f"{pattern.label} (said thing)".strip()
            pattern = replace(pattern, type="ACCUSE", cameo="111", label=label)
        sources = _resolve_all(source_heads, ctx.actors)
        if not sources and source_heads and all(is_act_noun(h) for h in source_heads):
            # "a bombing claimed by the Taliban killed ...": the act's doer did what it did.
            doers = [t for h in source_heads for group in act_doers(h) for t in group]
            sources = _resolve_all(doers, ctx.actors)
        if not sources and not source_heads and is_passive(token) and pattern.type == "MOBILIZE":
            # "the navy was put on alert", "troops were deployed to X": forces readied or moved
            # are their own state's mobilisation.
            patients = [t for c in token.children if c.dep_ == "nsubjpass" for t in conjuncts(c)]
            sources = [m for m in _resolve_all(patients, ctx.actors) if m.actor.sector in ARMED_POLICE]
        if not sources and not source_heads and is_passive(token):
            sources = _implied_agent(token, ctx)
        if pattern.type == "MOBILIZE" and sources and not {m.actor.sector for m in sources} & FORCE_SECTORS:
            # "protesters rallied": people without arms or office who rally are protesting.
            label = f"{pattern.label} (civilians)".strip()
            targets = (*pattern.targets, HOME)
            pattern = replace(pattern, type="PROTEST", cameo="141", targets=targets, label=label)
        if pattern.type in JOINT_TYPES and not pattern.mutual and len({m.actor for m in sources}) > 1:
            # "the Turkish and Greek sides agreed to share information": they agreed together.
            pattern = replace(pattern, mutual=True)
        if pattern.type == "PROTEST" and sources and {m.actor.sector for m in sources} <= ARMED_POLICE:
            # "police blocked the roads": forces that block do not protest, they restrict movement.
            targets = tuple(spec for spec in pattern.targets if spec.kind != "home")
            label = f"{pattern.label} (forces)".strip()
            pattern = replace(pattern, type="COERCE", cameo="191", targets=targets, label=label)
        if len(sources) < 2 and pattern.mutual and [h.lower_ for h in source_heads] == ["their"]:
            sources = _sentence_people(sentence, ctx.actors) or sources
        source_countries = [m.actor.country for m in sources if m.actor.country]
        domestic = pattern.type not in CROSS_BORDER_TYPES
        ctx.actors.hint_country = source_countries[0] if source_countries and domestic else None
        # "Israeli airstrikes killed 12 people": the victims are not the attacker's own people.
        ctx.actors.avoid_country = source_countries[0] if source_countries and not domestic else None
        # "mobilized army reservists for a war against Iraq", "completed the withdrawal of its
        # forces from Somalia": its own forces are what it mobilizes or withdraws.
        avoid = set(source_countries) if pattern.type in OWN_FORCE_TYPES else set()
        own = pattern.type in INSTRUMENT_FORCE_TYPES
        targets, deep = _find_targets(token, light, pattern, ctx.actors, sources, avoid, own_forces=own)
        ctx.actors.hint_country = ctx.actors.avoid_country = None
        if pattern.nominal and not targets and source_heads and not _owned(token, source_heads):
            # "During the Astana talks, Iran, Russia and Turkey sponsored ...": a nominal event
            # with no named partner, its actors borrowed from the clause, is only a setting.
            return []
        # "accused the three countries": a group never includes the accuser's own state.
        targets = [m for m in targets if m.how != "pair" or m.actor.country not in source_countries]
        if not targets and pattern.type == "CONSULT":
            # "A and B signed a deal at a meeting hosted by C": the host meets those who met there.
            targets = _resolve_all(_hosted_guests(token), ctx.actors)
        if not targets:
            targets = _antecedent_targets(token, light, ctx.events)
        if not targets and pattern.type in CIVILIAN_TARGET_TYPES:
            targets = _civilian_targets(token, ctx)
            if not targets and sources and {m.actor.sector for m in sources} & STRIKING_SECTORS:
                targets = _struck_ground(token, ctx.actors)
        if not targets and any(spec.kind == "home" for spec in pattern.targets):
            targets = _home_targets(sources, ctx.actors)
        if not targets and any(spec.kind == "site" for spec in pattern.targets):
            targets = _site_targets(token, light, ctx.actors)
        if pattern.type == "REQUEST" and _part_of_protest(token, index, ctx.events):
            return []
        if "armed-source" in pattern.requires and not any(m.actor.sector in ARMED_SECTORS for m in sources):
            return []
        if "civilian-source" in pattern.requires and not all(_civilian(m.actor) for m in sources):
            return []
        if "armed" in pattern.requires and not any(m.actor.sector in ARMED_SECTORS for m in targets):
            return []
        if "unarmed" in pattern.requires and any(m.actor.sector in ARMED_SECTORS for m in targets):
            return []
        if "plural" in pattern.requires and len({m.actor for m in sources}) < 2:
            return []
        if len(sources) > 1 and targets and all(t.how != "home" and _among(t, sources) for t in targets):
            # "Palestinians and Israelis failed to reach agreement on the fate of Palestinian
            # offices": what falls on one of the doers is between them.
            targets = []
        if (
            not targets
            and len(sources) > 1
            and (_reciprocal(token, light) or _between_them(token, pattern, sources))
        ):
            # "the two candidates attacked each other's policies", "Palestinians and Israelis
            # failed to agree": each acts on the other.
            targets, pattern = sources, replace(pattern, mutual=True)
        star = pattern.star or bool(sentence_words & SEPARATE_WORDS)
        pairs = _pairs(sources, targets, pattern.mutual, star=star)
        if reverse:
            pairs = [(target, source) for source, target in pairs]
        return self._make_events(token, light, pattern, sentence, index, ctx, pairs, sources + targets, deep)

    def _make_events(
        self,
        token: Token,
        light: Token | None,
        pattern: Pattern,
        sentence: Span,
        index: int,
        ctx: _Context,
        pairs: list[tuple[Mention, Mention]],
        mentions: list[Mention],
        deep: bool,
    ) -> list[Event]:
        """The events of a fired pattern: one for each (source, target) pair, dated and placed."""
        if not pairs:
            return []
        targets = [t for _, t in pairs]
        involved = {m.actor for m in mentions}
        when = event_date(
            token,
            sentence,
            ctx.anchor,
            ctx.year_hint,
            ctx.lead,
            _recent_date(involved, ctx.events),
            published=ctx.published,
        )
        exclude = {i for m in mentions for i in range(*m.tokens)}
        # "met X in Moscow" often hangs the place on X rather than on the verb.
        target_heads = [t for m in targets if m.how != "pair" for t in token.doc[m.tokens[0] : m.tokens[1]]]
        place = event_location([token] + ([light] if light is not None else []) + target_heads, exclude)
        if place is None and token.dep_ == "conj":
            # "held talks at the Kremlin and signed a statement": the conjoined verb's place.
            place = event_location([token.head], exclude)
        if place is None:
            # "an offensive to seize Tripoli": the ground fought over is where it happens.
            place = next((token.doc[t.tokens[0] : t.tokens[1]].text for t in targets if t.how == SITE), None)
        if place is None and pattern.type in VENUE_TYPES:
            place = _recent_venue(involved, ctx.events)
        if place is None:
            place = sentence_location(token, exclude)
        if place is None and index < ctx.lead_sentences and pattern.type not in FIELD_TYPES:
            # A wire dateline says where the reporter is: where a lead's meeting, signing or
            # protest was, not where a distant attack happened.
            place = ctx.dateline_place
        code = ontology.lookup(pattern.cameo)
        events = []
        for source, target in pairs:
            confidence = CONFIDENCE_BASE - max(
                CONFIDENCE_PENALTY.get(source.how, 0), CONFIDENCE_PENALTY.get(target.how, 0)
            )
            confidence -= (NOMINAL_PENALTY if pattern.nominal else 0) + (DEEP_PENALTY if deep else 0)
            events.append(
                Event(
                    doc_id=ctx.doc_id,
                    type=pattern.type,
                    source=source.actor,
                    target=target.actor,
                    cameo=pattern.cameo,
                    goldstein=code.goldstein,
                    # The table's mode belongs to its own PLOVER type ("release" is RETREAT's there).
                    mode=(code.mode or None) if code.plover == pattern.type else None,
                    date=when.date,
                    date_precision=when.precision,
                    date_reason=when.reason,
                    location=place,
                    evidence=sentence.text,
                    sentence_index=index,
                    rule=pattern.rule_with(light.lemma_.lower() if light is not None else None)
                    + (HOME_MARK if target.how == "home" else ""),
                    confidence=round(max(confidence, 0.1), 2),
                )
            )
        return events


def threat_of(pattern: Pattern) -> Pattern | None:
    """The threat of a harmful act, for an act announced rather than done."""
    code = THREAT_CODES.get(pattern.type)
    if code is None:
        return None
    label = f"{pattern.label} (announced)".strip()
    # "will boycott the elections unless the president resigns": who must act is the target.
    targets = (CONDITION, *pattern.targets)
    return replace(pattern, type="THREATEN", cameo=code, mutual=False, label=label, targets=targets)


def _objects(token: Token, light: Token | None) -> list[Token]:
    holder = light if light is not None else token
    return [c for c in holder.children if c.dep_ in ("dobj", "nsubjpass", "pobj")] + [
        o for p in holder.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
    ]


def _said_thing(token: Token, light: Token | None) -> bool:
    objects = _objects(token, light)
    return bool(objects) and objects[0].lemma_.lower() in verbal_objects()


def _reciprocal(token: Token, light: Token | None) -> bool:
    """Whether the act's object is "each other" or "one another" (or theirs: "each other's")."""
    for head in _objects(token, light):
        words = {t.lower_ for t in head.subtree}
        if {"each", "other"} <= words or {"one", "another"} <= words:
            return True
    return False


def _own_state(source: Mention, target: Mention) -> bool:
    return target.actor.kind == "state" and target.actor.country == source.actor.country


def _part_of_protest(token: Token, index: int, events: list[Event]) -> bool:
    """ "protesters marched demanding his resignation": a demand that hangs on a protest (or on
    the protesters) is part of it, not a REQUEST of its own."""
    if token.dep_ not in ("advcl", "acl", "xcomp", "conj", "relcl"):
        return False
    if token.head.lemma_.lower() in protest_nouns():
        return True
    return any(e.type == "PROTEST" and e.sentence_index == index for e in events)


def _named_targets_first(events: list[Event]) -> list[Event]:
    """ "began a hunger strike to protest against Sweden's decision": a protest the sentence gives
    a named target makes its doers' protest against their own government redundant."""

    def key(event: Event) -> tuple[str, Actor, int]:
        return event.type, event.source, event.sentence_index

    named = {key(e) for e in events if not e.rule.endswith(HOME_MARK)}
    return [e for e in events if not (e.rule.endswith(HOME_MARK) and key(e) in named)]


def _among(mention: Mention, sources: list[Mention]) -> bool:
    """Whether the mention is one of the doers, or their country ("Palestinians" and Palestine)."""
    actor = mention.actor
    return any(actor == s.actor or (actor.country and actor.country == s.actor.country) for s in sources)


def _between_them(token: Token, pattern: Pattern, sources: list[Mention]) -> bool:
    if pattern.type in JOINT_FAILURES or (pattern.type == "ASSAULT" and token.lemma_.lower() in CLASHES):
        return True
    # "both sides withdrew their tanks", "Thai and Cambodian troops pulled back": a pullback by
    # the parties to a standoff (named as a pair, or forces) is each one's retreat from the other;
    # a pullback by governments with no place or party named is not (envoys, a treaty).
    return pattern.type == "RETREAT" and all(
        m.how == "pair" or m.actor.sector in ARMED_SECTORS for m in sources
    )


def _civilian(actor: Actor) -> bool:
    return actor.kind not in ("state", "igo") and actor.sector not in AUTHORITY_SECTORS


def _describes_subject(verb: Token) -> bool:
    """ "British aircraft using guided missiles killed ...": a participle that describes the
    subject of another verb says how, it is not an act of its own."""
    return verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in ("nsubj", "nsubjpass")


def _joint(verb: Token) -> bool:
    """Whether the verb's act is done together: several subjects, or "with" someone."""
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
        return True
    return any(len(conjuncts(head)) > 1 for head in subjects(verb)[:1])


def _static_requirements(pattern: Pattern, token: Token, sentence_words: set[str]) -> bool:
    has_oprd = any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in token.children)
    if "oprd" in pattern.requires and not has_oprd:
        return False
    if "no-oprd" in pattern.requires and has_oprd:
        return False
    if "argument" in pattern.requires and token.dep_ not in NOMINAL_ARGUMENT_DEPS:
        return False
    return not ("word" in pattern.requires and not (pattern.words & sentence_words))


def _resolve_all(heads: list[Token], actors: DocumentActors, *, target: bool = False) -> list[Mention]:
    found: list[Mention] = []
    for head in heads:
        if head.is_punct:
            continue  # a hyphen the parser took for a name ("Lashkar - e - Taiba")
        for mention in actors.resolve_target(head) if target else actors.resolve(head):
            if all(mention.actor != m.actor for m in found):
                found.append(mention)
    return found


def _find_targets(
    token: Token,
    light: Token | None,
    pattern: Pattern,
    actors: DocumentActors,
    sources: Sequence[Mention] = (),
    avoid: set[str] | None = None,
    *,
    own_forces: bool = False,
) -> tuple[list[Mention], bool]:
    """The first target spec whose phrases resolve to actors; and whether a deep search found them.

    With `own_forces`, the sources' own armed forces and police are no target (they are what
    the act moves or equips)."""
    for spec in pattern.targets:
        if spec.kind == "dobj" and pattern.type in REACTION_TYPES:
            acts = _reacted_acts(light or token)
            if acts:
                heads = [h for act in acts for group in act_doers(act) for h in group]
                doers = _resolve_all(heads, actors, target=True)
                doers = [m for m in doers if not any(same_side(m.actor, s.actor) for s in sources)]
                if doers:
                    return doers, False
                continue  # "condemned the attack on the embassy": the victim is not the one blamed
        for n, group in enumerate(target_candidates(token, spec, light)):
            if not spec.deep and any(h.lemma_.lower() in verbal_objects() for h in group):
                # "welcomed Reagan's statement" welcomes a statement, not Reagan's visit: a said
                # thing is a target of what is said about it (through its author), of nothing else.
                if pattern.type not in VERBAL_TYPES:
                    continue
                group = [a for h in group for a in _authors(h)]
            # The object of a planned act ("threatened to send refugees") names a target only when
            # it is an actor itself, not a thing of some country's.
            mentions = _resolve_all(group, actors, target=spec.kind != "xcomp" or spec.deep)
            if spec.kind == "place":
                mentions = [m for m in mentions if m.actor.kind == "state"]
            if avoid:
                mentions = [m for m in mentions if m.actor.country not in avoid]
            # "suspended part of its aid to Bosnia": the source's own "its" is not the target.
            mentions = [m for m in mentions if not any(same_side(m.actor, s.actor) for s in sources)]
            if own_forces:
                mentions = [m for m in mentions if not any(_own_forces(m.actor, s.actor) for s in sources)]
            if mentions:
                return mentions, n > 0
    return [], False


def _as_reaction(coding: Coding, token: Token, dictionary: VerbDictionary) -> Coding:
    """A reaction verb's reading when its object is an act: "NATO welcomed the withdrawal of
    Russian troops" is NATO's praise of Russia (the verb's own code), not a withdrawal toward
    NATO, as CAMEO's "applaud withdrawal" pattern has it."""
    types = {coding.type, coding.reverse_type} - {""}
    if not types or types <= VERBAL_TYPES | REACTION_KEEPS or not _reacted_acts(token):
        return coding
    own = next((e.coding for e in dictionary.entries(token) if e.coding.type in REACTION_TYPES), None)
    if own is None:
        return coding
    return replace(own, targets=(TargetSpec("dobj"),), source=None, rule=f"{own.rule} (reaction)".strip())


def _reacted_acts(token: Token) -> list[Token]:
    """The acts a verb reacts to: its object nouns that name an act ("welcomed the withdrawal")."""
    return [c for c in token.children if c.dep_ in ("dobj", "nsubjpass") and is_act_noun(c)]


def _own_forces(target: Actor, source: Actor) -> bool:
    """Whether `target` is armed forces or police of the country `source` commands for."""
    return (
        target.country is not None
        and target.country == source.country
        and target.sector in ARMED_POLICE
        and source.sector in COMMAND_SECTORS
    )


def _antecedent_targets(token: Token, light: Token | None, events: list[Event]) -> list[Mention]:
    """ "condemned the shelling": the shelling's author, from the events already coded."""
    for child in (light or token).children:
        if child.dep_ not in ("dobj", "nsubjpass"):
            continue
        types = event_noun_types().get(child.lower_)
        if not types:
            continue
        for event in reversed(events):
            if event.type in types:
                return [Mention(event.source, "antecedent", (child.i, child.i + 1))]
    return []


def _authors(thing: Token) -> list[Token]:
    """Who said or wrote a thing: "Reagan's statement", "the proposal by France"."""
    found = [c for c in thing.children if c.dep_ == "poss"]
    for prep in thing.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("by", "of", "from"):
            found.extend(o for o in prep.children if o.dep_ == "pobj")
    return found


def _implied_agent(token: Token, ctx: _Context) -> list[Mention]:
    """ "A missionary was arrested in Lebanon": the police of the place where it happened (the
    courts for a sentence, the government for a deportation), as the guideline reads an agentless
    passive whose doer the act fixes."""
    sector = implied_agents().get(token.lemma_.lower())
    if sector is None:
        return []
    actors = ctx.actors
    if token.lemma_.lower() in REMOVALS:
        country = _removing_state(token, actors)
    else:
        country = actors.place_country(token.sent) or actors.dateline_country or actors.home_country()
    state = actors.dictionary.state(country) if country else None
    if state is None:
        return []
    if sector == "GOV":
        return [Mention(state, "implied", (token.i, token.i + 1))]
    demonym = actors.dictionary.demonym(state.country or "") or state.name
    noun = {"POL": "police", "JUD": "judiciary"}.get(sector, sector.lower())
    doer = Actor(name=f"{demonym} {noun}", country=state.country, sector=sector, kind="sector")
    return [Mention(doer, "implied", (token.i, token.i + 1))]


def _hosted_guests(token: Token) -> list[Token]:
    """The subjects of the clause a gathering "hosted by X" took place in: its guests."""
    gathering = token.head
    if token.dep_ != "acl" or gathering.lemma_.lower() not in GATHERINGS:
        return []
    prep = gathering.head
    if gathering.dep_ != "pobj" or prep.lower_ not in ("at", "during", "on") or prep.head.pos_ != "VERB":
        return []
    return subjects(prep.head)


def _removing_state(token: Token, actors: DocumentActors) -> str | None:
    """Who deported or expelled someone: the state they were put out of ("deported from X",
    "who fled to X", the place or dateline), never their own (a state deports foreigners)."""
    patients = [t for c in token.children if c.dep_ == "nsubjpass" for t in conjuncts(c)]
    own = {m.actor.country for m in _resolve_all(patients, actors) if m.actor.country}
    places = _prep_objects(token, ("from",))
    # "an activist who fled to X last year was deported": where the patient had gone.
    places += [
        o
        for p in patients
        for clause in p.children
        if clause.dep_ == "relcl"
        for o in _prep_objects(clause, ("to", "in"))
    ]
    candidates = [_state_of_place(actors.phrase_span(p).text, actors) for p in places]
    countries = [a.country for a in candidates if a is not None]
    countries += [actors.place_country(token.sent), actors.dateline_country, actors.home_country(avoid=False)]
    return next((c for c in countries if c and c not in own), None)


def _civilian_targets(token: Token, ctx: _Context) -> list[Mention]:
    """ "a market in El Fasher was shelled": the civilians of the country the place is in."""
    actors = ctx.actors
    for child in token.children:
        if child.dep_ not in ("dobj", "nsubjpass") or child.lemma_.lower() not in civilian_places():
            continue
        place = child.doc[child.left_edge.i : child.right_edge.i + 1]
        country = actors.country_in(place) or actors.place_country(child.sent)
        if country is None and ctx.dateline_place:
            state = actors.dictionary.lookup(ctx.dateline_place, ctx.published)
            country = state.country if state is not None and state.kind == "state" else None
        if country is None:
            return []
        demonym = actors.dictionary.demonym(country) or country
        civilians = Actor(name=f"{demonym} civilians", country=country, sector="CVL", kind="sector")
        return [Mention(civilians, "place", (child.i, child.i + 1))]
    return []


def _home_targets(sources: list[Mention], actors: DocumentActors) -> list[Mention]:
    """The government of the sources' own country: protesters with no named target."""
    found: list[Mention] = []
    for source in sources:
        state = actors.dictionary.state(source.actor.country) if source.actor.country else None
        if state is not None and all(state != m.actor for m in found):
            found.append(Mention(state, "home", source.tokens))
    return found


# Verbs that name a thing in "what X described as Y".
NAMING_VERBS = frozenset({"describe", "call", "term", "label", "identify"})
# Where a struck site is: "a depot near Damascus", "a camp outside Kabul".
GROUND_PREPS = ("in", "near", "outside", "at", "around")
# Verbs of taking ground: "launched an offensive to seize Tripoli" is fought over Tripoli.
SEIZING_VERBS = frozenset({"seize", "capture", "take", "retake", "recapture", "storm", "control", "regain"})


def _site_targets(token: Token, light: Token | None, actors: DocumentActors) -> list[Mention]:
    """The state of the ground an act is in ("an offensive in the Tigray region", "a raid in
    the city of Jenin") or sets out to seize ("an offensive to seize Tripoli")."""
    holders = [token, light] if light is not None else [token]
    places = [o for holder in holders for o in _prep_objects(holder, ("in", "into"))]
    for clause in (c for holder in holders for c in holder.children):
        if clause.dep_ in ("xcomp", "advcl", "acl") and clause.lemma_.lower() in SEIZING_VERBS:
            places.extend(o for o in clause.children if o.dep_ == "dobj")
    return next(filter(None, (_place_state(place, actors) for place in places)), [])


def _struck_ground(token: Token, actors: DocumentActors) -> list[Mention]:
    """ "Jets struck a weapons depot near Damascus": a struck site that names no one is on the
    state whose ground it is."""
    sites = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    for clause in token.children:
        if clause.dep_ == "ccomp" and clause.lemma_.lower() in NAMING_VERBS:
            # "struck what Ankara described as a camp near X": the thing struck is the one named.
            sites += [o for p in clause.children if p.dep_ == "prep" and p.lower_ == "as" for o in p.children]
    return next(filter(None, (_place_state(site, actors) for site in sites)), [])


def _prep_objects(holder: Token, preps: tuple[str, ...]) -> list[Token]:
    return [
        o
        for p in holder.children
        if p.dep_ == "prep" and p.lower_ in preps
        for o in p.children
        if o.dep_ == "pobj"
    ]


def _place_state(place: Token, actors: DocumentActors, depth: int = 4) -> list[Mention]:
    """The state a place phrase lies in: its name ("the northern Kachin state", "the city of
    Jenin"), else its owner or the place it lies in ("a town in Iraq's Kurdistan region")."""
    names = [place, *(c for c in place.children if c.dep_ == "compound" and c.pos_ == "PROPN")]
    names += _prep_objects(place, ("of",))
    names += [c for c in place.children if c.dep_ == "poss"]
    for name in names:
        if name.pos_ != "PROPN":
            continue
        start = min([name.i] + [c.left_edge.i for c in name.lefts if c.dep_ in ("compound", "flat")])
        spans = [(start, name.i + 1)]
        if name.head.i == place.i and name.dep_ == "compound" and place.pos_ == "NOUN":
            spans.insert(0, (start, place.i + 1))  # "Kachin state" before "Kachin"
        for span in spans:
            state = _state_of_place(place.doc[span[0] : span[1]].text, actors)
            if state is not None:
                return [Mention(state, SITE, span)]
    if depth > 0:
        for inner in [*_prep_objects(place, GROUND_PREPS), *names[1:]]:
            if inner.i != place.i:
                found = _place_state(inner, actors, depth - 1)
                if found:
                    return found
    return []


def _state_of_place(text: str, actors: DocumentActors) -> Actor | None:
    found = actors.dictionary.lookup(text, actors.published)
    if found is not None and found.kind == "state" and found.country:
        return found
    country = actors.dictionary.place_country(text)
    return actors.dictionary.state(country) if country else None


def _recent_date(involved: set[Actor], events: list[Event]) -> EventDate | None:
    """The day of the story's thread: the last dated event between the same actors, else the
    last one sharing an actor with this one."""
    dated = [e for e in reversed(events) if e.date is not None]
    both = next((e for e in dated if {e.source, e.target} == involved), None)
    either = next((e for e in dated if e.source in involved or e.target in involved), None)
    thread = both or either
    if thread is None:
        return None
    return EventDate(thread.date, "day", f"no date in the sentence: as the earlier '{thread.rule}' event")


def _recent_venue(involved: set[Actor], events: list[Event]) -> str | None:
    """Where the same actors last met: the venue of a meeting's follow-up acts."""
    for event in reversed(events):
        if event.location and event.type in VENUE_TYPES and {event.source, event.target} == involved:
            return event.location
    return None


def _nominal_sources(noun: Token) -> list[Token]:
    """Who does a nominal event: "X's visit", "the visit of X", else the clause's subject."""
    for child in noun.children:
        if child.dep_ == "poss":
            return [child]
        if child.dep_ == "prep" and child.lower_ in ("of", "by"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and not _unnamed(objects[0]):
                return objects
    head = noun
    while head.dep_ in ("pobj", "prep", "dobj", "nsubj", "compound") and head.head.i != head.i:
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return subjects(head)
    return []


def _unnamed(noun: Token) -> bool:
    """ "the withdrawal of its troops", "of some invasion forces": a phrase that names no one
    (no name, no demonym, no owner but a pronoun), whose owner the clause's subject says."""
    if noun.pos_ == "PROPN" or noun.text[:1].isupper():
        return False
    return not any(
        c.dep_ in ("poss", "amod", "compound", "nmod") and c.pos_ != "PRON" and c.text[:1].isupper()
        for c in noun.children
    )


def _owned(noun: Token, heads: list[Token]) -> bool:
    """Whether the nominal's actors hang on the noun itself ("their talks", "the visit of X")."""
    return any(noun.i in (head.head.i, head.head.head.i) for head in heads)


def _sentence_people(sentence: Span, actors: DocumentActors) -> list[Mention]:
    """ "X held a news conference with Y after their talks": "their" is the two people named."""
    people: list[Mention] = []
    for ent in entity_spans(sentence, "PERSON"):
        people.extend(m for m in actors.resolve(ent.root) if all(m.actor != p.actor for p in people))
    return people if len(people) == 2 else []


def _pairs(
    sources: list[Mention], targets: list[Mention], mutual: bool, *, star: bool
) -> list[tuple[Mention, Mention]]:
    if not mutual:
        # "the Russian delegation repeated Moscow's demand": one side named twice is no event.
        return [(s, t) for s in sources for t in targets if not same_side(s.actor, t.actor)]
    if star and sources and targets:
        one_way = [(s, t) for s in sources for t in targets if s.actor != t.actor]
        return one_way + [(t, s) for s, t in one_way]
    participants: list[Mention] = []
    for mention in sources + targets:
        if all(mention.actor != p.actor for p in participants):
            participants.append(mention)
    return list(permutations(participants, 2)) if len(participants) >= 2 else []


def remember_mentions(sentence: Span, index: int, actors: DocumentActors) -> None:
    """Resolve the sentence's named people once, so that later surnames and titles find them."""
    for ent in entity_spans(sentence, "PERSON"):
        actors.at(index, ent.start - sentence.start, sentence.start)
        actors.resolve(ent.root)
