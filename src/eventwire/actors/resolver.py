"""Noun phrases in a parsed sentence -> canonical actors, with memory of the document.

A mention is resolved in this order, most specific first:

1. a person's name (dictionary, then people already named in this document, then the surname);
2. a title with a country ("the Russian Foreign Minister") -> who held that office on the
   article's date, or the person this document already gave that title;
3. a named body of a state ("the Chinese Commerce Ministry") -> that state and the body's sector;
4. a state, capital, institution, organisation or group named in the phrase;
5. a sector word ("rebels", "riot police") -> the sector with the country the phrase, or else
   the document, gives it;
6. a pronoun or "the two sides" -> the people or states named before it, the most named first.

The document memory (`actors.memory`) is what lets "Wang" or "the foreign minister" later in an
article resolve to the full name given in its first paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span, Token

from eventwire.actors._names import fold
from eventwire.actors.memory import DocumentMemory
from eventwire.annotate.entities import entity_spans
from eventwire.datafiles import data_words
from eventwire.records import Actor

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Heads that count rather than name: "thousands of protesters" is about the protesters.
QUANTITY_HEADS = frozenset(
    {
        "thousands",
        "hundreds",
        "dozens",
        "tens",
        "millions",
        "scores",
        "group",
        "crowd",
        "crowds",
        "members",
        "some",
        "many",
        "most",
        "all",
        "number",
    }
)
THING_PRONOUNS = frozenset({"it", "its"})
# People who act for the one they follow ("supporters of the former president").
FOLLOWER_NOUNS = frozenset(
    {"supporter", "follower", "loyalist", "partisan", "backer", "sympathiser", "sympathizer"}
)
GROUP_NOUNS_PEOPLE = frozenset(
    {
        "leaders",
        "diplomats",
        "ministers",
        "presidents",
        "heads",
        "counterparts",
        "men",
        "women",
        "officials",
        "premiers",
        "envoys",
    }
)
GROUP_NOUNS_STATES = frozenset(
    {
        "sides",
        "countries",
        "governments",
        "nations",
        "parties",
        "delegations",
        "states",
        "capitals",
        "neighbours",
        "neighbors",
        "allies",
    }
)
GROUP_SIZES = {"two": 2, "both": 2, "three": 3, "four": 4}
# Group nouns that may name two parties inside one state (a government and a union), not states.
DOMESTIC_SIDES = frozenset({"sides", "parties"})
# Left-side dependents that belong to a name phrase ("Chinese Foreign Minister Wang Yi").
PHRASE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "case", "punct", "nummod", "quantmod"})
GENERIC_SECTOR = "GOV"
# Prefixes that make a demonym after a hyphen a region or a mix, not one country.
COMBINING_PREFIXES = frozenset({"pan", "trans", "afro", "euro", "anglo", "franco", "sino", "indo", "inter"})
# Things a demonym describes without standing for its state: "the Russian language".
NOT_OWNED = frozenset({"language", "languages", "speaker", "speakers", "cuisine", "literature"})
PLACE_PREPOSITIONS = frozenset({"in", "through", "across", "outside", "near", "around", "throughout"})
# Modifiers that place a sector word outside the document's home country ("Western governments").
FOREIGN_MODIFIERS = frozenset(
    {
        "western",
        "foreign",
        "international",
        "european",
        "arab",
        "african",
        "asian",
        "regional",
        "other",
        "several",
        "many",
        "some",
        "neighbouring",
        "neighboring",
    }
)


@dataclass(slots=True)
class Mention:
    """An actor found for a noun phrase, with what resolved it."""

    actor: Actor
    how: str
    tokens: tuple[int, int]
    """Token offsets (start, end) of the phrase in its Doc."""


MAX_STATE_NAME_WORDS = 6
"""The longest state name looked for inside a phrase ("Saint Vincent and the Grenadines")."""


@dataclass(slots=True)
class DocumentActors(DocumentMemory):
    """Resolves noun phrases to actors against the dictionary and the document's memory."""

    _spans: dict[tuple[str, int, int], str | None] = field(default_factory=dict)
    """What a phrase's country and role are, by (question, start, end): asked many times over."""

    def resolve(self, head: Token) -> list[Mention]:
        """The actors the noun phrase headed by `head` refers to (several for "the two sides")."""
        span = self.phrase_span(head)
        lower = head.lower_
        if head.pos_ == "PRON" and lower in PERSON_PRONOUNS | THING_PRONOUNS | {"they"}:
            reporter = _reporting_subject(head)
            if reporter is not None:
                # "the security service said it had detained ...": "it" is the one who said so.
                return self.resolve(reporter)
        if lower in PERSON_PRONOUNS and head.pos_ == "PRON":
            person = self.last_person()
            return [Mention(person, "pronoun", (span.start, span.end))] if person else []
        if lower in QUANTITY_HEADS or head.pos_ == "NUM":
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        # "scores of Somali and Kenyan refugees": every coordinated group.
                        found: list[Mention] = []
                        for part in _conjuncts(objects[0]):
                            new = self.resolve(part)
                            found.extend(m for m in new if all(m.actor != f.actor for f in found))
                        return found
        if head.text == "Allies" and any(s.actor.name == "NATO" for s in self.seen):
            # NATO's own statements call the alliance "Allies".
            nato = self.dictionary.lookup("NATO", self.published)
            if nato is not None:
                return [Mention(nato, "dictionary", (span.start, span.end))]
        if lower in THING_PRONOUNS and head.pos_ == "PRON":
            thing = self.last_thing()
            return [Mention(thing, "pronoun", (span.start, span.end))] if thing else []
        plural_office = self._plural_office(head)
        if plural_office:
            return plural_office
        several = self._coordinated_countries(head)
        if several:
            return several
        size = next((GROUP_SIZES[t.lower_] for t in head.lefts if t.lower_ in GROUP_SIZES), 0)
        if size and lower in GROUP_NOUNS_PEOPLE | GROUP_NOUNS_STATES:
            group = self.salient_group(size, want_people=lower in GROUP_NOUNS_PEOPLE)
            if not group and lower in DOMESTIC_SIDES:
                group = self._domestic_sides(size)
            return [Mention(a, "pair", (span.start, span.end)) for a in group]
        if head.pos_ == "NOUN":
            # "government commissions from both countries", "delegations of the two sides": the
            # bodies of a counted group stand for its members (a generic "government" would
            # otherwise take one side's country).
            group_of = self._group_owners(head)
            if group_of:
                return group_of
        mention = self._named_body(head) or self.resolve_span(_without_relation_owner(span))
        return [mention] if mention else []

    def _group_owners(self, head: Token) -> list[Mention]:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "of"):
                for pobj in child.children:
                    if pobj.dep_ != "pobj" or pobj.lower_ not in GROUP_NOUNS_STATES:
                        continue
                    if any(t.lower_ in GROUP_SIZES for t in pobj.lefts):
                        return self.resolve(pobj)
        return []

    def _domestic_sides(self, size: int) -> list[Actor]:
        """ "the two sides" in a dispute inside one state (a government and a union): the most
        named actors other than the state itself, when they all belong to that one state."""
        scores: dict[Actor, tuple[int, int]] = {}
        for seen in self._before():
            actor = seen.actor
            if actor.kind in ("igo", "state") or not actor.country:
                continue
            count, last = scores.get(actor, (0, -1))
            scores[actor] = (count + 1, max(last, seen.position))
        ranked = sorted(scores, key=lambda a: scores[a], reverse=True)[:size]
        if len(ranked) < size or len({a.country for a in ranked}) != 1:
            return []
        return ranked

    def _coordinated_countries(self, head: Token) -> list[Mention]:
        """ "Hungarian and Romanian officials", "U.S. and Russian negotiators": one actor for each
        country the coordinated modifiers name, with the head's sector."""
        if head.tag_ not in ("NNS", "NNPS"):
            return []
        modifiers = [c for c in head.lefts if c.dep_ in ("amod", "compound", "nmod")]
        countries: list[str] = []
        for modifier in modifiers:
            for tok in _conjuncts(modifier):
                country = self.dictionary.country_of_adjective(tok.text)
                if country and country not in countries:
                    countries.append(country)
        if len(countries) < 2:
            return []
        sector = self._sector_word(head) or GENERIC_SECTOR
        found = []
        for country in countries:
            actor = Actor(
                name=f"{self.dictionary.demonym(country) or country} {head.lemma_}",
                country=country,
                sector=sector,
                kind="sector",
            )
            self.remember(actor, None)
            found.append(Mention(actor, "sector", (head.left_edge.i, head.i + 1)))
        return found

    def _named_body(self, head: Token) -> Mention | None:
        """ "the Council of the European Union": an organisation's body whose name runs on
        through "of", which the name phrase stops before."""
        of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None:
            return None
        span = head.doc[self.phrase_span(head).start : of.right_edge.i + 1]
        actor = self.dictionary.lookup(span.text, self.published)
        if actor is None or actor.kind != "igo":
            return None
        actor = self._parent_organisation(actor)
        self.remember(actor, None, position=self.sentence_base + max(span.start - self.sentence_start, 0))
        return Mention(actor, "dictionary", (span.start, span.end))

    def _plural_office(self, head: Token) -> list[Mention]:
        """ "the foreign ministers of Japan and South Korea": each country's office holder (or
        the state itself when the holder is unknown)."""
        if head.tag_ != "NNS":
            return []
        role = self.dictionary.title_role(head.text) or self.dictionary.title_role(
            " ".join(t.text for t in head.lefts if t.dep_ in ("amod", "compound")) + " " + head.lemma_
        )
        if not role:
            return []
        states = []
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    for country_tok in _conjuncts(pobj):
                        actor = self._state_named(country_tok)
                        if actor is not None:
                            states.append(actor)
        if len(states) < 2:
            return []
        found = []
        for state in states:
            holder = self.dictionary.holder(state.country, role, self.published) if state.country else None
            actor = holder or state
            self.remember(actor, role)
            found.append(Mention(actor, "plural-office", (head.i, head.i + 1)))
        return found

    def _state_named(self, tok: Token) -> Actor | None:
        """The state a name headed by `tok` names, its "of" part included ("the Democratic
        Republic of Congo", which the name phrase stops before)."""
        span = self.phrase_span(tok)
        spans = [span]
        of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None:
            spans.insert(0, tok.doc[span.start : self.phrase_span(pobj).end])
        for candidate in spans:
            actor = self.dictionary.lookup(candidate.text, self.published)
            if actor is not None and actor.kind == "state" and actor.country:
                return actor
        return None

    def resolve_target(self, head: Token) -> list[Mention]:
        """Like `resolve`, and an unnamed thing with a demonym stands for its state
        ("a British deadline" -> the United Kingdom, "Palestinian prisoners" -> Palestine)."""
        found = self.resolve(head)
        if found or head.pos_ not in ("NOUN", "PROPN"):
            return found
        if head.lemma_.lower() in NOT_OWNED:
            return []
        for child in head.children:
            if child.dep_ in ("amod", "compound", "poss") and not _combined(child):
                country = self.dictionary.country_of_adjective(child.text)
                state = self.dictionary.state(country) if country else None
                if state is not None:
                    return [Mention(state, "owner", (head.i, head.i + 1))]
        return []

    def speaker(self, span: Span) -> Actor | None:
        """The actor a quote's speaker phrase names (the quotes stage's resolver)."""
        mention = self.resolve_span(span)
        return mention.actor if mention else None

    def resolve_span(self, span: Span) -> Mention | None:
        found = (
            self._person(span)
            or self._title(span)
            or self._body(span)
            or self._people(span)
            or self._named(span)
            or self._sector(span)
        )
        if found:
            actor, how, role = found
            if actor.kind == "igo":
                actor = self._parent_organisation(actor)
            self.remember(actor, role, position=self.sentence_base + max(span.start - self.sentence_start, 0))
            return Mention(actor, how, (span.start, span.end))
        return None

    def _parent_organisation(self, body: Actor) -> Actor:
        """An organisation's body acts for the organisation, as the guideline names actors:
        "Council of the European Union" -> European Union, "UN Security Council" -> United Nations."""
        words = body.name.split()
        candidates = [" ".join(words[i + 1 :]) for i, w in enumerate(words) if w == "of"] + [words[0]]
        for candidate in candidates:
            parent = self.dictionary.lookup(candidate, self.published) if candidate else None
            if parent is not None and parent.kind == "igo" and parent != body and len(parent.name) > 0:
                return parent
        return body

    def phrase_span(self, head: Token) -> Span:
        """The name phrase around a head: its left modifiers, an apposition, and "of X" after a
        title or body ("the Premier of the State Council", "the Emir of Qatar")."""
        doc = head.doc
        start = head.i
        for child in head.lefts:
            if child.dep_ in PHRASE_DEPS:
                start = min(start, child.left_edge.i)
        end = head.i + 1
        titled = bool(self.dictionary.title_role(head.text) or self.dictionary.sector_of(head.lemma_))
        for child in head.rights:
            if child.dep_ in ("appos", "flat", "compound") and child.ent_type_ not in (
                "DATE",
                "TIME",
                "CARDINAL",
            ):
                # The apposition's name, not what hangs after it ("Lavrov in Moscow").
                name_end = max([child.i] + [c.i for c in child.rights if c.dep_ in ("flat", "compound")])
                end = max(end, name_end + 1)
            elif child.dep_ == "prep" and child.lower_ == "of" and (titled or self._state_of(head, child)):
                # "Prime Minister James Marape of Papua New Guinea": a name "of" a state is its own.
                end = max(end, child.right_edge.i + 1)
        # "Jaish-e-Mohammed", "Lashkar-e-Taiba": the parser cuts a hyphenated name into pieces;
        # the name is the whole run of pieces joined by hyphens with no space between.
        while start >= 2 and _hyphen_join(doc[start - 2], doc[start - 1]):
            start -= 2
        while end + 1 < len(doc) and _hyphen_join(doc[end - 1], doc[end]):
            end += 2
        return doc[start:end]

    def _multiword_state(self, span: Span) -> str | None:
        """A state whose name takes several words of the phrase ("Papua New Guinea", "Bosnia and
        Herzegovina", "the Central African Republic"), the longest first at each place."""
        for i, tok in enumerate(span):
            if tok.pos_ != "PROPN" or _relation_owner(tok):
                continue
            for j in range(min(len(span), i + MAX_STATE_NAME_WORDS), i + 1, -1):
                words = span[i:j]
                if words[-1].pos_ != "PROPN" or any(
                    t.pos_ != "PROPN" and t.lower_ not in ("of", "the", "and", "'s", "’s") for t in words
                ):
                    continue
                if any(_relation_owner(t) for t in words):
                    continue  # "Saudi Arabia's tribal allies" are not Saudi Arabia's own
                country = self.dictionary.country_of_adjective(words.text)
                if country:
                    return country
        return None

    def _state_of(self, head: Token, prep: Token) -> bool:
        """Whether a person's name is followed by "of" a whole state ("of Papua New Guinea", "of
        the Philippines"); "the invasion of Taiwan" is no one's name."""
        return head.pos_ == "PROPN" and head.ent_type_ in ("PERSON", "") and any(
            o.dep_ == "pobj" and self.dictionary.country_of_adjective(o.doc[o.left_edge.i : o.i + 1].text)
            for o in prep.children
        )

    def country_in(self, span: Span) -> str | None:
        """A country the phrase names by demonym, name, capital or possessive."""
        key = ("country", span.start, span.end)
        if key not in self._spans:
            self._spans[key] = self._country_in(span)
        return self._spans[key]

    def _country_in(self, span: Span) -> str | None:
        longer = self._multiword_state(span)
        if longer:
            # "of Papua New Guinea" is not Guinea, "Equatorial Guinea" not Guinea either.
            return longer
        for tok in span:
            if tok.pos_ not in ("PROPN", "ADJ", "NOUN") and tok.tag_ != "NNP":
                continue
            if _ethnic(tok) or _in_feature(tok):
                continue
            if _relation_owner(tok) or _relation_owner(tok.head):
                continue
            if _combined(tok):
                continue  # "the Pan-American Highway", "Afro-Asian": no one country
            country = self.dictionary.country_of_adjective(tok.text)
            if country:
                return country
        for run in _name_runs(span):
            if _ethnic(run[0]) or _relation_owner(run.root) or _in_feature(run[0]) or _combined(run[0]):
                continue
            # "Rebels in the Ivory Coast", "forces in Sierra Leone": names of several words.
            actor = self.dictionary.lookup(run.text, self.published)
            if actor and actor.country and actor.kind == "state":
                return actor.country
        return None

    def _person(self, span: Span) -> tuple[Actor, str, str | None] | None:
        whole = self.dictionary.lookup(span.text, self.published)
        if whole is not None and whole.kind == "person":
            # "Federal President Frank-Walter Steinmeier": the dictionary reads titles itself.
            return whole, "name", self._role_in(span)
        if whole is not None and "-" in span.text and whole.kind in ("group", "igo"):
            # "Jaish-e-Mohammed" is the group its whole hyphenated name says, not a person
            # called Mohammed.
            return None
        names = entity_spans(span, "PERSON") or _propn_runs(span)
        for name in names:
            # A name the parser split ("Theresa May", "May" read as a modal verb) but the model's
            # entity kept whole.
            end = name.end
            while end < len(span.doc) and span.doc[end].ent_iob_ == "I":
                end += 1
            whole = (
                self.dictionary.lookup(span.doc[name.start : end].text, self.published)
                if end > name.end
                else None
            )
            if whole is not None and whole.kind == "person":
                return whole, "name", self._role_in(span)
        # "Tigray's regional president, Debretsion Gebremichael": the apposed full name, not the
        # possessive in front (which the model may also tag PERSON).
        names.sort(key=lambda n: (n.root.dep_ == "poss", -len(n)))
        role = self._role_in(span)
        country = self.country_in(span)
        for name in names:
            actor = self.dictionary.lookup(name.text, self.published)
            if actor and actor.kind == "person":
                return actor, "name", role
            text = _clean_name(name.text)
            if not text:
                continue
            surname = text.split()[-1]
            if role and country:
                # "Chinese Foreign Minister Wang": the office holder, when the surname agrees.
                holder = self.dictionary.holder(country, role, self.published)
                if holder and surname.lower() in holder.name.lower().split():
                    return holder, "title-name", role
            known = self.person_by_surname(text.split()[0] if len(text.split()) == 1 else surname)
            if known and (len(text.split()) == 1 or known.name.lower().endswith(text.lower())):
                if known.country is None and role and self.hint_country:
                    # Named before with no country ("former president Carlos Menem"); the event
                    # at hand now says whose office it was.
                    known = Actor(known.name, self.hint_country, known.sector, "person")
                return known, "surname", role
            if len(text.split()) == 1 and _acronym(text):
                continue  # "U.N." is no one's surname
            if len(text.split()) == 1:
                candidates = self.dictionary.lookup_surname(text, self.published)
                if country:
                    candidates = [c for c in candidates if c.country == country]
                in_office = [c for c in candidates if self._in_office(c)]
                if len(candidates) == 1 or len(in_office) == 1:
                    return (in_office or candidates)[0], "surname", role
                if name.label_ == "PERSON":
                    # A surname nobody in the dictionary answers to: the person as the text names them.
                    return (
                        Actor(
                            name=text, country=country, sector=GENERIC_SECTOR if role else None, kind="person"
                        ),
                        "new-person",
                        role,
                    )
                continue
            words = text.split()
            for i in range(1, len(words) - 1):
                # "Federal President Frank-Walter Steinmeier": the name after the titles.
                tail = self.dictionary.lookup(" ".join(words[i:]), self.published)
                if tail is not None and tail.kind == "person":
                    return tail, "name", role
            first = words[0].lower()
            same_name = [
                c
                for c in self.dictionary.lookup_surname(surname, self.published, with_first_name=True)
                if first in c.name.lower().replace("-", " ").split() or first in c.name.lower()
            ]
            if len(same_name) == 1:
                # "Federal President Frank-Walter Steinmeier": titles around a known name.
                return same_name[0], "name", role
            if name.label_ == "PERSON" and (role or country):
                sector = GENERIC_SECTOR if role else None
                # Someone with an office but no stated country acts for the state the story is about.
                country = country or ((self.hint_country or self.home_country()) if role else None)
                return Actor(name=text, country=country, sector=sector, kind="person"), "new-person", role
            sector = self._sector_before(span, name) if name.label_ == "PERSON" else None
            if sector:
                # "opposition politician X", "rebel commander X": someone the text places in a
                # sector of society acts there, in the state the story is about.
                country = self.hint_country or self.home_country()
                if country:
                    return Actor(name=text, country=country, sector=sector, kind="person"), "new-person", None
        return None

    def _sector_before(self, span: Span, name: Span) -> str | None:
        """The sector a word in front of a name gives its bearer ("opposition", "rebel")."""
        for tok in span[: max(name.start - span.start, 0)]:
            if tok.pos_ in ("NOUN", "ADJ", "PROPN"):
                sector = self.dictionary.sector_of(tok.text) or self.dictionary.sector_of(tok.text + "s")
                if sector:
                    return sector
        return None

    def _in_office(self, person: Actor) -> bool:
        """Whether the dictionary gives this person an office on the article's date."""
        if self.published is None:
            return False
        return any(e.covers(self.published) for e in self.dictionary.entries(person.name))

    def _role_in(self, span: Span) -> str | None:
        key = ("role", span.start, span.end)
        if key not in self._spans:
            self._spans[key] = self._find_role(span)
        return self._spans[key]

    def _find_role(self, span: Span) -> str | None:
        words = [t.text for t in span if t.pos_ in ("NOUN", "PROPN", "ADJ")]
        country = self.country_in(span)
        for size in (4, 3, 2, 1):
            for i in range(len(words) - size + 1):
                role = self.dictionary.title_role(" ".join(words[i : i + size]), country)
                if role:
                    return None if self._office_of_a_body(span) else role
        return None

    def _office_of_a_body(self, span: Span) -> bool:
        """ "president of the trade association", "the club's chairman", "company president": a
        title held in a body that is not a state (nor an organisation the dictionary knows)."""
        for phrase in _qualifiers(span):
            if self.dictionary.lookup(phrase.text, self.published) is not None:
                continue
            if any(tok.lower_ in non_state_bodies() for tok in phrase if tok.pos_ in ("NOUN", "PROPN")):
                return True
        return False

    def _title(self, span: Span) -> tuple[Actor, str, str | None] | None:
        role = self._role_in(span)
        if not role:
            return None
        country = self.country_in(span)
        if country is None:
            # "the foreign minister" with no country: the person this document gave that title,
            # provided the title means that office in that person's country.
            title = " ".join(t.text for t in span if t.pos_ in ("NOUN", "PROPN"))
            for (known_country, known_role), person in reversed(list(self.roles.items())):
                if known_role == role and self.dictionary.title_role(title, known_country) == role:
                    return person, "title-memory", role
            return None
        if (country, role) in self.roles:
            return self.roles[(country, role)], "title-memory", role
        holder = self.dictionary.holder(country, role, self.published)
        if holder:
            return holder, "title-date", role
        return None

    def _people(self, span: Span) -> tuple[Actor, str, str | None] | None:
        """ "Afghans demonstrated", "4 Iraqis were killed": a plural demonym is that country's
        people (CVL), not its government; "Bosnian Serbs" are Bosnia's."""
        root = span.root
        if root.tag_ not in ("NNS", "NNPS") or not root.text[:1].isupper():
            return None
        country = self.dictionary.country_of_adjective(root.text)
        if country and _ethnic(root):
            # "ethnic Albanians in southern Serbia": a people, not the state its name comes
            # from; they belong to the state they live in, when the sentence says it.
            country = self.place_country(root.sent)
        state = self.dictionary.state(country) if country else None
        if state is None or fold(root.text) == fold(state.name):
            return None
        name = root.text
        for child in (c for c in root.lefts if c.dep_ in ("amod", "compound")):
            home = self.dictionary.country_of_adjective(child.text)
            if home and home != country:
                country, name = home, f"{child.text} {root.text}"
        return Actor(name=name, country=country, sector="CVL", kind="sector"), "people", None

    def _named(self, span: Span) -> tuple[Actor, str, str | None] | None:
        """The longest dictionary name inside the phrase (state, capital, IGO, group, institution)."""
        tokens = [t for t in span if t.dep_ not in ("det", "case", "punct")]
        for size in range(min(len(tokens), 6), 0, -1):
            for i in range(len(tokens) - size + 1):
                piece = tokens[i : i + size]
                text = span.doc[piece[0].i : piece[-1].i + 1].text
                actor = self.dictionary.lookup(text, self.published)
                if actor is None or actor.kind == "person" or (actor.country and _ethnic(piece[0])):
                    continue
                if actor.kind == "state" and _in_feature(piece[0]):
                    continue
                if any(_relation_owner(t) for t in piece):
                    continue
                if actor.kind == "state" and size == 1 and piece[0] != span.root and _is_modifier(piece[0]):
                    # "Chinese" in "Chinese officials" names the country of a body, not the state.
                    continue
                return actor, "dictionary", None
        return None

    def _body(self, span: Span) -> tuple[Actor, str, str | None] | None:
        sector = self._sector_word(span.root)
        if not sector:
            return None
        country = self.country_in(span)
        if country is None:
            return None
        # Bodies are named "<demonym> <body>" ("German Defence Ministry"), however the text put it;
        # the words of a state's name are not the body's ("Papua New Guinean police").
        demonym = self.dictionary.demonym(country) or ""
        state = self.dictionary.state(country)
        state_words = {*demonym.split(), *(state.name.split() if state else ())}
        body_words = [
            t.text
            for t in span
            if t.i >= span.root.i - 3
            and t.i <= span.root.i
            and t.pos_ in ("NOUN", "PROPN", "ADJ")
            and not self.dictionary.country_of_adjective(t.text)
            and (t.text not in state_words or t.i == span.root.i)
            and self.dictionary.lookup(t.text, self.published) is None
        ]
        body = " ".join(w if w.isupper() else w.capitalize() for w in body_words) or span.root.text
        name = f"{demonym} {body}".strip()
        return Actor(name=name, country=country, sector=sector, kind="sector"), "body", None

    def _sector(self, span: Span) -> tuple[Actor, str, str | None] | None:
        head = span.root
        sector = self._sector_word(head)
        if not sector:
            return self._followers(head)
        # "rebel fighters against the Syrian government": a country anywhere in the phrase; but a
        # place held ("a guerrilla stronghold on the Thai border") is of whoever holds it.
        end = head.i if head.lemma_.lower() in held_places() else head.right_edge.i
        clauses = [c.left_edge.i for c in head.rights if c.dep_ in ("relcl", "acl")]
        if clauses:
            # "miners who had blocked the highway to Bolivia": what a group did says nothing of
            # whose it is.
            end = min(end, min(clauses) - 1)
        country = self.country_in(head.doc[head.left_edge.i : end + 1])
        if country is None and end == head.i:
            # "a militant base near Gao": a held place lies in the country of where it is, whoever
            # else the sentence names.
            where = head.doc[head.i : head.right_edge.i + 1]
            country = self.place_country(where) or self.country_in(where)
        if country is None:
            if any(t.lower_ in FOREIGN_MODIFIERS for t in head.lefts):
                return None
            country = (
                self._owner_country(head)
                or self._origin_country(head)
                or self._sibling_country(head)
                or self.place_country(head.sent)
                or self.dateline_country
                or self.hint_country
                or self.home_country(avoid=sector == "CVL")
            )
        if country is None:
            return None
        demonym = self.dictionary.demonym(country) or ""
        return (
            Actor(name=f"{demonym} {head.lemma_}".strip(), country=country, sector=sector, kind="sector"),
            "sector",
            None,
        )

    def _followers(self, head: Token) -> tuple[Actor, str, str | None] | None:
        """ "supporters of former President X", "followers of the cleric": people who act for
        whom they follow, in that one's country; an armed or opposition group's people share its
        sector, a politician's are civilians."""
        if head.lemma_.lower() not in FOLLOWER_NOUNS:
            return None
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
            for leader in (o for o in prep.children if o.dep_ == "pobj"):
                found = self.resolve(leader)
                if not found or not found[0].actor.country:
                    continue
                country = found[0].actor.country
                sector = found[0].actor.sector if found[0].actor.sector in ("OPP", "REB") else "CVL"
                demonym = self.dictionary.demonym(country) or ""
                name = f"{demonym} {head.lemma_}".strip()
                return Actor(name=name, country=country, sector=sector, kind="sector"), "sector", None
        return None

    def _owner_country(self, head: Token) -> str | None:
        """ "its citizens", "their troops": the country of whom the possessive stands for."""
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ == "PRON" and child.lower_ in THING_PRONOUNS | {"their"}:
                reporter = _reporting_subject(head) if head.dep_ in ("nsubj", "nsubjpass") else None
                owner = self.last_thing() if reporter is None else None
                if owner is not None and owner.country:
                    return owner.country
        return None

    def _origin_country(self, head: Token) -> str | None:
        """ "a missionary from Calgary", "doctors from Basra": where they come from."""
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "from"):
            for place in (o for o in prep.children if o.dep_ == "pobj"):
                name = place.doc[place.left_edge.i : place.i + 1].text
                actor = self.dictionary.lookup(name, self.published)
                if actor is not None and actor.kind == "state" and actor.country:
                    return actor.country
                country = self.dictionary.place_country(name)
                if country:
                    return country
        return None

    def _sibling_country(self, head: Token) -> str | None:
        """ "the Sudanese government and the rebels in Darfur": a phrase coordinated with one that
        names a country shares it."""
        siblings = [c for c in head.children if c.dep_ == "conj"]
        if head.dep_ == "conj":
            siblings.append(head.head)
        for sibling in siblings:
            country = self.country_in(sibling.doc[sibling.left_edge.i : sibling.i + 1])
            if country:
                return country
        return None

    def place_country(self, sentence: Span) -> str | None:
        """The country of a place the sentence names with "in" ("rallied in Yerevan", "rebels in
        Herat": a state, its capital, or a city or region of the places files) or another
        preposition of place ("marched through Tbilisi"); not a place in the attribution ("relief
        officials in Nairobi said")."""
        for tok in sentence:
            if _in_attribution(tok):
                continue
            if tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPOSITIONS and tok.pos_ == "PROPN":
                if _in_feature(tok):
                    continue
                actor = self.dictionary.lookup(tok.text, self.published)
                if actor is not None and actor.kind == "state" and actor.country:
                    return actor.country
                start = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ in ("compound", "flat")])
                country = self.dictionary.place_country(tok.doc[start : tok.i + 1].text)
                if country:
                    return country
        return None

    def _sector_word(self, head: Token) -> str | None:
        """The sector of the head word with its modifiers, longest known phrase first
        ("Pakistani security forces" -> "security forces" -> POL; "armed forces" -> MIL)."""
        modifiers = [
            t.text for t in head.lefts if t.dep_ in ("compound", "amod") and t.pos_ in ("NOUN", "ADJ", "VERB")
        ]
        for i in range(len(modifiers)):
            sector = self.dictionary.sector_of(" ".join([*modifiers[i:], head.text]))
            if sector:
                return sector
        own = self.dictionary.sector_of(head.text) or self.dictionary.sector_of(head.lemma_)
        if head.lemma_.lower() in member_nouns() | held_places():
            # "opposition supporters", "rebel fighters", "opposition leaders": the people of the
            # group the word names, even where the word alone has a sector of its own ("leaders"
            # are GOV); "a guerrilla stronghold", "rebel positions": a place they hold.
            for modifier in reversed(modifiers):
                # the modifier as written or as its plural ("guerrilla stronghold": guerrillas)
                sector = self.dictionary.sector_of(modifier) or self.dictionary.sector_of(modifier + "s")
                if sector:
                    return sector
        return own


