"""How well events are geocoded, over the gold events the scorer matches.

The gold files name a place but give no country or coordinates; a labels file of our own
(`tests/data/geo/dev_places.tsv`) says, for each gold place, its country and, when it is a city
or a venue, the city's (or venue's) coordinates. Events are paired with the project scorer's own
`match` (loaded from `score.py`, never reimplemented), then for every matched event with a gold
place:

- country: the geocoded country is one of the label's countries;
- city (only where the label has coordinates): the geocoded feature is a city or venue within
  `CITY_RADIUS_KM` of them (a venue counts for its city, and the city for a venue in it).
"""

from __future__ import annotations

import importlib.util
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

CITY_RADIUS_KM = 30.0
"""A city centre and a venue in that city are within this distance; two distinct cities rarely are."""
EARTH_RADIUS_KM = 6371.0
POINT_FEATURES = frozenset({"city", "venue"})


@dataclass(frozen=True, slots=True)
class Label:
    countries: frozenset[str]
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class PlaceScores:
    """Counts over matched events whose gold event names a place."""

    events: int = 0
    country_right: int = 0
    with_city: int = 0
    """Those whose gold place is a city or a venue."""
    city_right: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    """One line per event scored wrong on country or city, to read."""

    @property
    def country_accuracy(self) -> float:
        return self.country_right / self.events if self.events else 0.0

    @property
    def city_accuracy(self) -> float:
        return self.city_right / self.with_city if self.with_city else 0.0


def gold_key(location: str | list[str]) -> str:
    return "|".join(location) if isinstance(location, list) else location


def load_labels(path: Path) -> dict[str, Label]:
    labels = {}
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    for line in lines[1:]:
        gold, countries, lat, lon = line.split("\t")
        labels[gold] = Label(
            frozenset(countries.split("|")), float(lat) if lat else None, float(lon) if lon else None
        )
    return labels


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("eventwire_gold_scorer", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"scorer not found: {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def score_places(gold_dir: Path, predictions: Path, labels: dict[str, Label], scorer: Path) -> PlaceScores:
    """Geocoding accuracy of exported predictions (JSON Lines with `place`) on a gold folder.

    Raises:
        KeyError: a gold place the labels do not cover (the labels must be extended).
    """
    score = load_scorer(scorer)
    gold = score.load_gold(str(gold_dir))
    predicted = score.load_predictions(str(predictions))
    result = PlaceScores()
    for doc_id, doc in gold.items():
        events, _quotes = score.split_quotes(predicted.get(doc_id, []))
        for g, p in score.match(doc.get("events", []), events):
            if not g.get("location"):
                continue
            label = labels[gold_key(g["location"])]
            place = p.get("place") or {}
            result.events += 1
            country_ok = place.get("country") in label.countries
            result.country_right += country_ok
            city_ok = True
            if label.lat is not None and label.lon is not None:
                result.with_city += 1
                city_ok = (
                    place.get("feature") in POINT_FEATURES
                    and place.get("lat") is not None
                    and distance_km(place["lat"], place["lon"], label.lat, label.lon) <= CITY_RADIUS_KM
                )
                result.city_right += city_ok
            if not (country_ok and city_ok):
                result.misses.append(
                    {
                        "doc_id": doc_id,
                        "type": g["type"],
                        "gold": g["location"],
                        "location": p.get("location"),
                        "place": place,
                    }
                )
    return result


def summary(scores: PlaceScores) -> str:
    lines = [
        f"places of matched events: country {scores.country_accuracy:.3f} "
        f"({scores.country_right}/{scores.events}), city or venue's city {scores.city_accuracy:.3f} "
        f"({scores.city_right}/{scores.with_city})"
    ]
    for miss in scores.misses:
        place = miss["place"]
        lines.append(
            f"  {miss['doc_id']} {miss['type']}: gold {json.dumps(miss['gold'])}, "
            f"text {miss['location']!r} -> {place.get('name')} ({place.get('feature')}, "
            f"{place.get('country')}): {place.get('reason')}"
        )
    return "\n".join(lines)
