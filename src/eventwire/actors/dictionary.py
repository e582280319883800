"""The actor dictionary: names, titles and sector words -> canonical `Actor`s, by date.

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

Users add files of the same formats with `ActorDictionary.load(extra_paths)`; a bad row stops
the load with a `ValueError` naming file:line and the problem.

Resolution order in `lookup`:
 1. the text as a whole (after dropping "the" and a possessive) against every name and alias;
 2. otherwise the text is read as prefixes + remainder: modifiers ("former"), a country
    ("Russian", "China's"), an organisation ("NATO", "Hamas"), a title ("Foreign Minister"),
    honorifics ("Mr"); the remainder is a name, a surname (after a title) or a sector word;
 3. with no remainder, a title with a country or organisation is resolved by date with
    `holder`; when the holder is unknown the state or organisation itself is returned.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventwire.actors import _names
from eventwire.actors._cache import CACHE
from eventwire.actors._names import CaseRule, case_ok, case_rule, drop_article, fold, strip_possessive
from eventwire.actors._tables import Row, Table, cell_date, read_table, user_files
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

MAX_PREFIX_WORDS = 7
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ROLE = re.compile(r"^[a-z][a-z_]*$")
_DATA = "data/actors"


LOOKUP_CACHE_SIZE = 200_000
"""Distinct (mention, date) look-ups remembered; about 100 bytes each."""


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


@lru_cache(maxsize=1)
def _package_files() -> tuple[tuple[str, bytes], ...]:
    """The package's data files, (name, bytes) in name order."""
    folder = resources.files("eventwire").joinpath(_DATA)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".tsv")), key=lambda f: f.name)
    return tuple((f.name, f.read_bytes()) for f in files)


def _tables(files: Iterable[tuple[str, bytes]]) -> tuple[Table, ...]:
    return tuple(read_table(Path(name), data.decode("utf-8")) for name, data in files)


def _package_tables() -> tuple[Table, ...]:
    return _tables(_package_files())


@lru_cache(maxsize=1)
def _default_dictionary() -> ActorDictionary:
    return _compiled(_package_files())


def _compiled(files: tuple[tuple[str, bytes], ...]) -> ActorDictionary:
    """The dictionary of these files: from the compiled cache when it has them, else built (and
    stored there for the next start)."""
    return CACHE.load(files, ActorDictionary, lambda: ActorDictionary(_tables(files)))


def _as_date(on: date | datetime | None) -> date | None:
    return on.date() if isinstance(on, datetime) else on


@dataclass(slots=True)
class _Entity:
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
class _Title:
    role: str | None
    countries: frozenset[str]
    sector: str | None


@dataclass(slots=True)
class _Context:
    """What the prefixes of a mention said before the name."""

    country: str | None = None
    org: int | None = None
    institution: int | None = None
    title: str | None = None
    honorific: bool = False
    honorific_sector: str | None = None
    not_current: bool = False
    subordinate: bool = False


