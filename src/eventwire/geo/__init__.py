"""geo: event places resolved to gazetteer features with coordinates (GeoNames, offline)."""

from eventwire.geo.gazetteer import Country, Feature, Gazetteer
from eventwire.geo.resolver import Context, Geocoder

__all__ = ["Context", "Country", "Feature", "Gazetteer", "Geocoder"]
