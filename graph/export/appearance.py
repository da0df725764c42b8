"""How the map draws a node, for the files that export it: the colour and shape of its kind's family,
a size by connectedness on the map's scale, and the position the map showed it at (when the page
sent its positions). GEXF, GraphML and the stand-alone HTML map then look like the map."""

from __future__ import annotations

import json
import math
from typing import Any

from graph.export.subgraph import ExportError, Subgraph
from graph.messages import message
from graph.network.kinds import family_of

__all__ = ["MAX_POSITIONS", "appearance", "read_positions", "rgb"]

MIN_SIZE, MAX_SIZE = 7.0, 42.0  # the map's node sizes (vis-network scaling), in canvas pixels
MAX_POSITIONS = 20_000


def rgb(colour: str) -> tuple[int, int, int]:
    """'#1f77b4' -> (31, 119, 180)."""
    value = int(colour.lstrip("#"), 16)
    return value >> 16 & 255, value >> 8 & 255, value & 255


def _degrees(subgraph: Subgraph) -> dict[str, int]:
    """Connectedness as the map sizes it: in the whole graph when the selection knows it (the map's
    view), else within the subgraph (linked neighbours, either direction)."""
    known = subgraph.extra.get("degree")
    if known:
        return {node: known.get(node, 0) for node in subgraph.graph}
    simple = subgraph.graph.to_undirected(as_view=True)
    return {node: len(set(simple.neighbors(node)) - {node}) for node in subgraph.graph}


def appearance(subgraph: Subgraph) -> dict[str, dict[str, Any]]:
    """Per node IRI: family key and labels, colour, shape, size, and x, y if the map sent them."""
    degrees = _degrees(subgraph)
    values = {node: math.sqrt(degree + 1) for node, degree in degrees.items()}
    low, high = min(values.values(), default=1.0), max(values.values(), default=1.0)
    positions = subgraph.extra.get("positions", {})
    looks = {}
    for node, data in subgraph.graph.nodes(data=True):
        family = family_of(data.get("kind", ""))
        share = (values[node] - low) / (high - low) if high > low else 0.5
        size = round(MIN_SIZE + share * (MAX_SIZE - MIN_SIZE), 2)
        look: dict[str, Any] = {"family": family.key, "family_labels": family.labels,
                                "colour": family.colour, "shape": family.shape, "size": size}
        if node in positions:
            look["x"], look["y"] = positions[node]
        looks[node] = look
    return looks


def read_positions(text: str | None, resolve: Any) -> dict[str, tuple[float, float]]:
    """The positions the page sent: JSON `{"<id>": [x, y], ...}`, ids resolved to IRIs by `resolve`
    (unknown ids are left out: the page may hold clusters). A clear error names `positions`."""
    if not text:
        return {}
    try:
        raw = json.loads(text)
    except ValueError:
        raise ExportError("positions", message("positions: not JSON; give {\"<id>\": [x, y], ...}")) from None
    if not isinstance(raw, dict) or len(raw) > MAX_POSITIONS:
        raise ExportError("positions", message("positions: give an object of at most %(n)s ids, each with "
                                               "[x, y]", n=MAX_POSITIONS))
    found = {}
    for ident, point in raw.items():
        if not (isinstance(point, list) and len(point) == 2
                and all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
                        for v in point)):
            raise ExportError("positions", message("positions: %(id)s needs [x, y], two finite numbers",
                                                   id=repr(ident)))
        iri = resolve(str(ident))
        if iri is not None:
            found[iri] = (float(point[0]), float(point[1]))
    return found