REPORTING_LEMMAS = frozenset(
    {"say", "tell", "add", "announce", "state", "claim", "confirm", "report", "write"}
)


# Nouns for one actor's relation to another: "Israel's militia ally" is not Israel, nor is
# "Russia's neighbour" Russia.
RELATIONAL_NOUNS = frozenset(
    {"ally", "proxy", "partner", "client", "rival", "enemy", "foe", "neighbour", "neighbor", "patron"}
)


def _relation_owner(tok: Token) -> bool:
    """Whether the name owns a relation ("Israel" in "Israel's militia ally")."""
    return tok.dep_ == "poss" and tok.head.lemma_.lower() in RELATIONAL_NOUNS


def _without_relation_owner(span: Span) -> Span:
    """The phrase without the owner of a relation ("Israel's" in "Israel's militia ally"), which
    names the other side of the relation, not the actor."""
    root = span.root
    if root.lemma_.lower() not in RELATIONAL_NOUNS:
        return span
    owners = [c for c in root.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    if not owners:
        return span
    start = max(o.right_edge.i for o in owners) + 1
    return span.doc[start : span.end] if start < span.end else span


# Words that make a state's name the name of a lake, sea or mountain: "Lake Chad", "the Gulf of
# Guinea", "the Sea of Japan" are places (several states' shores), not the state.
FEATURE_WORDS = frozenset(
    {"lake", "gulf", "sea", "river", "bay", "strait", "straits", "mount", "cape", "basin", "coast"}
)


def _in_feature(tok: Token) -> bool:
    """Whether the name is part of a lake's, sea's or mountain's name before it."""
    doc, i = tok.doc, tok.i
    before = i - 2 if i > 1 and doc[i - 1].lower_ == "of" else i - 1
    return before >= 0 and doc[before].lower_ in FEATURE_WORDS and doc[before].text[:1].isupper()


def _ethnic(tok: Token) -> bool:
    """Whether the demonym names an ethnic group ("ethnic Turks", "ethnic Albanian rebels")."""
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ == "ethnic"


def _in_attribution(tok: Token) -> bool:
    """Whether the token belongs to the subject of a reporting verb ("officials in Nairobi said")."""
    while tok.head.i != tok.i:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in REPORTING_LEMMAS:
            return True
        tok = tok.head
    return False


def _reporting_subject(pronoun: Token) -> Token | None:
    """For the subject pronoun of a clause reported by someone, that someone's head token."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = pronoun.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in REPORTING_LEMMAS:
        return None
    for child in clause.head.children:
        if child.dep_ == "nsubj" and child.pos_ != "PRON":
            return child
    return None


def _name_runs(span: Span) -> list[Span]:
    """Runs of proper nouns (with "of" and "the" inside: "Republic of the Congo"), longest first."""
    runs: list[Span] = []
    start = None
    for tok in [*span, None]:
        if tok is not None and (tok.pos_ == "PROPN" or (start is not None and tok.lower_ in ("of", "the"))):
            start = tok.i if start is None else start
            continue
        if start is not None:
            end = tok.i if tok is not None else span.end
            while end > start and span.doc[end - 1].lower_ in ("of", "the"):
                end -= 1
            runs.append(span.doc[start:end])
            runs.extend(span.doc[i : i + 1] for i in range(start, end) if span.doc[i].pos_ == "PROPN")
            start = None
    return runs


def _conjuncts(tok: Token) -> list[Token]:
    return [tok] + [t for c in tok.children if c.dep_ == "conj" for t in _conjuncts(c)]


def _propn_runs(span: Span) -> list[Span]:
    runs: list[Span] = []
    start = None
    for tok in span:
        if (tok.pos_ == "PROPN" and tok.is_title) or (start is not None and tok.tag_ == "HYPH"):
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


@lru_cache(maxsize=1)
def member_nouns() -> frozenset[str]:
    """Nouns for a group's people, who take its sector ("opposition supporters")."""
    return frozenset(w.lower() for w in data_words("actors", "member_nouns.txt"))


@lru_cache(maxsize=1)
def held_places() -> frozenset[str]:
    """Nouns for places a group holds ("rebel positions"), which stand for the group."""
    return frozenset(w.lower() for w in data_words("actors", "held_places.txt"))


@lru_cache(maxsize=1)
def non_state_bodies() -> frozenset[str]:
    """Nouns for bodies that are not states (data/actors/non_state_bodies.txt)."""
    return frozenset(w.lower() for w in data_words("actors", "non_state_bodies.txt"))


def _qualifiers(span: Span) -> list[Span]:
    """The phrases that say whose a title is: "of the farmers' association", "the club's"."""
    found: list[Span] = []
    for tok in span:
        holders = [tok, *(c for c in tok.children if c.dep_ == "appos")]
        for holder in holders:
            for child in holder.children:
                if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "NOUN"):
                    found.append(span.doc[child.left_edge.i : child.right_edge.i + 1])
                elif child.dep_ == "prep" and child.lower_ == "of":
                    found.extend(span.doc[o.left_edge.i : o.right_edge.i + 1] for o in child.children)
    return found


def _acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_modifier(tok: Token) -> bool:
    return tok.dep_ in ("amod", "compound", "nmod") or tok.tag_ == "JJ"


def _combined(tok: Token) -> bool:
    """Whether a demonym is the second part of a combining form ("Pan-American")."""
    doc = tok.doc
    return (
        tok.i >= 2
        and _hyphen_join(doc[tok.i - 2], doc[tok.i - 1])
        and doc[tok.i - 2].lower_ in COMBINING_PREFIXES
    )


def _hyphen_join(before: Token, hyphen: Token) -> bool:
    """Whether `hyphen` is a hyphen that joins `before` to the next token with no space."""
    return hyphen.text == "-" and not before.whitespace_ and not hyphen.whitespace_
