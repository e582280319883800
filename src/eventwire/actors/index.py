"""The actor index: the actor tables read into look-up structures, and direct look-ups on them.

Data lives in `eventwire/data/actors/*.tsv` (tab-separated, a header row, `|` between values in
one cell, `#` comment lines). The kind of a file is the start of its name:

    states*        iso3 name aliases demonyms capitals
    igos*          name aliases
    groups*        name aliases country sector [start end]
    institutions*  name aliases country sector
    people*        name aliases country sector role start end [organisation]
    sectors*       word sector
    titles*        title role countries sector
    places*        name country

A bad row stops the build with a `ValueError` naming file:line and the problem. Reading a whole
mention ("the Russian Foreign Minister") is the dictionary's job: `eventwire.actors.dictionary`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from eventwire.actors import _names
from eventwire.actors._names import CaseRule, case_ok, case_rule, drop_article, fold, strip_possessive
from eventwire.actors._tables import Row, Table, cell_date
from eventwire.records import Actor

SECTORS = frozenset({"GOV", "MIL", "REB", "OPP", "BUS", "MED", "CVL", "IGO", "JUD", "POL", "NGO"})

ORG_HEAD_ROLES = frozenset({"head_of_state", "head_of_government", "secretary_general", "group_leader"})
"""Inside an organisation these all mean its head: "NATO chief", "Hamas leader", "EU Commission
President". IGO heads are stored as secretary_general, heads of groups as group_leader."""

GENERIC_ROLES = frozenset(
    {"official", "military_officer", "rebel_figure", "opposition_figure", "police_officer",
     "judicial_officer", "igo_official", "ngo_figure", "business_figure", "media_figure", "civilian"}
)  # fmt: skip
"""Roles that name no office (the rows converted from Phoenix, which gives only a sector). No title
asks for them, and a row with one does not make its person answer to a bare surname: with some
18,000 such people from every country, "Abbas Kamel" would otherwise read as "Abbas" + a known
"Kamel". The person is found by full name or alias, by a title or honorific with the surname
("President Reagan", when no office holder has that surname), or once the document names them."""

_ISO3 = re.compile(r"^[A-Z]{3}$")
_ROLE = re.compile(r"^[a-z][a-z_]*$")


@dataclass(frozen=True, slots=True)
class Entry:
    """One dictionary row resolved to an actor; people and groups have one per period."""

    actor: Actor
    role: str | None = None
    start: date | None = None
    end: date | None = None
    """Last day in office, inclusive; None while still in office."""
    organisation: str | None = None
    """Canonical name of the IGO or group a person leads or speaks for."""

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


def as_date(on: date | datetime | None) -> date | None:
    return on.date() if isinstance(on, datetime) else on


@dataclass(slots=True)
class Entity:
    kind: str
    """state | igo | group | institution | person"""
    entries: list[Entry]

    def at(self, on: date | None) -> Entry:
        """The entry that speaks for this actor on `on`: the latest one in force, else the
        nearest in time (people keep their identity outside their terms)."""
        entries = self.entries
        if len(entries) == 1:
            return entries[0]
        if on is None:
            return max(entries, key=lambda e: e.start or date.min)
        current = [e for e in entries if e.covers(on)]
        if current:
            return max(current, key=lambda e: e.start or date.min)
        before = [e for e in entries if e.end is not None and e.end < on]
        if before:
            return max(before, key=lambda e: e.end or date.min)
        return min(entries, key=lambda e: e.start or date.max)

    def in_office(self, on: date | None) -> bool:
        if on is None:
            return any(e.end is None for e in self.entries)
        return any(e.covers(on) for e in self.entries)

    def distance(self, on: date | None) -> int:
        """Days between `on` and the nearest period of this actor (0 inside one)."""
        if on is None:
            latest = max((e.start or date.min) for e in self.entries)
            return (date.max - latest).days
        best = 1 << 30
        for e in self.entries:
            if e.covers(on):
                return 0
            if e.start and on < e.start:
                best = min(best, (e.start - on).days)
            if e.end and on > e.end:
                best = min(best, (on - e.end).days)
        return best

    def countries(self) -> set[str | None]:
        return {e.actor.country for e in self.entries}


