"""Place names to gazetteer features, with the event's and the article's countries as context.

For one article (`Geocoder.place_events`):

1. the wire dateline's place ("BOGOTA, Feb 25 (Wire) -") is resolved: its country is context;
2. each event's place name is resolved. A name several features share ("Tripoli": Libya,
   Lebanon, Greece) goes to the one whose country the event involves, else the dateline's,
   else one the article's actors belong to, else the most populous; a country's own name
   beats a city named after it ("Mexico"), a venue or region of ours beats both;
3. a name the gazetteer lacks is tried without direction words ("northeast Syria" -> Syria)
   and, for a division named after its city ("Chernihiv region"), as that city;
4. an event whose place is unknown, or that names none, is put in the country of the action:
   for fighting, deployments and withdrawals the target's (else the source's), otherwise the
   dateline's, else the country of the article's other places that the event involves, else
   the target's or source's.
   Its place says so (`feature` "country", and the reason).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from eventwire.coder.places import FIELD_TYPES
from eventwire.geo.gazetteer import Feature, Gazetteer
from eventwire.geo.names import DIVISION_WORDS, name_key, trimmed
from eventwire.records import Event, Place

# Scores of a candidate feature: context first, then what kind of feature it is and its size.
EVENT_COUNTRY = 4.0
"""The feature is in a country the event involves (source or target)."""
DATELINE_COUNTRY = 2.0
ARTICLE_COUNTRY = 1.0
"""Scaled by the share of the article's actors from the feature's country."""
KIND_PRIOR = {"venue": 6.0, "region": 5.5, "country": 5.0, "state": 2.5}
"""A city's prior is half the log10 of its population (Moscow 3.5, a town of 20,000 2.2)."""
COUNTRY_ALIAS_PRIOR = 2.5
"""A country named by an alias ("Gaza" for Palestine) yields to a city of that name (Gaza)."""
OWN_NAME = 0.5
"""The name is the city's own, not one of its alternate names."""
MIN_POPULATION = 1000


@dataclass(slots=True)
class Context:
    """The countries (ISO alpha-2) that make one reading of a name likelier than another."""

    event: frozenset[str] = frozenset()
    dateline: str | None = None
    article: Mapping[str, int] = field(default_factory=dict)
    """Mentions of each country by the article's event actors."""