class ActorDictionary:
    """Names, titles and sector words resolved to canonical actors, valid by date."""

    def __init__(self, tables: Iterable[Table]) -> None:
        self._entities: list[_Entity] = []
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
        self._titles: dict[str, list[_Title]] = defaultdict(list)
        self._sectors: dict[str, str] = {}
        self._surfaces: dict[str, str] = {}
        self._states: dict[str, int] = {}
        self._org_kinds: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}
        # Look-ups repeat a great deal (every mention of "Russia", every title): memoised per
        # dictionary, keyed by text and date.
        self._lookup_cached = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._lookup)
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

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        del state["_lookup_cached"]  # a bound lru_cache: rebuilt empty on load
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._lookup_cached = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._lookup)

    # ----------------------------------------------------------------- loading

    @classmethod
    def load(cls, extra_paths: Iterable[Path | str] = ()) -> ActorDictionary:
        """The package dictionary plus the user's files (or folders of `*.tsv`).

        Raises:
            ValueError: "file:line: problem" for the first bad row.
        """
        files = user_files(extra_paths)
        if not files:
            return _default_dictionary()
        # User files keep their full path: it is what a bad row's message names.
        return _compiled(_package_files() + tuple((str(f), f.read_bytes()) for f in files))

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
            self._entities.append(_Entity(kind, []))
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
        self._titles[fold(row.cells["title"])].append(_Title(role, countries, sector))
        self._surfaces.setdefault(row.cells["title"], "title")

    # ----------------------------------------------------------------- public API

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

    def entries(self, name: str) -> tuple[Entry, ...]:
        """All rows of the actor with this canonical name or alias (a person's terms)."""
        found = self._candidates(name)
        return tuple(self._entities[found[0]].entries) if len(found) == 1 else ()

    def lookup(self, text: str, on: date | datetime | None = None) -> Actor | None:
        """The actor a mention names, as of `on` (the article's date).

        Args:
            text: a mention: "Sergey Lavrov", "the Kremlin", "Chinese", "Foreign Minister
                Sergei Lavrov", "the Russian Foreign Minister", "Syrian rebels", "U.N.".
            on: the date the mention refers to. With None a person is given by their latest
                role, and a bare title resolves only when one person ever held the office.
        Returns:
            the actor, or None when unknown or ambiguous. A person outside their terms is
            still that person; bare sector words ("rebels") give None (see `sector_of`).
        """
        return self._lookup_cached(text, _as_date(on))

    def _lookup(self, text: str, on: date | None) -> Actor | None:
        text = " ".join(text.strip().strip(',;:"“”()').split())
        text, _ = strip_possessive(drop_article(text))
        if not text:
            return None
        direct = self._resolve(text, on)
        if direct is not None:
            return direct
        return self._resolve_phrase(text, on)

    def lookup_surname(
        self, surname: str, on: date | datetime | None = None, *, with_first_name: bool = False
    ) -> list[Actor]:
        """People called `surname` ("Lavrov", "Xi", "al-Assad"), in office at `on` first.

        Args:
            with_first_name: the caller also has the first name to check ("Carlos Menem"):
                people known only from generic rows (who answer to a bare surname only after a
                title) count too.
        Returns:
            distinct actors, best first: in office at `on`, then nearest in time.
        """
        on = _as_date(on)
        key = fold(strip_possessive(surname.strip())[0])
        ids = set(self._surnames.get(key, set()))
        if with_first_name:
            ids |= self._titled_surnames.get(key, set())
        ranked = sorted(
            ids, key=lambda i: (not self._entities[i].in_office(on), self._entities[i].distance(on), i)
        )
        return [self._entities[i].at(on).actor for i in ranked]

    def holder(self, country: str, role: str, on: date | datetime | None = None) -> Actor | None:
        """Who held `role` for `country` (ISO3) or an organisation (name or alias) on `on`.

        Args:
            country: "RUS", or an organisation such as "NATO" or "United Nations".
            role: a people role ("foreign_minister", "head_of_state", "secretary_general").
            on: the date; None gives the holder only when a single person ever held it.
        Returns:
            the holder, or None when unknown or ambiguous (two claimants, a gap).
        """
        on = _as_date(on)
        scope = self._scope(country)
        if scope is None:
            return None
        if scope.startswith("org:"):
            role = self._org_role(scope, role)
        entries = self._holders.get((scope, role), [])
        if not entries and scope.startswith("org:") and role not in ORG_HEAD_ROLES:
            # Offices with their own body: "UN human rights chief" is held under OHCHR.
            entries = sorted(
                (e for (s, r), es in self._holders.items() if r == role and s.startswith("org:") for e in es),
                key=lambda e: e.start or date.min,
            )
        return _pick_holder(entries, on)

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

    # ----------------------------------------------------------------- internals

    def _candidates(self, text: str) -> list[int]:
        seen: list[int] = []
        for entity, rule in self._index.get(fold(text), ()):
            if entity not in seen and case_ok(rule, text):
                seen.append(entity)
        return seen

    def _resolve(
        self, text: str, on: date | None, country: str | None = None, role: str | None = None
    ) -> Actor | None:
        found = self._candidates(text)
        if country:
            found = [i for i in found if country in self._entities[i].countries()]
        if len(found) > 1 and role:
            holding = [
                i
                for i in found
                if any(e.role == role and (on is None or e.covers(on)) for e in self._entities[i].entries)
            ]
            found = holding or found
        if len(found) > 1:
            found = [i for i in found if self._entities[i].in_office(on)] or found
        if len(found) != 1:
            return None
        return self._entities[found[0]].at(on).actor

    def _country_code(self, text: str) -> str | None:
        codes = {code for code, rule in self._country_index.get(fold(text), ()) if case_ok(rule, text)}
        return codes.pop() if len(codes) == 1 else None

    def _org_at(self, text: str) -> int | None:
        found = {e for e, rule in self._org_index.get(fold(text), ()) if case_ok(rule, text)}
        return found.pop() if len(found) == 1 else None

    def _title(self, title: str, country: str | None) -> _Title | None:
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

    def _resolve_phrase(self, text: str, on: date | None) -> Actor | None:
        tokens = _of_country_first(_tokens(text), self._is_place)
        ctx = _Context()
        i = 0
        while i < len(tokens):
            step = self._prefix(tokens, i, ctx)
            if step is None:
                break
            i = step
        if i == 0:
            return None
        rows = self._titles.get(fold(ctx.title), []) if ctx.title else []
        title = self._title(ctx.title, ctx.country) if ctx.title else None
        title_countries = frozenset(c for row in rows for c in row.countries)
        country = ctx.country
        alone = country is None and ctx.org is None and ctx.institution is None
        if alone and len(title_countries) == 1 and all(row.countries for row in rows):
            # A title used by one country only names that country: "the Secretary of State".
            country = next(iter(title_countries))
        role = title.role if title else None
        remainder = " ".join(tokens[i:])
        if remainder:
            return self._resolve_remainder(remainder, on, ctx, country, role, title_countries)
        if ctx.not_current:
            return None
        if role and not ctx.subordinate:
            scope = self._entities[ctx.org].entries[0].actor.name if ctx.org is not None else country
            found = self.holder(scope, role, on) if scope else None
            if found is not None:
                return found
        if ctx.org is not None:
            return self._entities[ctx.org].at(on).actor
        if ctx.institution is not None:
            return self._entities[ctx.institution].at(on).actor
        if country and (title or ctx.honorific):
            sector = (title.sector if title else ctx.honorific_sector) or "GOV"
            return self._sector_actor(country, sector)
        return None

    def _resolve_remainder(
        self,
        remainder: str,
        on: date | None,
        ctx: _Context,
        country: str | None,
        role: str | None,
        title_countries: frozenset[str],
    ) -> Actor | None:
        found = self._resolve(remainder, on, country, role)
        if found is not None:
            return found
        if ctx.title or ctx.honorific:
            return self._by_surname(remainder, on, country, ctx.title, title_countries)
        sector = self.sector_of(remainder)
        if sector is None:
            return None
        if ctx.org is not None:
            return self._entities[ctx.org].at(on).actor
        if ctx.institution is not None:
            return self._entities[ctx.institution].at(on).actor
        return self._sector_actor(country, sector) if country else None

    def _by_surname(
        self,
        surname: str,
        on: date | None,
        country: str | None,
        title: str | None,
        title_countries: frozenset[str],
    ) -> Actor | None:
        """The one person a title plus a surname names ("President Xi", "Chairman Kim")."""
        ids = set(self._surnames.get(fold(surname), ())) or set(self._titled_surnames.get(fold(surname), ()))
        if country:
            ids = {i for i in ids if country in self._entities[i].countries()}
        elif title_countries:
            # A title used in a few countries narrows the surname to them.
            ids = {i for i in ids if self._entities[i].countries() & title_countries} or ids
            countries = {c for i in ids for c in self._entities[i].countries()} & title_countries
            country = next(iter(countries)) if len(countries) == 1 else None
        role = self.title_role(title, country) if title else None
        if len(ids) > 1 and role:
            ids = {i for i in ids if any(e.role == role for e in self._entities[i].entries)} or ids
        if len(ids) > 1:
            ids = {i for i in ids if self._entities[i].in_office(on)} or ids
        return self._entities[ids.pop()].at(on).actor if len(ids) == 1 else None

    def _is_place(self, text: str) -> bool:
        return self._country_code(text) is not None or self._org_at(text) is not None

    def _sector_actor(self, country: str, sector: str) -> Actor | None:
        state = self.state(country)
        if state is None or sector == "GOV":
            return state
        return Actor(name=state.name, country=country, sector=sector, kind="sector")

    def _prefix(self, tokens: list[str], i: int, ctx: _Context) -> int | None:
        """Consume the longest known prefix at `tokens[i]`, note it in `ctx`, return the next index."""
        word = tokens[i].lower()
        for j in range(min(len(tokens), i + MAX_PREFIX_WORDS), i, -1):
            if j == i + 1:
                # Single modifier words, tried after every longer phrase ("vice president").
                if word in _names.NOT_CURRENT:
                    ctx.not_current = True
                    return j
                if word in _names.SUBORDINATE:
                    ctx.subordinate = True
                    return j
                if word in _names.NEUTRAL_MODIFIERS:
                    return j
            span, possessive = strip_possessive(" ".join(tokens[i:j]))
            key = fold(span)
            titles = self._titles.get(key)
            if titles and not possessive:
                if titles[0].role is None and all(t.role is None for t in titles):
                    ctx.honorific = True
                    ctx.honorific_sector = ctx.honorific_sector or titles[0].sector
                else:
                    ctx.title = span
                return j
            code = self._country_code(span)
            if code and ctx.country is None:
                ctx.country = code
                return j
            org = self._org_at(span)
            if org is not None:
                entity = self._entities[org]
                if entity.kind == "institution":
                    ctx.institution = org
                    ctx.country = ctx.country or entity.entries[0].actor.country
                else:
                    ctx.org = org
                return j
        return None


