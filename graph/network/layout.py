"""Layout data the server computes: positions for the geographic layout (with visible margins for
nodes abroad or without coordinates) and levels for the hierarchical one."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from graph.network.model import MapModel
from ontology.namespaces import LSH

__all__ = ["NL_BOX", "geo_layout", "hierarchy_levels", "project"]

LAT0, LON0, SCALE = 52.15, 5.3, 1000.0  # canvas units per degree of latitude, around the Netherlands
NL_BOX = (50.65, 53.7, 3.2, 7.35)  # south, north, west, east: nodes outside go to the "abroad" margin
SPREAD = 26.0  # distance between nodes that share one place
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
MARGIN_COLUMNS, MARGIN_DX, MARGIN_DY = 12, 70.0, 60.0
MARGINS = {"abroad": {"en": "Abroad", "nl": "Buitenland"},
           "unplaced": {"en": "Not placed (no coordinates)", "nl": "Niet geplaatst (geen coördinaten)"}}

# links that put one node above another: (predicate, True when the subject is the upper one)
ABOVE = {"subsidiaryOf": False, "hasSite": True, "partOf": False, "memberOf": False, "acquired": True,
         "spunOffFrom": False, "coordinator": True, "worksFor": False, "party": False, "acquirer": False,
         "target": False, "investor": False, "licensee": False, "licensor": False, "investedIn": True,
         "fundedBy": False, "initiatedBy": False}
CONTEXT_FAMILIES = frozenset({"city", "region", "hotspot", "area", "concept"})


def project(lat: float, lon: float) -> tuple[float, float]:
    """Canvas coordinates of a point: equirectangular around the middle of the Netherlands (east is
    +x, north is -y, the canvas's y grows downwards).

    >>> x, y = project(52.16, 4.50)  # Leiden, west and a little north of Utrecht
    >>> u, v = project(52.09, 5.12)
    >>> x < u and y < v
    True
    """
    return ((lon - LON0) * SCALE * math.cos(math.radians(LAT0)), -(lat - LAT0) * SCALE)


def _in_box(lat: float, lon: float) -> bool:
    south, north, west, east = NL_BOX
    return south <= lat <= north and west <= lon <= east


Point = tuple[float, float]


def geo_layout(model: MapModel, nodes: Iterable[str],
               extra: dict[str, Point | None] | None = None) -> tuple[dict[str, Point], list[dict]]:
    """Positions of nodes (and of `extra` items, e.g. clusters, by id: their coordinates or None) and
    the margins' titles. Nodes at one place are spread around it, most connected in the middle."""
    points: dict[Point, list[str]] = defaultdict(list)
    margin: dict[str, list[str]] = {"abroad": [], "unplaced": []}
    coordinates: dict[str, Point | None] = {}
    for node in nodes:
        data = model.graph.nodes[node]
        coordinates[node] = (data["lat"], data["lon"]) if "lat" in data else None
    coordinates.update(extra or {})
    for key, where in coordinates.items():
        if where is None:
            margin["unplaced"].append(key)
        elif _in_box(*where):
            points[where].append(key)
        else:
            margin["abroad"].append(key)
    positions: dict[str, Point] = {}
    for (lat, lon), keys in points.items():
        keys.sort(key=lambda k: (model.family[k].key != "city", -model.degree.get(k, 10**6), k)
                  if k in model.family else (True, 0, k))
        x0, y0 = project(lat, lon)
        for index, key in enumerate(keys):
            radius = SPREAD * math.sqrt(index)
            positions[key] = (round(x0 + radius * math.cos(index * GOLDEN_ANGLE), 1),
                              round(y0 + radius * math.sin(index * GOLDEN_ANGLE), 1))
    titles = []
    left = project(LAT0, NL_BOX[3])[0] + 450  # clear of the map, past the German border
    top = project(NL_BOX[1], LON0)[1]
    for name in ("abroad", "unplaced"):
        keys = margin[name]
        if not keys:
            continue
        titles.append({"key": name, "labels": MARGINS[name], "count": len(keys), "x": left, "y": top,
                       "members": keys})
        for index, key in enumerate(keys):
            row, column = divmod(index, MARGIN_COLUMNS)
            positions[key] = (left + column * MARGIN_DX, top + 60 + row * MARGIN_DY)
        top += 60 + (math.ceil(len(keys) / MARGIN_COLUMNS)) * MARGIN_DY + 80
    return positions, titles


def hierarchy_levels(model: MapModel, nodes: Iterable[str]) -> dict[str, int]:
    """Levels for a top-down layout: parent above subsidiary above site, partnership above member,
    organisation above deal; a place or topic one level below the lowest thing linked to it (as
    context, not as a parent), or on the bottom row."""
    shown = set(nodes)
    above = nx.DiGraph()
    above.add_nodes_from(n for n in shown if model.family[n].key not in CONTEXT_FAMILIES)
    for u, v, key in model.graph.subgraph(shown).edges(keys=True):
        name = key[len(str(LSH)):] if key.startswith(str(LSH)) else key
        if name in ABOVE and u in above and v in above and u != v:
            upper, lower = (u, v) if ABOVE[name] else (v, u)
            above.add_edge(upper, lower)
    dag = nx.condensation(above)  # a cycle (A member of B, B member of A) shares one level
    level_of_component: dict[int, int] = {}
    for component in nx.topological_sort(dag):
        parents = [level_of_component[p] for p in dag.predecessors(component)]
        level_of_component[component] = max(parents) + 1 if parents else 0
    mapping = dag.graph["mapping"]
    levels = {node: level_of_component[mapping[node]] for node in above}
    bottom = max(levels.values(), default=-1) + 1
    for node in shown - set(levels):
        linked = [levels[other] for other in model.links.neighbors(node) if other in levels]
        levels[node] = min(bottom, max(linked) + 1) if linked else bottom
    return levels
