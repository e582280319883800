"""Consolidated events as rows of GDELT 2.0's Event table, so scripts written for GDELT read them.

Same 61 columns in the same order, tab-separated without a header, as GDELT publishes them.
NumMentions, NumSources and NumArticles come from the reports behind each event (reports,
outlets, articles); QuadClass and GoldsteinScale from its CAMEO code. What eventwire does not
measure is left empty: tone (AvgTone 0), ethnic and religious codes, coordinates.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

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


def gdelt_row(event: dict[str, Any], first_url: str | None, first_published: date | None,
              last_published: date | None) -> list[Any]:
    """One consolidated event (as `queries.consolidated_events` gives it) as a GDELT row.

    Args:
        first_url: the URL (or source path) of the earliest report: GDELT's SOURCEURL.
        first_published, last_published: publication dates of its reports; the first stands for
            the event date when the text gives none, the last is DATEADDED.
    """
    day = event["date"] or first_published
    cameo = event["cameo"]
    fraction = round(day.year + (day.timetuple().tm_yday / 365.0), 4) if day else ""
    geo_empty = [""] * len(GEO_FIELDS)
    action_geo = ["", event["location"] or "", "", "", "", "", "", ""] if event["location"] else geo_empty
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
        *geo_empty,
        *geo_empty,
        *action_geo,
        added.strftime("%Y%m%d000000") if added else "",
        first_url or "",
    ]
