"""One view of the map as plain data: the nodes and links to draw (or clusters, above the node cap),
the counts of what is shown, the legend, layout data and any path with its evidence.

    view = compute_view(model, parse_view_params({"kind": "company", "place": "leiden"}), max_nodes=500)
"""

from __future__ import annotations

import itertools
from itertools import chain, repeat

from graph.network.dates import model_dates, time_axis
from graph.network.kinds import FAMILIES, OTHER
from graph.network.layout import geo_layout, hierarchy_levels
from graph.network.lenses import LENSES
from graph.network.model import MapModel, in_rank_order
from graph.network.params import ViewParams
from graph.network.paths import path_hops
from graph.network.reduce import Reduction, cluster_edges, cluster_payload, reduce_view
from graph.network.select import Selection, resolve, select_nodes
from graph.network.view_index import family_counts, view_index

__all__ = ["DEFAULT_MAX_NODES", "compute_view", "dressed", "node_cap", "node_payload",
           "view_nodes"]

DEFAULT_MAX_NODES = 500
FEWEST_MAX_NODES = 20  # a lower cap would leave only clusters


def node_cap(configured: float) -> int:
    """The node cap a setting asks for, at least `FEWEST_MAX_NODES`."""
    return max(FEWEST_MAX_NODES, int(configured))


def node_payload(model: MapModel, iri: str) -> dict:
    """A node as the page draws it (a copy: views add positions and colours to it)."""
    return dict(view_index(model).nodes[iri])


def _edges(model: MapModel, kept: list[str], predicates: dict[str, dict],
           linked: tuple[list[str], list[str]] | None = None) -> list[dict]:
    """The links between drawn nodes, ordered by (from, predicate, to); an edge's id is
    `from|predicate|to`. Their labels go once per predicate into `predicates`. `linked`: the pairs of
    drawn nodes linked to each other (their two ends as two lists), when already known (a reduced view
    counts them)."""
    index = view_index(model)
    out_links = index.out_links
    if linked is None:
        drawn = set(kept)
        # the drawn ends of each node's links out, by intersection (read in C over the smaller side):
        # the most connected nodes, which every reduced view draws, have thousands of links out
        found = sorted(order for node in kept for other in out_links[node].keys() & drawn
                       for order in out_links[node][other])
    else:  # both ways between each pair, and a node's links to itself, read in C
        ends_a, ends_b = linked
        froms, tos = [*ends_a, *ends_b, *kept], [*ends_b, *ends_a, *kept]
        found = sorted(chain.from_iterable(map(dict.get, map(out_links.__getitem__, froms), tos, repeat(()))))
    edges = list(map(dict, map(index.links.__getitem__, found)))
    for edge in edges:
        if edge["predicate"] not in predicates:
            predicates[edge["predicate"]] = index.predicate_labels[edge["predicate"]]
    return edges


def _path(model: MapModel, selection: Selection) -> dict | None:
    if selection.path_ends is None:
        return None
    hops, seen = [], set()
    for path in selection.paths:
        for a, b in itertools.pairwise(path):
            if frozenset((a, b)) not in seen:
                seen.add(frozenset((a, b)))
                hops.extend(path_hops(model, [a, b]))
    source, target = selection.path_ends
    return {"from": model.short_id(source), "to": model.short_id(target), "found": bool(selection.paths),
            "length": len(selection.paths[0]) - 1 if selection.paths else None,
            "paths": [[model.short_id(n) for n in path] for path in selection.paths], "hops": hops}


def _refs(model: MapModel, values: tuple[str, ...]) -> list[dict]:
    found = []
    for value in values:
        iri = model.resolve(value)
        if iri:
            found.append({"id": model.short_id(iri), "labels": model.graph.nodes[iri].get("labels", {})})
            if iri in model.participants:  # 0: no members named in the sources
                found[-1]["members"] = len(model.participants[iri])
    return found


def _chosen(model: MapModel, params: ViewParams, selection: Selection) -> dict:
    """The entities the parameters name, with their labels, for the page's filter chips."""
    chosen = {name: _refs(model, getattr(params, name))
              for name in ("place", "partnership", "area", "expand")}
    if params.select:
        chosen["select"] = _refs(model, (params.select,))
    if selection.focus:
        chosen["focus"] = _refs(model, (params.focus,))
    if params.lens:
        lens = next(lens for lens in LENSES if lens.id == params.lens)
        chosen["lens"] = [{"id": lens.id, "labels": lens.labels, "descriptions": lens.descriptions}]
    return chosen


def _legend(model: MapModel, shown: dict[str, int], matched: dict[str, int]) -> list[dict]:
    totals = view_index(model).family_totals
    return [{**family.as_dict(), "shown": shown.get(family.key, 0), "matched": matched.get(family.key, 0),
             "total": totals[family.key]}
            for family in (*FAMILIES, OTHER) if family.key in totals]


