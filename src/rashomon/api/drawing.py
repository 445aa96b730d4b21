"""Drawings for the web UI, as numbers for SVG: the map of a story's places (outlines
from the shipped ``static/world.json``, no tile server) and the events timeline. The
templates turn them into ``<path d>``, ``<circle cx cy>`` and ``<rect>``; styling is by
class, as the CSP allows no inline style.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from importlib import resources

from ..records import Geocoded

MAP_WIDTH = 720
MAP_PAD = 3.0  # degrees of margin around the places, at least
TIMELINE_WIDTH, TIMELINE_HEIGHT, TIMELINE_AXIS = 720, 140, 22


# -- the map -----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class Outline:
    """One ring of a country's outline, with its box (west, south, east, north)."""

    name: str
    box: tuple[float, float, float, float]
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Spot:
    """One place of a story on its map: where, how precisely, how often, by whom."""

    name: str
    country: str
    precision: str
    lat: float
    lon: float
    mentions: int
    outlets: tuple[str, ...]
    x: float = 0.0
    y: float = 0.0
    r: float = 0.0


@dataclass(frozen=True, kw_only=True, slots=True)
class Label:
    x: float
    y: float
    text: str
    left: bool  # set to the left of its spot (text-anchor end)


@dataclass(frozen=True, kw_only=True, slots=True)
class WorldMap:
    caption: str
    degrees: float  # how wide the frame is, in longitude
    width: int
    height: int
    countries: tuple[tuple[str, str], ...]  # (name, path d)
    graticule: str  # path d
    spots: tuple[Spot, ...]
    labels: tuple[Label, ...]


@cache
def world() -> tuple[Outline, ...]:
    """The shipped country outlines (``static/world.json``, see ``static/README.md``)."""
    path = resources.files("rashomon").joinpath("api", "static", "world.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for country in data["countries"]:
        for ring in country["rings"]:
            lons, lats = [p[0] for p in ring], [p[1] for p in ring]
            out.append(
                Outline(
                    name=country["name"],
                    box=(min(lons), min(lats), max(lons), max(lats)),
                    points=tuple((p[0], p[1]) for p in ring),
                )
            )
    return tuple(out)


def spots(places: Iterable[tuple[str, Geocoded]]) -> list[Spot]:
    """(outlet, geocoded mention) pairs as one spot per gazetteer place."""
    grouped: dict[tuple[str, float, float], list[tuple[str, Geocoded]]] = defaultdict(list)
    for outlet, g in places:
        grouped[(g.place.name, g.place.lat, g.place.lon)].append((outlet, g))
    out = []
    for (name, lat, lon), found in grouped.items():
        place = found[0][1].place
        out.append(
            Spot(
                name=name,
                country=place.country_name,
                precision=place.precision,
                lat=lat,
                lon=lon,
                mentions=len(found),
                outlets=tuple(sorted({o for o, _ in found})),
            )
        )
    return sorted(out, key=lambda s: (-s.mentions, s.name))


def _fit(low: float, high: float, floor: float, ceiling: float) -> tuple[float, float]:
    span = high - low
    if span >= ceiling - floor:
        return floor, ceiling
    if low < floor:
        return floor, floor + span
    if high > ceiling:
        return ceiling - span, ceiling
    return low, high


def world_map(places: Sequence[Spot], caption: str) -> WorldMap | None:
    """The places on an equirectangular map framed around them (2:1, at least
    ``MAP_PAD`` degrees of margin), with the country outlines that fall in the frame."""
    if not places:
        return None
    west, east = min(p.lon for p in places), max(p.lon for p in places)
    south, north = min(p.lat for p in places), max(p.lat for p in places)
    pad = max(MAP_PAD, 0.25 * max(east - west, north - south))
    west, east, south, north = west - pad, east + pad, south - pad, north + pad
    if east - west < 2 * (north - south):
        grow = (2 * (north - south) - (east - west)) / 2
        west, east = west - grow, east + grow
    else:
        grow = ((east - west) / 2 - (north - south)) / 2
        south, north = south - grow, north + grow
    west, east = _fit(west, east, -180.0, 180.0)
    south, north = _fit(south, north, -90.0, 90.0)
    scale = MAP_WIDTH / (east - west)
    height = round((north - south) * scale)

    def point(lon: float, lat: float) -> str:
        return f"{(lon - west) * scale:.1f} {(north - lat) * scale:.1f}"

    paths: dict[str, list[str]] = defaultdict(list)
    for ring in world():
        w, s, e, n = ring.box
        if e >= west and w <= east and n >= south and s <= north:
            paths[ring.name].append("M" + "L".join(point(x, y) for x, y in ring.points) + "Z")
    countries = [(name, "".join(d)) for name, d in paths.items()]
    step = next(s for s in (1, 2, 5, 10, 30) if (east - west) / s <= 16)
    lines = [
        f"M{point(lon, north)}L{point(lon, south)}"
        for lon in range(math.ceil(west / step) * step, math.floor(east) + 1, step)
    ] + [
        f"M{point(west, lat)}L{point(east, lat)}"
        for lat in range(math.ceil(south / step) * step, math.floor(north) + 1, step)
    ]
    placed = tuple(
        replace(
            p,
            x=round((p.lon - west) * scale, 1),
            y=round((north - p.lat) * scale, 1),
            r=round(min(12.0, 3.0 + 1.5 * math.sqrt(p.mentions)), 1),
        )
        for p in places
    )
    return WorldMap(
        caption=caption,
        degrees=east - west,
        width=MAP_WIDTH,
        height=height,
        countries=tuple(countries),
        graticule="".join(lines),
        spots=placed,
        labels=labels(placed),
    )


def labels(placed: Sequence[Spot]) -> tuple[Label, ...]:
    """Names beside the spots, most mentioned first, right of the spot or else left of
    it; a name that would cover one already set, or run off the map, is left to the
    spot's tooltip."""
    boxes: list[tuple[float, float, float, float]] = []
    out = []
    for spot in placed:
        wide = 6.5 * len(spot.name)
        for left in (False, True):
            x = spot.x - spot.r - 3 if left else spot.x + spot.r + 3
            box = (x - wide if left else x, spot.y - 8, x if left else x + wide, spot.y + 5)
            inside = box[0] >= 0 and box[2] <= MAP_WIDTH
            if inside and all(
                box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in boxes
            ):
                boxes.append(box)
                out.append(Label(x=round(x, 1), y=round(spot.y + 4, 1), text=spot.name, left=left))
                break
    return tuple(out)


def story_maps(places: Sequence[Spot]) -> list[WorldMap]:
    """The map of all the places, and when it is wide (a far capital named in passing), a
    close-up of the places around the most mentioned one."""
    whole = world_map(places, "All the places named")
    if whole is None:
        return []
    top = places[0]
    near = [p for p in places if abs(p.lon - top.lon) <= 8 and abs(p.lat - top.lat) <= 8]
    if whole.degrees > 40 and 1 < len(near) < len(places):
        close = world_map(near, f"Around {top.name}")
        if close is not None:
            return [close, whole]
    return [whole]


# -- the timeline ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Timeline:
    width: int
    height: int
    axis: int
    unit: str
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]
    peak: int
    undated: int


