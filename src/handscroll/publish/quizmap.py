"""A small map for a "which place" item: the choices as lettered markers over country outlines.

Drawn on the server as inline SVG, so it shows without JavaScript, on paper
(the teacher's pack) and in a static site; `checks.js` lets a click on a
marker choose that place. The outlines are world-atlas' countries (npm, the
same file the reader's map uses); without it the markers stand on a plain
ground. The projection is equirectangular, scaled by the cosine of the middle
latitude, which is true enough over the few hundred kilometres an item spans.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from handscroll.publish.vendor import node_modules

WIDTH = 400.0
"""The map's width in SVG units; its height follows from the places' spread."""

PAD_DEGREES = 2.0
"""Ground shown around the outermost places, in degrees of latitude."""

LETTERS = "ABCDEFGH"

Point = tuple[float, float]


@dataclass(frozen=True)
class Marker:
    """One choice on the map: its letter and where it sits, in SVG units."""

    letter: str
    x: float
    y: float


@dataclass(frozen=True)
class QuizMap:
    """What the template draws: the view's size, the outlines as one path, the markers."""

    width: float
    height: float
    land: str
    markers: tuple[Marker, ...]


Ring = tuple[tuple[float, float, float, float], tuple[Point, ...]]
"""A ring's box (south, west, north, east) and its (lon, lat) points."""


@cache
def _rings() -> tuple[Ring, ...]:
    """Every ring of every country, decoded once from world-atlas' TopoJSON."""
    root = node_modules()
    path = root / "world-atlas" / "countries-50m.json" if root else Path("/nonexistent")
    if not path.is_file():
        return ()
    topology = json.loads(path.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        x = y = 0
        decoded = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            decoded.append((x * sx + tx, y * sy + ty))
        arcs.append(decoded)
    rings: list[Ring] = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for ring in polygon:
                points: list[Point] = []
                for index in ring:
                    part = arcs[index] if index >= 0 else arcs[~index][::-1]
                    points.extend(part[1:] if points else part)
                lons, lats = [p[0] for p in points], [p[1] for p in points]
                rings.append(((min(lats), min(lons), max(lats), max(lons)), tuple(points)))
    return tuple(rings)


def quiz_map(points: Sequence[Point]) -> QuizMap:
    """The map of an item's choices, given as (latitude, longitude), lettered in choice order."""
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    north, south = max(lats) + PAD_DEGREES, min(lats) - PAD_DEGREES
    middle = math.cos(math.radians((north + south) / 2))
    span_lon = max(max(lons) - min(lons) + 2 * PAD_DEGREES / middle, (north - south) / middle)
    west = (max(lons) + min(lons)) / 2 - span_lon / 2
    scale = WIDTH / (span_lon * middle)
    height = max(WIDTH * 0.6, min(WIDTH * 1.2, (north - south) * scale))
    north = (north + south) / 2 + height / scale / 2

    def project(lat: float, lon: float) -> Point:
        return round((lon - west) * middle * scale, 1), round((north - lat) * scale, 1)

    view = (north - height / scale - 1, west - 1, north + 1, west + span_lon + 1)
    paths = []
    for box, ring in _rings():
        if box[0] > view[2] or box[2] < view[0] or box[1] > view[3] or box[3] < view[1]:
            continue
        drawn: list[Point] = []
        for lon, lat in ring:
            # Points off the map are pulled to its edge: the part in view fills the same,
            # and a long border far away costs a point or two instead of thousands.
            point = project(min(max(lat, view[0]), view[2]), min(max(lon, view[1]), view[3]))
            if not drawn or abs(point[0] - drawn[-1][0]) + abs(point[1] - drawn[-1][1]) >= 2.5:
                drawn.append(point)
        if len(drawn) > 2:
            paths.append("M" + "L".join(f"{x:g} {y:g}" for x, y in drawn) + "Z")
    markers = tuple(Marker(LETTERS[index], *project(lat, lon)) for index, (lat, lon) in enumerate(points))
    return QuizMap(WIDTH, round(height, 1), "".join(paths), markers)