@dataclass(slots=True)
class TitleRow:
    role: str | None
    countries: frozenset[str]
    sector: str | None


class ActorIndex:
    """The actor tables as indexes: names and aliases, surnames, office holders by date, titles,
    sector words and places, each with the case rule its surface form asks for."""

    def __init__(self, tables: Iterable[Table]) -> None:
        self._entities: list[Entity] = []
        self._by_key: dict[str, int] = {}
        self._index: dict[str, list[tuple[int, CaseRule]]] = defaultdict(list)
        self._country_index: dict[str, list[tuple[str, CaseRule]]] = defaultdict(list)
        self._place_index: dict[str, list[tuple[str, CaseRule]]] = defaultdict(list)
        """States' names, aliases and capitals, and places: where something happens."""
        self._org_index: dict[str, list[tuple[int, CaseRule]]] = defaultdict(list)
        self._surnames: dict[str, set[int]] = defaultdict(set)
        self._titled_surnames: dict[str, set[int]] = defaultdict(set)
        """Surnames of people with GENERIC_ROLES rows only: read after a title or honorific."""
        self._holders: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        self._titles: dict[str, list[TitleRow]] = defaultdict(list)
        self._sectors: dict[str, str] = {}
        self._surfaces: dict[str, str] = {}
        self._states: dict[str, int] = {}
        self._org_kinds: dict[str, str] = {}
        self._org_names: dict[str, list[str]] = defaultdict(list)
        """An organisation's folded name and aliases, by canonical name: which bodies are its own."""
        self._demonyms: dict[str, str] = {}
        by_kind: dict[str, list[Row]] = defaultdict(list)
        for table in tables:
            by_kind[table.kind].extend(table.rows)
        for row in by_kind["states"]:
            self._add_state(row)
        for row in by_kind["places"]:
            self._add_place(row)
        for row in by_kind["igos"]:
            self._add_named("igo", row, None, "IGO")
        for row in by_kind["institutions"]:
            self._add_named("institution", row, self._country(row), self._sector(row))
        for row in by_kind["groups"]:
            self._add_named("group", row, self._country(row), self._sector(row))
        for row in by_kind["people"]:
            self._add_person(row)
        for row in by_kind["sectors"]:
            self._sectors[fold(row.cells["word"])] = self._sector(row)
            self._surfaces.setdefault(row.cells["word"], "sector")
        for row in by_kind["titles"]:
            self._add_title(row)
        for entries in self._holders.values():
            entries.sort(key=lambda e: e.start or date.min)
        self._index = dict(self._index)

    def _country(self, row: Row) -> str | None:
        code = row.cells.get("country", "")
        if not code:
            return None
        if code not in self._states:
            raise row.fail(f"unknown country code '{code}' (an ISO3 code from a states file)")
        return code

    @staticmethod
    def _sector(row: Row) -> str:
        sector = row.cells["sector"]
        if sector not in SECTORS:
            raise row.fail(f"unknown sector '{sector}' (known: {' '.join(sorted(SECTORS))})")
        return sector

    def _entity(self, key: str, kind: str) -> int:
        if key not in self._by_key:
            self._by_key[key] = len(self._entities)
            self._entities.append(Entity(kind, []))
        return self._by_key[key]

    def _index_surface(self, surface: str, entity: int, kind: str) -> None:
        for form in {surface, drop_article(surface)}:
            key = fold(form)
            if key:
                self._index[key].append((entity, case_rule(form)))
        self._surfaces.setdefault(surface, kind)

    def _add_state(self, row: Row) -> None:
        iso3 = row.cells["iso3"]
        if not _ISO3.match(iso3):
            raise row.fail(f"'{iso3}' is not an ISO3 code (three capital letters)")
        entity = self._entity("state:" + iso3, "state")
        if not self._entities[entity].entries:
            actor = Actor(name=row.cells["name"], country=iso3, sector="GOV", kind="state")
            self._entities[entity].entries.append(Entry(actor))
            self._states[iso3] = entity
        demonyms = row.values("demonyms")
        if demonyms and iso3 not in self._demonyms:
            self._demonyms[iso3] = demonyms[0]
        for column, kind in (
            ("name", "state"),
            ("aliases", "state"),
            ("demonyms", "demonym"),
            ("capitals", "capital"),
        ):
            for surface in row.values(column):
                self._index_surface(surface, entity, kind)
                for form in {surface, drop_article(surface)}:
                    self._country_index[fold(form)].append((iso3, case_rule(form)))
                    if kind != "demonym":
                        self._place_index[fold(form)].append((iso3, case_rule(form)))

    def _add_place(self, row: Row) -> None:
        """A city or region: gives a country to "rebels in Herat", never stands for an actor."""
        iso3 = self._country(row)
        if iso3 is None:
            raise row.fail("empty required column 'country'")
        surface = row.cells["name"]
        for form in {surface, drop_article(surface)}:
            if fold(form):
                self._place_index[fold(form)].append((iso3, case_rule(form)))
        self._surfaces.setdefault(surface, "place")

    def _add_named(self, kind: str, row: Row, country: str | None, sector: str) -> None:
        name = row.cells["name"]
        entity = self._entity(f"{kind}:{name}", kind)
        actor_kind = {"igo": "igo", "group": "group", "institution": "state"}[kind]
        start, end = cell_date(row, "start"), cell_date(row, "end")
        if start and end and start > end:
            raise row.fail(f"start {start} is after end {end}")
        self._entities[entity].entries.append(
            Entry(Actor(name, country, sector, actor_kind), None, start, end)
        )
        self._org_kinds.setdefault(name, kind)
        self._org_names[name].extend(fold(surface) for surface in [name, *row.values("aliases")])
        for surface in [name, *row.values("aliases")]:
            self._index_surface(surface, entity, kind)
            for form in {surface, drop_article(surface)}:
                self._org_index[fold(form)].append((entity, case_rule(form)))

    def _organisation(self, row: Row) -> str | None:
        value = row.cells.get("organisation", "")
        if not value:
            return None
        for entity, _rule in self._org_index.get(fold(value), ()):
            if self._entities[entity].kind in ("igo", "group"):
                return self._entities[entity].entries[0].actor.name
        raise row.fail(f"unknown organisation '{value}' (name or alias from an igos or groups file)")

    def _add_person(self, row: Row) -> None:
        name, role = row.cells["name"], row.cells["role"]
        country, sector, organisation = self._country(row), self._sector(row), self._organisation(row)
        if not _ROLE.match(role):
            raise row.fail(f"role '{role}' must be lower-case letters and underscores")
        start, end = cell_date(row, "start"), cell_date(row, "end")
        if start and end and start > end:
            raise row.fail(f"start {start} is after end {end}")
        entry = Entry(Actor(name, country, sector, "person"), role, start, end, organisation)
        entity = self._entity("person:" + name, "person")
        self._entities[entity].entries.append(entry)
        surfaces = [name, *row.values("aliases")]
        for surface in surfaces:
            self._index_surface(surface, entity, "person")
            if len(surface.split()) == 1:
                self._surnames[fold(surface)].add(entity)
        surnames = self._titled_surnames if role in GENERIC_ROLES else self._surnames
        for key in _names.surname_keys(name, country):
            surnames[key].add(entity)
        scope = "org:" + organisation if organisation else country
        if scope and role not in GENERIC_ROLES:
            self._holders[(scope, role)].append(entry)

    def _add_title(self, row: Row) -> None:
        role = row.cells.get("role") or None
        if role and not _ROLE.match(role):
            raise row.fail(f"role '{role}' must be lower-case letters and underscores")
        countries = frozenset(row.values("countries"))
        for code in countries:
            if code not in self._states:
                raise row.fail(f"unknown country code '{code}'")
        sector = row.cells.get("sector") or None
        if sector and sector not in SECTORS:
            raise row.fail(f"unknown sector '{sector}' (known: {' '.join(sorted(SECTORS))})")
        self._titles[fold(row.cells["title"])].append(TitleRow(role, countries, sector))
        self._surfaces.setdefault(row.cells["title"], "title")

    def names(self) -> Iterator[tuple[str, str]]:
        """Every surface form with its kind, for a phrase matcher.

        Kinds: state, demonym, capital, igo, group, institution, person, sector, title, place.
        Single words match by case (see `_names.case_rule`): confirm hits with `lookup`.
        """
        yield from self._surfaces.items()

    def state(self, iso3: str) -> Actor | None:
        """The state actor for an ISO3 code ("RUS" -> Russia GOV)."""
        entity = self._states.get(iso3)
        return None if entity is None else self._entities[entity].entries[0].actor

    def states(self) -> Iterator[Actor]:
        """Every state actor, in file order."""
        for entity in self._states.values():
            yield self._entities[entity].entries[0].actor

    def iter_entries(self, kind: str = "person") -> Iterator[Entry]:
        """Every row of one kind (state, igo, group, institution, person), e.g. to audit terms."""
        for entity in self._entities:
            if entity.kind == kind:
                yield from entity.entries

    def demonym(self, iso3: str) -> str | None:
        """The adjective for a state ("CHN" -> "Chinese"), or its name when it has none listed."""
        if iso3 in self._demonyms:
            return self._demonyms[iso3]
        state = self.state(iso3)
        return state.name if state else None

    def holder(self, country: str, role: str, on: date | datetime | None = None) -> Actor | None:
        """Who held `role` for `country` (ISO3) or an organisation (name or alias) on `on`.

        Args:
            country: "RUS", or an organisation such as "NATO" or "United Nations".
            role: a people role ("foreign_minister", "head_of_state", "secretary_general").
            on: the date; None gives the holder only when a single person ever held it.
        Returns:
            the holder, or None when unknown or ambiguous (two claimants, a gap).
        """
        on = as_date(on)
        scope = self._scope(country)
        if scope is None:
            return None
        if scope.startswith("org:"):
            role = self._org_role(scope, role)
        entries = self._holders.get((scope, role), [])
        if not entries and scope.startswith("org:") and role not in ORG_HEAD_ROLES:
            # Offices with their own body: "UN human rights chief" is held under the UN Human
            # Rights Office. Only the organisation's own bodies: an EU spokesperson is never
            # the one spokesperson some armed group has in the files.
            entries = sorted(
                (
                    e
                    for (s, r), es in self._holders.items()
                    if r == role and s.startswith("org:") and self._body_of(s[4:], scope[4:])
                    for e in es
                ),
                key=lambda e: e.start or date.min,
            )
        return _pick_holder(entries, on)

    def _body_of(self, body: str, organisation: str) -> bool:
        """Whether `body` is `organisation`'s own: one of its names is inside one of the body's
        ("UN Human Rights Office", "Office of the United Nations High Commissioner ...")."""
        names, own_names = self._org_names.get(organisation, []), self._org_names.get(body, [])
        return body != organisation and any(f" {name} " in f" {own} " for name in names for own in own_names)

    def title_role(self, title: str, country: str | None = None) -> str | None:
        """The role a title names: "Foreign Minister" -> foreign_minister; "Secretary of State"
        with USA -> foreign_minister; honorifics ("Mr") -> None."""
        found = self._title(title, country)
        if found is None and country is None:
            # No country given: the first role listed for the title ("Chancellor" -> head of government).
            return next((row.role for row in self._titles.get(fold(title), []) if row.role), None)
        return found.role if found else None

    def sector_of(self, word: str) -> str | None:
        """The sector of a sector word or phrase: "rebels" -> REB, "riot police" -> POL; a
        singular the files list only in the plural counts too ("a businessman", "an extremist")."""
        key = fold(drop_article(word.strip()))
        found = self._sectors.get(key)
        if found is None and key:
            for plural in _plurals(key):
                found = self._sectors.get(plural)
                if found is not None:
                    break
        return found

    def country_of_adjective(self, word: str) -> str | None:
        """The ISO3 code of a demonym, country name or capital: "Chinese" -> CHN, "U.S." -> USA.
        Other places are not countries here: "Herat" gives None (see `place_country`)."""
        text, _ = strip_possessive(drop_article(word.strip()))
        return self._country_code(text)

    def place_country(self, name: str) -> str | None:
        """The ISO3 code of the state a place is in: a state's name or capital, or a city or
        region of the places files ("Herat" -> AFG). None for unknown or ambiguous names."""
        text, _ = strip_possessive(drop_article(" ".join(name.split())))
        codes = {code for code, rule in self._place_index.get(fold(text), ()) if case_ok(rule, text)}
        return codes.pop() if len(codes) == 1 else None

    def _candidates(self, text: str) -> list[int]:
        seen: list[int] = []
        for entity, rule in self._index.get(fold(text), ()):
            if entity not in seen and case_ok(rule, text):
                seen.append(entity)
        return seen

    def _country_code(self, text: str) -> str | None:
        codes = {code for code, rule in self._country_index.get(fold(text), ()) if case_ok(rule, text)}
        return codes.pop() if len(codes) == 1 else None

    def _org_at(self, text: str) -> int | None:
        found = {e for e, rule in self._org_index.get(fold(text), ()) if case_ok(rule, text)}
        return found.pop() if len(found) == 1 else None

    def _title(self, title: str, country: str | None) -> TitleRow | None:
        rows = self._titles.get(fold(title))
        if not rows:
            return None
        if country:
            for row in rows:
                if country in row.countries:
                    return row
        general = [row for row in rows if not row.countries]
        if general:
            return general[0]
        if country is None and len({row.role for row in rows}) == 1:
            return rows[0]
        return None

    def _scope(self, country_or_org: str) -> str | None:
        if country_or_org in self._states:
            return country_or_org
        entity = self._org_at(country_or_org)
        if entity is None or self._entities[entity].kind not in ("igo", "group"):
            return None
        return "org:" + self._entities[entity].entries[0].actor.name

    def _org_role(self, scope: str, role: str) -> str:
        if role not in ORG_HEAD_ROLES:
            return role
        return "group_leader" if self._org_kinds.get(scope[4:]) == "group" else "secretary_general"


def _plurals(word: str) -> tuple[str, ...]:
    """Regular English plurals of a (folded) singular: the last word is inflected."""
    if word.endswith("man"):
        return (word[:-3] + "men",)
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        return (word[:-1] + "ies",)
    if word.endswith(("s", "x", "ch", "sh")):
        return (word + "es",)
    return (word + "s",)


def _pick_holder(entries: list[Entry], on: date | None) -> Actor | None:
    if not entries:
        return None
    if on is None:
        people = {e.actor.name for e in entries}
        return entries[-1].actor if len(people) == 1 else None
    covering = [e for e in entries if e.covers(on)]
    # On a handover day the outgoing holder's last day and the new one's first day meet.
    continuing = [e for e in covering if e.end is None or e.end > on]
    covering = continuing or covering
    if len({e.actor.name for e in covering}) != 1:
        return None
    return max(covering, key=lambda e: e.start or date.min).actor