def timeline(days: Sequence[date | None]) -> Timeline | None:
    """Events per day as bars; per month past three months of span, per year past six
    years."""
    known = [d for d in days if d is not None]
    if not known:
        return None
    first, last = min(known), max(known)
    span = (last - first).days
    unit = "day" if span <= 92 else "month" if span <= 6 * 366 else "year"

    def floor(d: date) -> date:
        return d if unit == "day" else d.replace(day=1) if unit == "month" else date(d.year, 1, 1)

    def name(d: date) -> str:
        return (
            d.isoformat()
            if unit == "day"
            else d.strftime("%Y-%m")
            if unit == "month"
            else str(d.year)
        )

    counts = Counter(floor(d) for d in known)
    bins = [floor(first)]
    while bins[-1] < floor(last):
        bins.append(floor(bins[-1] + timedelta(days={"day": 1, "month": 32, "year": 366}[unit])))
    peak = max(counts.values())
    plot = TIMELINE_HEIGHT - TIMELINE_AXIS
    width = TIMELINE_WIDTH / len(bins)
    bars = []
    for n, day in enumerate(bins):
        count = counts.get(day, 0)
        if count:
            tall = plot * count / peak
            bars.append(
                Bar(
                    x=round(n * width + width * 0.1, 1),
                    y=round(plot - tall, 1),
                    width=round(max(width * 0.8, 1.0), 1),
                    height=round(tall, 1),
                    label=f"{name(day)}: {count} event{'s' if count != 1 else ''}",
                )
            )
    every = max(1, math.ceil(len(bins) / 8))
    ticks = tuple(
        (round(n * width + width / 2, 1), name(day)) for n, day in enumerate(bins) if n % every == 0
    )
    return Timeline(
        width=TIMELINE_WIDTH,
        height=TIMELINE_HEIGHT,
        axis=TIMELINE_AXIS,
        unit=unit,
        bars=tuple(bars),
        ticks=ticks,
        peak=peak,
        undated=len(days) - len(known),
    )