def _plurals(word: str) -> tuple[str, ...]:
    """Regular English plurals of a (folded) singular: the last word is inflected."""
    if word.endswith("man"):
        return (word[:-3] + "men",)
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        return (word[:-1] + "ies",)
    if word.endswith(("s", "x", "ch", "sh")):
        return (word + "es",)
    return (word + "s",)


def _tokens(text: str) -> list[str]:
    """Words of a mention, with "ex-" and "-elect" split off so they read as modifiers."""
    out: list[str] = []
    for raw in text.split():
        word = raw.strip(",;:")
        lowered = word.lower()
        if lowered.startswith("ex-") and len(word) > 3:
            out += ["ex", word[3:]]
        elif lowered.endswith(("-elect", "-designate")):
            head, _, tail = word.rpartition("-")
            out += [head, tail]
        elif word:
            out.append(word)
    return out


def _of_country_first(tokens: list[str], is_place: Callable[[str], bool]) -> list[str]:
    """ "the Emir of Qatar" -> "Qatar Emir": a country or organisation after a final "of" is
    moved to the front, where the prefix reader expects it."""
    lowered = [t.lower() for t in tokens]
    if "of" not in lowered:
        return tokens
    at = len(lowered) - 1 - lowered[::-1].index("of")
    tail = tokens[at + 1 :]
    if tail and tail[0].lower() == "the":
        tail = tail[1:]
    if at == 0 or not tail or not is_place(" ".join(tail)):
        return tokens
    return [*tail, *tokens[:at]]


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
