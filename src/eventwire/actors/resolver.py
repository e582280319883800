"""Noun phrases in a parsed sentence -> canonical actors, with memory of the document.

A mention is resolved in this order, most specific first:

1. a person's name (dictionary, then people already named in this document, then the surname);
2. a title with a country ("the Russian Foreign Minister") -> who held that office on the
   article's date, or the person this document already gave that title;
3. a named body of a state ("the Chinese Commerce Ministry") -> that state and the body's sector;
4. a state, capital, institution, organisation or group named in the phrase;
5. a sector word ("rebels", "riot police") -> the sector with the country the phrase, the
   sentence or the document gives it;
6. a pronoun or "the two sides" -> the people or states named just before.

The document memory is what lets "Wang" or "the foreign minister" later in an article resolve
to the full name given in its first paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span, Token

from eventwire.actors.dictionary import ActorDictionary
from eventwire.records import Actor

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
PLURAL_REFERENCES = frozenset(
    {
        "sides",
        "leaders",
        "countries",
        "governments",
        "diplomats",
        "ministers",
        "presidents",
        "nations",
        "parties",
        "delegations",
        "heads",
        "states",
        "counterparts",
        "men",
        "officials",
    }
)
PAIR_WORDS = frozenset({"two", "both"})
# Left-side dependents that belong to a name phrase ("Chinese Foreign Minister Wang Yi").
PHRASE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "case", "punct", "nummod", "quantmod"})
GENERIC_SECTOR = "GOV"


@dataclass(slots=True)
class Mention:
    """An actor found for a noun phrase, with what resolved it."""

    actor: Actor
    how: str
    tokens: tuple[int, int]
    """Token offsets (start, end) of the phrase in its Doc."""


@dataclass(slots=True)
class DocumentActors:
    """The actors one document has named so far, for surnames, titles and pronouns."""

    dictionary: ActorDictionary
    published: date | None
    people: list[Actor] = field(default_factory=list)
    states: list[Actor] = field(default_factory=list)
    roles: dict[tuple[str, str], Actor] = field(default_factory=dict)
    country_counts: dict[str, int] = field(default_factory=dict)

    # -- memory ---------------------------------------------------------------------------

    def remember(self, actor: Actor, role: str | None = None) -> None:
        if actor.kind == "person":
            if actor in self.people:
                self.people.remove(actor)
            self.people.append(actor)
            if role and actor.country:
                self.roles[(actor.country, role)] = actor
        elif actor.kind in ("state",):
            if actor in self.states:
                self.states.remove(actor)
            self.states.append(actor)
        if actor.country:
            self.country_counts[actor.country] = self.country_counts.get(actor.country, 0) + 1

    def home_country(self) -> str | None:
        """The state the document names most: the default country of bare sector words."""
        if not self.country_counts:
            return None
        return max(self.country_counts.items(), key=lambda kv: kv[1])[0]

    def last_person(self) -> Actor | None:
        return self.people[-1] if self.people else None

    def recent_pair(self, want_people: bool) -> list[Actor]:
        pool = self.people if want_people else self.states
        return pool[-2:] if len(pool) >= 2 else []

    def person_by_surname(self, surname: str) -> Actor | None:
        low = surname.lower()
        for person in reversed(self.people):
            parts = person.name.lower().split()
            if low in parts[1:] or (parts and parts[-1] == low):
                return person
        return None

    # -- resolution -----------------------------------------------------------------------

    def resolve(self, head: Token) -> list[Mention]:
        """The actors the noun phrase headed by `head` refers to (several for "the two sides")."""
        span = phrase_span(head)
        lower = head.lower_
        if lower in PERSON_PRONOUNS and head.pos_ == "PRON":
            person = self.last_person()
            return [Mention(person, "pronoun", (span.start, span.end))] if person else []
        if lower in PLURAL_REFERENCES and any(t.lower_ in PAIR_WORDS for t in head.lefts):
            pair = self.recent_pair(
                want_people=lower not in ("countries", "governments", "nations", "states")
            )
            return [Mention(a, "pair", (span.start, span.end)) for a in pair]
        mention = self.resolve_span(span)
        return [mention] if mention else []

    def speaker(self, span: Span) -> Actor | None:
        """The actor a quote's speaker phrase names (the quotes stage's resolver)."""
        mention = self.resolve_span(span)
        return mention.actor if mention else None

    def resolve_span(self, span: Span) -> Mention | None:
        found = (
            self._person(span)
            or self._title(span)
            or self._body(span)
            or self._named(span)
            or self._sector(span)
        )
        if found:
            actor, how, role = found
            self.remember(actor, role)
            return Mention(actor, how, (span.start, span.end))
        return None

    def _country_in(self, span: Span) -> str | None:
        """A country the phrase names by demonym, name, capital or possessive."""
        for tok in span:
            if tok.pos_ not in ("PROPN", "ADJ", "NOUN") and tok.tag_ != "NNP":
                continue
            country = self.dictionary.country_of_adjective(tok.text)
            if country:
                return country
        for ent in span.ents:
            if ent.label_ in ("GPE", "NORP"):
                actor = self.dictionary.lookup(ent.text, self.published)
                if actor and actor.country and actor.kind == "state":
                    return actor.country
        return None

    def _person(self, span: Span) -> tuple[Actor, str, str | None] | None:
        names = [e for e in span.ents if e.label_ == "PERSON"]
        if not names:
            names = _propn_runs(span)
        role = self._role_in(span)
        for name in names:
            actor = self.dictionary.lookup(name.text, self.published)
            if actor and actor.kind == "person":
                return actor, "name", role
            text = _clean_name(name.text)
            if not text:
                continue
            if len(text.split()) == 1:
                known = self.person_by_surname(text)
                if known:
                    return known, "surname", role
                candidates = self.dictionary.lookup_surname(text, self.published)
                if len(candidates) == 1:
                    return candidates[0], "surname", role
            known = self.person_by_surname(text.split()[-1])
            if known and known.name.lower().endswith(text.lower()):
                return known, "surname", role
            if name.label_ == "PERSON":
                country = self._country_in(span)
                if role or country:
                    sector = GENERIC_SECTOR if role else None
                    return Actor(name=text, country=country, sector=sector, kind="person"), "new-person", role
        return None

    def _role_in(self, span: Span) -> str | None:
        words = [t.text for t in span if t.pos_ in ("NOUN", "PROPN", "ADJ")]
        for size in (4, 3, 2, 1):
            for i in range(len(words) - size + 1):
                role = self.dictionary.title_role(" ".join(words[i : i + size]))
                if role:
                    return role
        return None

    def _title(self, span: Span) -> tuple[Actor, str, str | None] | None:
        role = self._role_in(span)
        if not role:
            return None
        country = self._country_in(span)
        if country is None:
            # "the foreign minister" with no country: the person this document gave that title.
            for (_, known_role), person in reversed(list(self.roles.items())):
                if known_role == role:
                    return person, "title-memory", role
            return None
        if (country, role) in self.roles:
            return self.roles[(country, role)], "title-memory", role
        holder = self.dictionary.holder(country, role, self.published)
        if holder:
            return holder, "title-date", role
        return None

    def _named(self, span: Span) -> tuple[Actor, str, str | None] | None:
        """The longest dictionary name inside the phrase (state, capital, IGO, group, institution)."""
        tokens = [t for t in span if t.dep_ not in ("det", "case", "punct")]
        for size in range(min(len(tokens), 6), 0, -1):
            for i in range(len(tokens) - size + 1):
                piece = tokens[i : i + size]
                text = span.doc[piece[0].i : piece[-1].i + 1].text
                actor = self.dictionary.lookup(text, self.published)
                if actor is None or actor.kind == "person":
                    continue
                if (
                    actor.kind == "state"
                    and size == 1
                    and piece[0] is not span.root
                    and _is_modifier(piece[0])
                ):
                    # "Chinese" in "Chinese officials" names the country of a body, not the state.
                    continue
                return actor, "dictionary", None
        return None

    def _body(self, span: Span) -> tuple[Actor, str, str | None] | None:
        sector = self.dictionary.sector_of(span.root.lemma_) or self.dictionary.sector_of(span.root.text)
        if not sector:
            return None
        country = self._country_in(span)
        if country is None:
            return None
        # Bodies are named "<demonym> <body>" ("German Defence Ministry"), however the text put it.
        body_words = [
            t.text
            for t in span
            if t.i >= span.root.i - 3
            and t.pos_ in ("NOUN", "PROPN")
            and not self.dictionary.country_of_adjective(t.text)
            and self.dictionary.lookup(t.text, self.published) is None
        ]
        body = " ".join(w if w.isupper() else w.capitalize() for w in body_words) or span.root.text
        name = f"{self.dictionary.demonym(country)} {body}".strip()
        return Actor(name=name, country=country, sector=sector, kind="sector"), "body", None

    def _sector(self, span: Span) -> tuple[Actor, str, str | None] | None:
        sector = self.dictionary.sector_of(span.root.lemma_) or self.dictionary.sector_of(span.root.text)
        if not sector:
            return None
        country = self._country_in(span) or self.home_country()
        if country is None:
            return None
        return Actor(name=span.root.lemma_, country=country, sector=sector, kind="sector"), "sector", None


def phrase_span(head: Token) -> Span:
    """The name phrase around a head: its left modifiers, and an apposition's name."""
    doc = head.doc
    start = head.i
    for child in head.lefts:
        if child.dep_ in PHRASE_DEPS:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if (
            child.dep_ in ("appos", "flat")
            or (child.dep_ == "compound")
            or (child.dep_ == "prep" and child.lower_ == "of")
        ):
            end = max(end, child.right_edge.i + 1)
    return doc[start:end]


def _propn_runs(span: Span) -> list[Span]:
    runs: list[Span] = []
    start = None
    for tok in span:
        if tok.pos_ == "PROPN" and tok.is_title:
            start = tok.i if start is None else start
        elif start is not None:
            runs.append(span.doc[start : tok.i])
            start = None
    if start is not None:
        runs.append(span.doc[start : span.end])
    return runs


def _clean_name(text: str) -> str:
    text = text.strip()
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return text.strip()


def _is_modifier(tok: Token) -> bool:
    return tok.dep_ in ("amod", "compound", "nmod") or tok.tag_ == "JJ"
