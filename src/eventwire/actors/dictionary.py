"""The actor dictionary: mentions -> canonical `Actor`s, by date, over the actor index.

Users add files of the formats `eventwire.actors.index` lists with
`ActorDictionary.load(extra_paths)`; a bad row stops the load with a `ValueError` naming
file:line and the problem.

Resolution order in `lookup`:
 1. the text as a whole (after dropping "the" and a possessive) against every name and alias;
 2. otherwise the text is read as prefixes + remainder: modifiers ("former"), a country
    ("Russian", "China's"), an organisation ("NATO", "Hamas"), a title ("Foreign Minister"),
    honorifics ("Mr"); the remainder is a name, a surname (after a title) or a sector word;
 3. with no remainder, a title with a country or organisation is resolved by date with
    `holder`; when the holder is unknown the state or organisation itself is returned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from eventwire.actors import _names
from eventwire.actors._cache import CACHE
from eventwire.actors._names import drop_article, fold, strip_possessive
from eventwire.actors._tables import Table, read_table, user_files
from eventwire.actors.index import GENERIC_ROLES, SECTORS, ActorIndex, Entry, as_date
from eventwire.datafiles import data_files
from eventwire.records import Actor

__all__ = ["GENERIC_ROLES", "SECTORS", "ActorDictionary", "Entry"]

MAX_PREFIX_WORDS = 7

LOOKUP_CACHE_SIZE = 200_000
"""Distinct (mention, date) look-ups remembered; about 100 bytes each."""


@lru_cache(maxsize=1)
def _package_files() -> tuple[tuple[str, bytes], ...]:
    """The package's actor files, (name, bytes) in name order."""
    return data_files("actors", suffix=".tsv")


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


class ActorDictionary(ActorIndex):
    """Names, titles and sector words resolved to canonical actors, valid by date."""

    def __init__(self, tables: Iterable[Table]) -> None:
        super().__init__(tables)
        # Look-ups repeat a great deal (every mention of "Russia", every title): memoised per
        # dictionary, keyed by text and date.
        self._lookup_cached = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._lookup)

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        del state["_lookup_cached"]  # a bound lru_cache: rebuilt empty on load
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._lookup_cached = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._lookup)

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
        return self._lookup_cached(text, as_date(on))

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
        on = as_date(on)
        key = fold(strip_possessive(surname.strip())[0])
        ids = set(self._surnames.get(key, set()))
        if with_first_name:
            ids |= self._titled_surnames.get(key, set())
        ranked = sorted(
            ids, key=lambda i: (not self._entities[i].in_office(on), self._entities[i].distance(on), i)
        )
        return [self._entities[i].at(on).actor for i in ranked]

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
