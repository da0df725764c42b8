"""The map's first views, made when the dataset is built: the whole network (no filter, no focus) in
each layout and grouping, reduced to clusters above the node cap, with positions for the force
layout worked out here.

A server answers these from what `lshkg build` derived (at ten million triples reducing the whole
network took over a hundred milliseconds a request), and the page draws the force layout from its
positions, so that the browser's physics only settles what is already in place instead of sorting
hundreds of nodes from nothing. A view that differs only in words or colours (its language, the
colouring, the entity whose details are open) is the same drawing, dressed for its parameters.

    settled = settle_views(model, max_nodes=500)
    view = settled_view(model, settled, params, max_nodes=500) or compute_view(model, params, max_nodes=500)
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, replace

import networkx as nx

from graph.network.model import MapModel
from graph.network.params import CLUSTER_MODES, DEFAULTS, LAYOUTS, ViewParams
from graph.network.view import compute_view, dressed

__all__ = ["SETTLED", "SettledViews", "derived_name", "place_by_force", "settle_views", "settled_key",
           "settled_view"]

SETTLED = tuple(ViewParams(cluster=mode, layout=layout) for mode in CLUSTER_MODES for layout in LAYOUTS)
# parameters that change a view's words or colours, not what it draws: left out of the key
UNDRAWN = {"lang": DEFAULTS.lang, "physics": DEFAULTS.physics, "colour": DEFAULTS.colour, "select": None}
# how far apart the page's physics (map/items.js) settles linked nodes (median, on the shipped graph);
# it gathers the rest about as ForceAtlas2's strong gravity does (half the nodes within 5 links' length)
LINKED_DISTANCE = 170.0
ITERATIONS, SEED = 150, 7


@dataclass(frozen=True)
class SettledViews:
    """The settled views for one node cap, by `settled_key`: read only (`settled_view` copies)."""

    max_nodes: int
    views: dict[str, dict]


def derived_name(max_nodes: int) -> str:
    """The name of the derived file that holds the settled views for a node cap."""
    return f"map-views-{max_nodes}"


def settled_key(params: ViewParams) -> str:
    """The parameters of what a view draws, as a query string."""
    return replace(params, **UNDRAWN).to_query()


def place_by_force(view: dict) -> None:
    """Positions (`x`, `y`) for the view's nodes and clusters by ForceAtlas2, scaled so that linked
    items lie about as far apart as the page's physics holds them; the view is marked `settled`."""
    items = [item["id"] for item in (*view["nodes"], *view["clusters"])]
    if not items:
        return
    drawing = nx.Graph()
    drawing.add_nodes_from(items)
    drawing.add_edges_from((edge["from"], edge["to"]) for edge in view["edges"] if edge["from"] != edge["to"])
    positions = nx.forceatlas2_layout(drawing, max_iter=ITERATIONS, strong_gravity=True, seed=SEED)
    lengths = [math.dist(positions[a], positions[b]) for a, b in drawing.edges()]
    typical = statistics.median(lengths) if lengths else 0.0
    scale = LINKED_DISTANCE / typical if typical > 0 else LINKED_DISTANCE
    for item in (*view["nodes"], *view["clusters"]):
        x, y = positions[item["id"]]
        item["x"], item["y"] = round(float(x) * scale, 1), round(float(y) * scale, 1)
    view["settled"] = True


def settle_views(model: MapModel, max_nodes: int) -> SettledViews:
    """Every view of `SETTLED` for a node cap, the force layout's with positions."""
    views = {}
    for params in SETTLED:
        view = compute_view(model, params, max_nodes=max_nodes)
        if params.layout == "force":
            place_by_force(view)
        views[settled_key(params)] = view
    return SettledViews(max_nodes, views)


def settled_view(model: MapModel, settled: SettledViews | None, params: ViewParams,
                 max_nodes: int) -> dict | None:
    """The view of `params` if it was settled for this node cap (a copy, dressed for `params`), else
    None: compute it."""
    if settled is None or settled.max_nodes != max_nodes:
        return None
    view = settled.views.get(settled_key(params))
    return dressed(model, view, params) if view is not None else None
