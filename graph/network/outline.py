"""The outline of the Netherlands (and its neighbours, lighter) for the geographic layout, as GeoJSON.

The shapes are Natural Earth's, from the `world-atlas` package of the npm registry (TopoJSON),
installed with the front-end libraries: nothing is fetched from the internet and no shape data is
kept in this repository. A TopoJSON file is decoded here (a few lines: arcs are quantised and
delta-encoded; a negative arc index means that arc reversed).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from graph.network.layout import LAT0, LON0, SCALE

__all__ = ["OutlineMissing", "decode_topojson", "outline"]

COUNTRIES = {"Netherlands": "netherlands", "Belgium": "neighbour", "Germany": "neighbour",
             "Luxembourg": "neighbour"}
AROUND = (49.0, 55.5, 0.5, 10.5)  # south, north, west, east: parts elsewhere (the Caribbean) are left out


class OutlineMissing(FileNotFoundError):
    """The boundary data is not installed."""


def _arcs(topology: dict, wanted: set[int] | None = None) -> dict[int, list[tuple[float, float]]]:
    """The arcs' points (only the `wanted` ones: a country needs few of the world's thousands)."""
    transform = topology.get("transform")
    decoded = {}
    for index, arc in enumerate(topology["arcs"]):
        if wanted is not None and index not in wanted:
            continue
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(px), float(py)) for px, py in arc]
        decoded[index] = points
    return decoded


def _ring(arcs: dict[int, list[tuple[float, float]]], indexes: list[int]) -> list[list[float]]:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points[1:] if ring else points)  # consecutive arcs share their end point
    return [[round(x, 4), round(y, 4)] for x, y in ring]


def decode_topojson(topology: dict, object_name: str, names: set[str] | None = None) -> list[dict]:
    """The GeoJSON features of one object of a TopoJSON topology (Polygon and MultiPolygon).

    >>> topology = {"type": "Topology", "arcs": [[[0, 0], [1, 0], [0, 1], [-1, 0]], [[0, 1], [0, -1]]],
    ...             "transform": {"scale": [1, 1], "translate": [10, 20]},
    ...             "objects": {"x": {"type": "GeometryCollection", "geometries": [
    ...                 {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "A"}}]}}}
    >>> decode_topojson(topology, "x")[0]["geometry"]["coordinates"]
    [[[10, 20], [11, 20], [11, 21], [10, 21], [10, 20]]]
    """
    geometries = [g for g in topology["objects"][object_name]["geometries"]
                  if names is None or g.get("properties", {}).get("name") in names]
    wanted = {i if i >= 0 else ~i for g in geometries for ring in _rings(g) for i in ring}
    arcs = _arcs(topology, wanted)
    features = []
    for geometry in geometries:
        if geometry["type"] == "Polygon":
            coordinates = [_ring(arcs, ring) for ring in geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            coordinates = [[_ring(arcs, ring) for ring in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append({"type": "Feature", "id": geometry.get("id"),
                         "properties": dict(geometry.get("properties", {})),
                         "geometry": {"type": geometry["type"], "coordinates": coordinates}})
    return features


def _rings(geometry: dict) -> list[list[int]]:
    if geometry["type"] == "Polygon":
        return geometry["arcs"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def _near(polygon: list[list[list[float]]]) -> bool:
    south, north, west, east = AROUND
    return any(west <= lon <= east and south <= lat <= north for lon, lat in polygon[0])


@cache
def outline(topojson_path: Path) -> dict:
    """The Netherlands and its neighbours as a GeoJSON FeatureCollection (properties: name, role),
    with the projection the map's geographic layout uses."""
    if not topojson_path.is_file():
        raise OutlineMissing(f"{topojson_path} is missing: install the front-end packages (make install)")
    topology = json.loads(topojson_path.read_text(encoding="utf-8"))
    features = []
    for feature in decode_topojson(topology, "countries", set(COUNTRIES)):
        role = COUNTRIES.get(feature["properties"].get("name", ""))
        if role is None:
            continue
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        polygons = [polygon for polygon in polygons if _near(polygon)]
        feature["properties"]["role"] = role
        feature["geometry"] = {"type": "MultiPolygon", "coordinates": polygons}
        features.append(feature)
    features.sort(key=lambda f: f["properties"]["role"] == "netherlands")  # the Netherlands drawn last
    return {"type": "FeatureCollection", "features": features,
            "projection": {"lat0": LAT0, "lon0": LON0, "scale": SCALE},
            "source": "Natural Earth, via the world-atlas package (countries-10m)"}
