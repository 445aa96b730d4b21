"""Write the web UI's world outline (``src/rashomon/api/static/world.json``) from Natural
Earth's 1:110m country boundaries as redistributed in TopoJSON by the npm package
``world-atlas`` (version 2; Natural Earth is public domain, the package is ISC).

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    python scripts/world_outline.py /tmp/package/countries-110m.json \\
        > src/rashomon/api/static/world.json

The output is plain lon/lat: every country with its name, ISO 3166-1 numeric id, its
bounding box and its rings (outer boundaries and holes), each ring a list of
``[lon, lat]`` pairs simplified (Douglas-Peucker, ``TOLERANCE`` degrees) and rounded to
``DECIMALS`` places. Rings are made drawable on a flat map (``unwrap``: no jump across
the antimeridian, polar rings closed along the pole). The UI projects them server-side;
no TopoJSON decoding at run time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

TOLERANCE = 0.08  # degrees: under a pixel on a 1000-pixel-wide world map
DECIMALS = 2
SOURCE = (
    "Natural Earth 1:110m Admin 0 countries (public domain), version 4.1.0, "
    "via the npm package world-atlas@2 (countries-110m.json, ISC licence)"
)

Point = tuple[float, float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """The topology's arcs as absolute lon/lat points (undoing quantization and delta
    encoding)."""
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        points: list[Point] = []
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            for dx, dy in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(px), float(py)) for px, py in arc]
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    """One ring from its arc indexes (a negative index ``~i`` is arc ``i`` reversed); each
    arc after the first starts where the last ended, so its first point is dropped."""
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points: list[Point]) -> list[list[Point]]:
    """A ring as drawable on a flat map: longitudes made continuous (no jump of 360° at
    the antimeridian); a ring around a pole (Antarctica) closed along the pole's edge;
    and a copy shifted by 360° for the part that runs past ±180°, so the flat map shows
    both sides."""
    flat = [points[0]]
    for lon, lat in points[1:]:
        previous = flat[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        flat.append((lon, lat))
    if abs(flat[-1][0] - flat[0][0]) > 180:  # it went once around: a polar ring
        pole = -90.0 if sum(lat for _, lat in flat) < 0 else 90.0
        flat += [(flat[-1][0], pole), (flat[0][0], pole), flat[0]]
    low, high = min(lon for lon, _ in flat), max(lon for lon, _ in flat)
    shift = 360 * round((low + high) / 2 / 360)  # its middle back within ±180°
    if shift:
        flat = [(lon - shift, lat) for lon, lat in flat]
        low, high = low - shift, high - shift
    rings = [flat]
    if low < -180:
        rings.append([(lon + 360, lat) for lon, lat in flat])
    if high > 180:
        rings.append([(lon - 360, lat) for lon, lat in flat])
    return rings


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker on a closed ring (first and last points kept)."""
    if len(points) < 5:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = (dx * dx + dy * dy) ** 0.5
        worst, where = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                distance = abs(dy * px - dx * py + bx * ay - by * ax) / length
            if distance > worst:
                worst, where = distance, i
        if where >= 0 and worst > tolerance:
            keep[where] = True
            stack += [(first, where), (where, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def rounded(points: list[Point]) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in points:
        pair = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not out or out[-1] != pair:
            out.append(pair)
    return out


def countries(topology: dict[str, Any]) -> list[dict[str, Any]]:
    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = []
        for polygon in polygons:
            for indexes in polygon:
                for drawn in unwrap(ring(indexes, arcs)):
                    points = rounded(simplify(drawn, TOLERANCE))
                    if len(points) >= 4:
                        rings.append(points)
        if not rings:
            continue
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        out.append(
            {
                "id": geometry.get("id"),
                "name": geometry.get("properties", {}).get("name", ""),
                "bbox": [min(lons), min(lats), max(lons), max(lats)],
                "rings": rings,
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-110m.json")
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    world = {"source": SOURCE, "countries": countries(topology)}
    json.dump(world, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
