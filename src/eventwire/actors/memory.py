"""What a document has said so far: the actors it named, where, and how often.

Every remembered mention keeps its position (sentence index * 10,000 + token offset), so a
pronoun only looks back, never ahead, and "the two leaders" are the two people named most
before the phrase, not after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from eventwire.actors.dictionary import ActorDictionary
from eventwire.records import Actor

CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:al-|bin\s+|de\s+|van\s+|von\s+)?[A-Z][\w'’.-]*){0,4}")
NAME_SCAN_MAX_WORDS = 4
PRONOUN_REACH = 3
"""How many sentences back "he" or "she" may look for the person it stands for."""
POSITION_STRIDE = 10_000
"""Positions are sentence index * POSITION_STRIDE + token offset (no sentence is that long)."""


@dataclass(slots=True)
class _Seen:
    actor: Actor
    position: int
    """Where in the document it was named: sentence index * POSITION_STRIDE + token offset."""


@dataclass(slots=True)
class DocumentMemory:
    """The actors one document has named so far, where, and how often: what surnames, titles,
    pronouns and "the two sides" are resolved against."""

    dictionary: ActorDictionary
    published: date | None
    seen: list[_Seen] = field(default_factory=list)
    counts: dict[Actor, int] = field(default_factory=dict)
    roles: dict[tuple[str, str], Actor] = field(default_factory=dict)
    country_counts: dict[str, int] = field(default_factory=dict)
    avoid_country: str | None = None
    """A country bare sector words of the current event cannot belong to (an attacker's own)."""
    hint_country: str | None = None
    """The country of the other side of the event being coded: "the army" in a sentence whose
    source is a Sudanese group is Sudan's army, unless the phrase says otherwise."""
    dateline_country: str | None = None
    """The country of the article's wire dateline: where unplaced civilians and protesters are."""
    position: int = 0
    """The position of the phrase being resolved; set by the caller per sentence and token."""
    sentence_base: int = 0
    sentence_start: int = 0
    """Position of the current sentence, and its first token in the Doc."""
    paragraph_starts: tuple[int, ...] = ()
    """The first sentence of each paragraph: a pronoun looks back into its own paragraph and the
    one before, never further."""

    def at(self, sentence_index: int, token_offset: int = 0, sentence_start: int = 0) -> None:
        """Set the current position (pronouns look back from here).

        Args:
            sentence_start: index in the Doc of the sentence's first token, so that a resolved
                phrase is remembered where it stands, not where the question was asked.
        """
        self.sentence_base = sentence_index * POSITION_STRIDE
        self.sentence_start = sentence_start
        self.position = self.sentence_base + token_offset

    def remember(self, actor: Actor, role: str | None = None, position: int | None = None) -> None:
        where = self.position if position is None else position
        self.seen.append(_Seen(actor, where))
        self.counts[actor] = self.counts.get(actor, 0) + 1
        if actor.kind == "person" and role and actor.country:
            self.roles[(actor.country, role)] = actor
        if actor.country:
            self.country_counts[actor.country] = self.country_counts.get(actor.country, 0) + 1

    def scan_names(self, text: str, sentence_index: int) -> None:
        """Remember the people a sentence names, without parsing it (a dictionary look-up of
        capitalised runs): the sentences the annotator skips still introduce names."""
        for match in CAPITALISED_RUN.finditer(text):
            words = match.group(0).split()
            for size in range(min(len(words), NAME_SCAN_MAX_WORDS), 1, -1):
                found = False
                for i in range(len(words) - size + 1):
                    actor = self.dictionary.lookup(" ".join(words[i : i + size]), self.published)
                    if actor is not None and actor.kind == "person":
                        self.remember(actor, position=sentence_index * POSITION_STRIDE + match.start())
                        found = True
                        break
                if found:
                    break

    def home_country(self, *, avoid: bool = False) -> str | None:
        """The state the document names most: the default country of bare sector words.

        Args:
            avoid: leave out `avoid_country` (an attacker's civilians are not its victims).
        """
        counts = {c: n for c, n in self.country_counts.items() if not (avoid and c == self.avoid_country)}
        if not counts:
            return None
        return max(counts.items(), key=lambda kv: kv[1])[0]

    def _before(self) -> list[_Seen]:
        return [s for s in self.seen if s.position < self.position]

    def last_person(self) -> Actor | None:
        """Who "he" or "she" is: the last person named nearby (within `PRONOUN_REACH` sentences,
        in this paragraph or the one before), or no one."""
        here = self.position // POSITION_STRIDE
        first = max(here - PRONOUN_REACH, self._paragraph_start(here, back=1))
        people = [
            s for s in self._before() if s.actor.kind == "person" and s.position // POSITION_STRIDE >= first
        ]
        return max(people, key=lambda s: s.position).actor if people else None

    def _paragraph_start(self, sentence: int, back: int) -> int:
        """The first sentence of the paragraph `back` paragraphs before `sentence`'s own."""
        starts = [s for s in self.paragraph_starts if s <= sentence]
        if not starts:
            return 0
        return starts[max(len(starts) - 1 - back, 0)]

    def last_thing(self) -> Actor | None:
        """What "it" stands for: the last state, organisation or group named before here."""
        things = [s for s in self._before() if s.actor.kind in ("state", "igo", "group")]
        return max(things, key=lambda s: s.position).actor if things else None

    def salient_group(self, size: int, want_people: bool) -> list[Actor]:
        """The `size` most-named people (or states) before here: "the two leaders"."""
        scores: dict[Actor, tuple[int, int]] = {}
        for s in self._before():
            actor = s.actor
            if not want_people:
                if not actor.country or actor.kind == "igo":
                    continue
                actor = self.dictionary.state(actor.country) or actor
            elif actor.kind != "person":
                continue
            count, last = scores.get(actor, (0, -1))
            scores[actor] = (count + 1, max(last, s.position))
        ranked = sorted(scores, key=lambda a: scores[a], reverse=True)
        return ranked[:size] if len(ranked) >= size else []

    def person_by_surname(self, surname: str) -> Actor | None:
        low = surname.lower()
        for s in sorted(self.seen, key=lambda s: s.position, reverse=True):
            person = s.actor
            if person.kind != "person":
                continue
            parts = person.name.lower().split()
            if low in parts:
                return person
        return None