class Geocoder:
    """Resolves event places; built once per worker (the gazetteer is loaded on first use)."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.load()

    # -- one name -------------------------------------------------------------------------

    def resolve(self, text: str, context: Context | None = None) -> Place | None:
        """The feature a place name stands for, or None when the gazetteer has no reading of it."""
        context = context or Context()
        key = name_key(text)
        found = self._best(key, context)
        if found is not None:
            return self._place(found, self._why(text, found, key, context))
        inner = trimmed(key)
        if inner is None:
            return None
        inner_key, words = inner
        found = self._best(inner_key, context)
        if found is None:
            return None
        if words in DIVISION_WORDS and found.feature == "city":
            why = f"'{text}': no such division in the gazetteer, placed at its namesake city {found.name}"
        else:
            why = f"'{text}': placed at {found.name} ({found.feature}), without the words '{words}'"
        return self._place(found, why)

    def _best(self, key: str, context: Context) -> Feature | None:
        candidates = self.gazetteer.candidates(key)
        own = [f for f in candidates if self.gazetteer.by_own_name(key, f)]
        if any(f.feature != "city" for f in own):
            # A country's, venue's or region's own name is never read as some city's alternate
            # name ("Iraq" is also an old name of Arak, in Iran).
            candidates = [f for f in candidates if f.feature != "city" or f in own]
        if not candidates:
            return None
        return max(candidates, key=lambda f: self._score(f, context, f in own))

    def _score(self, feature: Feature, context: Context, own: bool) -> float:
        if feature.feature == "country" and not own:
            score = COUNTRY_ALIAS_PRIOR
        else:
            score = KIND_PRIOR.get(feature.feature) or math.log10(max(feature.population, MIN_POPULATION)) / 2
        if own:
            score += OWN_NAME
        if feature.country in context.event:
            score += EVENT_COUNTRY
        if feature.country == context.dateline:
            score += DATELINE_COUNTRY
        total = sum(context.article.values())
        if total:
            score += ARTICLE_COUNTRY * context.article.get(feature.country, 0) / total
        return score

    def _why(self, text: str, found: Feature, key: str, context: Context) -> str:
        where = self._country_name(found.country)
        what = f"{found.feature} in {found.city}, {where}" if found.city else f"{found.feature} in {where}"
        if found.feature == "country":
            what = "country"
        others = {f.country for f in self.gazetteer.candidates(key)} - {found.country}
        if not others:
            return f"'{text}': {what}"
        if found.country in context.event:
            chosen = "the event's countries"
        elif found.country == context.dateline:
            chosen = "the dateline"
        elif context.article.get(found.country):
            chosen = "the article's countries"
        else:
            chosen = "the largest of them"
        rivals = ", ".join(sorted(self._country_name(c) for c in others))
        return f"'{text}': {what}; also a place in {rivals}, chosen by {chosen}"

    def _country_name(self, iso2: str) -> str:
        country = self.gazetteer.country(iso2)
        return country.name if country else iso2

    def _place(self, feature: Feature, reason: str) -> Place:
        country = self.gazetteer.country(feature.country)
        return Place(
            name=feature.name,
            feature=feature.feature,
            country=country.iso3 if country else None,
            geonames_id=feature.geonames_id,
            admin1=feature.admin1,
            lat=feature.lat,
            lon=feature.lon,
            reason=reason,
        )

    def country_place(self, iso3: str | None, reason: str) -> Place | None:
        """A country as a place (the fallback for an unknown place), or None for no country."""
        country = self.gazetteer.country(iso3)
        if country is None:
            return None
        return self._place(self.gazetteer.country_features[country.iso2], reason)

    # -- one article ----------------------------------------------------------------------

    def place_events(self, events: list[Event], dateline: str | None = None) -> None:
        """Set `place` on each of one article's events (see the module's steps).

        Args:
            events: the article's events; those with a `location` are resolved, the others
                (and those whose location is unknown) get the country of the action.
            dateline: the place of the article's wire dateline, if it has one.
        """
        article = Counter(c for e in events for c in self._iso2s([e.source.country, e.target.country]))
        dateline_place = self.resolve(dateline, Context(article=article)) if dateline else None
        dateline_iso2 = self.gazetteer.iso2(dateline_place.country) if dateline_place else None
        resolved: dict[tuple[str, frozenset[str]], Place | None] = {}
        for event in events:
            if not event.location:
                continue
            countries = frozenset(self._iso2s([event.source.country, event.target.country]))
            key = (event.location, countries)
            if key not in resolved:
                resolved[key] = self.resolve(event.location, Context(countries, dateline_iso2, article))
            event.place = resolved[key]
        placed = Counter(self.gazetteer.iso2(e.place.country) for e in events if e.place and e.place.country)
        for event in events:
            if event.place is None:
                event.place = self._fallback(event, dateline, dateline_iso2, placed)

    def _iso2s(self, codes: Iterable[str | None]) -> list[str]:
        return [c for c in (self.gazetteer.iso2(code) for code in codes) if c]

    def _fallback(
        self, event: Event, dateline: str | None, dateline_iso2: str | None, placed: Counter[str | None]
    ) -> Place | None:
        missing = f"'{event.location}' is not in the gazetteer" if event.location else "no place named"
        sides = [("target", event.target.country), ("source", event.source.country)]
        options: list[tuple[str, str | None]] = []
        if event.type in FIELD_TYPES:
            options = [*((f"the {side}", self._iso3(c)) for side, c in sides)]
        if dateline_iso2:
            options.append((f"the dateline ({dateline})", self._iso3(dateline_iso2)))
        own = {self.gazetteer.iso2(c) for _, c in sides} - {None}
        nearby = [c for c, _ in placed.most_common() if c in own]
        if nearby:
            options.append(("the article's other places", self._iso3(nearby[0])))
        options += [(f"the {side}", self._iso3(c)) for side, c in sides]
        for source, iso3 in options:
            if iso3:
                return self.country_place(iso3, f"{missing}: the country of the action, from {source}")
        return None

    def _iso3(self, code: str | None) -> str | None:
        country = self.gazetteer.country(code)
        return country.iso3 if country else None