def _drawn(model: MapModel, params: ViewParams,
           max_nodes: int) -> tuple[Selection, list[str], Reduction | None]:
    """The selection, the nodes drawn one by one (most connected first) and, above the cap, the
    reduction that gathers the rest into clusters."""
    selection = select_nodes(model, params)
    if len(selection.nodes) <= max_nodes:
        return selection, in_rank_order(model, selection.nodes), None
    reduction = reduce_view(model, selection.nodes, cap=max_nodes, mode=params.cluster,
                            pinned=selection.pinned, opened=params.open)
    return selection, reduction.kept, reduction


def view_nodes(model: MapModel, params: ViewParams, *, max_nodes: int = DEFAULT_MAX_NODES) -> list[str]:
    """The IRIs of the nodes a view draws one by one (not those gathered in clusters): what the
    page shows, and so what an export of the view holds."""
    return _drawn(model, params, max_nodes)[1]


def compute_view(model: MapModel, params: ViewParams, *, max_nodes: int = DEFAULT_MAX_NODES) -> dict:
    selection, kept, reduction = _drawn(model, params, max_nodes)
    reduced = reduction is not None
    clusters: list[dict] = []
    extra_edges: list[dict] = []
    linked = None
    if reduction is not None:
        clusters = [cluster_payload(model, c, params.cluster) for c in reduction.clusters]
        extra_edges, linked = cluster_edges(model, selection.nodes, reduction)
    nodes = [node_payload(model, iri) for iri in kept]
    predicates: dict[str, dict] = {}
    edges = _edges(model, kept, predicates, linked)
    view: dict = {"query": params.to_query(), "layout": params.layout, "lang": params.lang,
                  "nodes": nodes, "clusters": clusters, "edges": edges + extra_edges,
                  "predicates": predicates, "reduced": reduced, "maxNodes": max_nodes}
    if params.layout == "geo":
        extra = {c["id"]: _cluster_point(model, c) for c in clusters}
        positions, margins = geo_layout(model, kept, extra)
        in_margin = {key: margin["key"] for margin in margins for key in margin.pop("members")}
        view["margins"] = margins
        for item in (*nodes, *clusters):
            key = model.ids.get(item["id"], item["id"]) if not item.get("cluster") else item["id"]
            item["x"], item["y"] = positions[key]
            if key in in_margin:
                item["margin"] = in_margin[key]  # abroad or not placed: drawn beside the map
    elif params.layout == "hierarchical":
        levels = hierarchy_levels(model, kept)
        bottom = max(levels.values(), default=0) + 1
        for node, iri in zip(nodes, kept, strict=True):
            node["level"] = levels[iri]
        for cluster in clusters:
            cluster["level"] = bottom
    shown_families = family_counts(model, kept)
    view["counts"] = {"nodes": len(nodes), "clusters": len(clusters), "edges": len(edges),
                      "matched": len(selection.nodes), "hidden": len(selection.nodes) - len(nodes),
                      "total": {"nodes": model.graph.number_of_nodes(),
                                "edges": model.total_links}}
    view["legend"] = _legend(model, shown_families, family_counts(model, selection.nodes))
    view["chosen"] = _chosen(model, params, selection)
    view["focus"] = model.short_id(selection.focus) if selection.focus else None
    view["expanded"] = [model.short_id(n) for n in selection.expanded]
    view["path"] = _path(model, selection)
    view["time"] = _time(model, params, kept)
    return view


def dressed(model: MapModel, view: dict, params: ViewParams) -> dict:
    """A view computed for other words (its language, colours, the entity whose details are open),
    made the view of `params`, which draws the same: its top level and its items copied, so that the
    caller may add to them (the links are shared: read them only)."""
    chosen = {name: refs for name, refs in view["chosen"].items() if name != "select"}
    if params.select:
        resolve(model, [params.select], "select")  # an unknown id is an error, as in select_nodes
        chosen["select"] = _refs(model, (params.select,))
    return {**view, "query": params.to_query(), "lang": params.lang, "chosen": chosen,
            "nodes": [dict(node) for node in view["nodes"]],
            "clusters": [dict(cluster) for cluster in view["clusters"]]}


def _time(model: MapModel, params: ViewParams, kept: list[str]) -> dict | None:
    """The year slider's axis, the year shown (if any) and how many drawn nodes are undated."""
    axis = time_axis(model)
    if axis is None:
        return None
    dates = model_dates(model)
    return {**axis, "years": list(axis["years"]), "at": params.at, "undatedShown": params.undated,
            "undatedDrawn": sum(1 for node in kept if dates.undated(node))}


def _cluster_point(model: MapModel, cluster: dict) -> tuple[float, float] | None:
    """A cluster by city sits at its city; others have no single place."""
    city = cluster["facets"].get("city")
    iri = model.ids.get(city["id"], "") if city else ""
    data = model.graph.nodes[iri] if iri else {}
    return (data["lat"], data["lon"]) if "lat" in data else None
