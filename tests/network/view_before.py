"""The map view's code as it stood before the neighbourhood view was computed over numbered nodes
(graph/network/select.py, reduce.py and view.py at that commit, in one file, unchanged but for the
imports and for reading each node's links out and the links' ends as the view index now holds
them): the reference that tests/network/test_view_unchanged.py compares the current code with."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from operator import add, mul

from graph.messages import message
from graph.network.dates import model_dates, stood_at, time_axis
from graph.network.kinds import ATTRIBUTE_FAMILIES, FAMILIES, OTHER
from graph.network.layout import geo_layout, hierarchy_levels
from graph.network.lenses import LENSES, lens_nodes
from graph.network.model import INITIATIVE_FAMILIES, LOCATED_IN, TOPIC_FAMILIES, MapModel, in_places
from graph.network.params import ViewError, ViewParams
from graph.network.paths import find_paths, path_hops
from graph.network.view_index import view_index

# --- model.py and view_index.py


def in_rank_order(model: MapModel, nodes: set[str]) -> list[str]:
    if len(nodes) * 8 < len(model.ranked):
        return sorted(nodes, key=model.ranked_index.__getitem__)
    return [node for node in model.ranked if node in nodes]


def family_counts(model: MapModel, nodes: Iterable[str]) -> dict[str, int]:
    return dict(Counter(map(view_index(model).family_key.__getitem__, nodes)))


# --- select.py

PLACE_PARAM_FAMILIES = frozenset({"city", "hotspot", "region", "science-park", "logistics-hub"})


@dataclass
class Selection:
    nodes: set[str]
    pinned: list[str] = field(default_factory=list)  # kept one by one when the view is reduced
    focus: str | None = None
    expanded: list[str] = field(default_factory=list)
    paths: list[list[str]] = field(default_factory=list)
    path_ends: tuple[str, str] | None = None


def resolve(model: MapModel, values: Iterable[str], param: str,
            families: frozenset[str] | None = None, what: str = "") -> list[str]:
    """The nodes the ids stand for; a clear error for an unknown id or one of the wrong kind."""
    found = []
    for value in values:
        iri = model.resolve(value)
        if iri is None:
            raise ViewError(param, message("no entity %(value)s on the map", value=repr(value)))
        if families is not None and model.family[iri].key not in families:
            raise ViewError(param, message("%(value)s is a %(kind)s, not %(expected)s", value=repr(value),
                                            kind=model.family[iri].key, expected=what))
        found.append(iri)
    return found


def _in_years(model: MapModel, start: int | None, end: int | None) -> set[str]:
    """Entities dated (founded, started, year of a deal) within the range, and the undated entities
    they link to (the parties of a deal, the city of a site), which give them meaning."""
    low, high = start if start is not None else -10_000, end if end is not None else 10_000
    dated = {node for node, year in model.year.items() if low <= year <= high}
    context = {other for node in dated for other in model.links.neighbors(node) if other not in model.year}
    return dated | context


def _filtered(model: MapModel, params: ViewParams, nodes: set[str]) -> set[str]:
    if params.kind:
        wanted = set(params.kind)
        nodes = {n for n in nodes if model.family[n].key in wanted
                 or model.graph.nodes[n].get("kind") in wanted}
    if params.place:
        nodes &= in_places(model, resolve(model, params.place, "place", PLACE_PARAM_FAMILIES,
                                          message("a city, hotspot, region, science park or hub")))
    if params.partnership:
        chosen = resolve(model, params.partnership, "partnership", INITIATIVE_FAMILIES,
                         message("a partnership or programme"))
        nodes &= set(chosen).union(*(model.participants.get(p, set()) for p in chosen))
    if params.area:
        chosen = resolve(model, params.area, "area", TOPIC_FAMILIES,
                         message("a therapeutic area or technology"))
        nodes &= set().union(*(model.area_members[a] for a in chosen))
    if params.source:
        wanted = set(params.source)
        nodes = {n for n in nodes if wanted & set(sources_of(model, n))}
    if params.year_from is not None or params.year_to is not None:
        nodes &= _in_years(model, params.year_from, params.year_to)
    return nodes


def sources_of(model: MapModel, node: str) -> list[str]:
    """Where a node comes from: "shipped" (our records) and the names of the users' imports that
    describe it."""
    data = model.graph.nodes[node]
    return (["shipped"] if data.get("shipped", True) else []) + sorted(data.get("imports", []))


def hidden_attributes(params: ViewParams) -> frozenset[str]:
    """The attribute families left off this view: all of them unless shown (`show`) or asked for
    as a kind."""
    return frozenset(ATTRIBUTE_FAMILIES) - set(params.show) - set(params.kind)


def _attributes_kept(model: MapModel, params: ViewParams) -> set[str]:
    """The attributes a view is about, drawn even when attributes are off: the places and areas its
    filters name (a hotspot with its cities), and those a lens was made with (a partnership's cities)."""
    kept = set(lens_nodes(model, params.lens) or ()) if params.lens else set()
    for value in (*params.place, *params.area):
        iri = model.resolve(value)
        if iri is not None:
            kept.add(iri)
            if model.family[iri].key == "area":  # with its narrower areas, which it covers
                kept.update(a for a in model.area_members.get(iri, ()) if model.family[a].key == "area")
            if model.family[iri].key == "hotspot":
                kept.update(p for _, p, key in model.graph.out_edges(iri, keys=True) if key == LOCATED_IN)
    return kept


def _hidden_nodes(model: MapModel, hidden: frozenset[str]) -> frozenset[str]:
    members = view_index(model).family_members
    return frozenset().union(*(members.get(family, ()) for family in hidden))


def _neighbourhood(model: MapModel, focus: str, depth: int, hidden: frozenset[str]) -> set[str]:
    """The nodes within `depth` links of `focus` over the links drawn: not through a hidden city or
    area (breadth first, a step at a time as set operations: networkx's filtered views cost a hub's
    neighbourhood at a million triples about 10 ms more)."""
    neighbours, left_out = view_index(model).neighbours, _hidden_nodes(model, hidden)
    reached, frontier = {focus}, {focus}
    for _ in range(depth):
        step: set[str] = set()
        for node in frontier:
            step.update(neighbours[node])
        frontier = step - reached - left_out
        reached |= frontier
    return reached


def select_nodes(model: MapModel, params: ViewParams) -> Selection:
    """Everything the view shows, before any reduction to the node cap."""
    nodes = set(model.graph.nodes)
    hidden = hidden_attributes(params)
    if params.lens:
        lens = lens_nodes(model, params.lens)
        if lens is None:
            raise ViewError("lens", message("no lens %(lens)s for this graph (see /api/map/lenses)",
                                            lens=repr(params.lens)))
        nodes = lens
    focus = resolve(model, [params.focus], "focus")[0] if params.focus else None
    if focus:
        nodes &= _neighbourhood(model, focus, params.depth, hidden)
    nodes = _filtered(model, params, nodes)
    if hidden:
        kept = _attributes_kept(model, params)
        nodes = nodes - (_hidden_nodes(model, hidden) - kept)
    pinned: list[str] = []
    if focus:
        nodes.add(focus)
        pinned.append(focus)
    expanded = resolve(model, params.expand, "expand")
    for node in expanded:
        # expanding shows every neighbour, whatever the filters: the visitor asked for them
        neighbours = sorted(model.links.neighbors(node), key=model.ranked_index.__getitem__)
        nodes.add(node)
        nodes.update(neighbours)
        pinned.extend([node, *neighbours])
    if params.at is not None:  # the network as it stood then: what began later is not drawn
        nodes = stood_at(model, nodes, params.at, undated=params.undated)
        pinned = [node for node in pinned if node in nodes]
        expanded = [node for node in expanded if node in nodes]
        focus = focus if focus in nodes else None
    if params.select:
        resolve(model, [params.select], "select")  # an unknown id is an error, as for focus
    selection = Selection(nodes, pinned, focus, expanded)
    if params.path_from and params.path_to:
        source = resolve(model, [params.path_from], "from")[0]
        target = resolve(model, [params.path_to], "to")[0]
        if source == target:
            raise ViewError("to", message("the same entity as from"))
        selection.path_ends = (source, target)
        selection.paths = find_paths(model, source, target, avoid=params.avoid)
        if not (params.lens or focus or expanded or params.has_filters):
            nodes.clear()  # asked only "how are these two connected?": the answer is the view
        for path in selection.paths:
            nodes.update(path)
        on_paths = list(dict.fromkeys(n for path in selection.paths for n in path))
        selection.pinned[:0] = on_paths or [source, target]
        nodes.update((source, target))
    return selection


# --- reduce.py

MAX_CLUSTERS = 30
MAX_CLUSTER_LINKS = 40  # per cluster, its strongest links to drawn nodes: more is a hairball
SECONDARY = {"kind": "city", "city": "kind"}


@dataclass
class Cluster:
    key: str
    members: list[str] = field(default_factory=list)  # most connected first
    openable: bool = True

    @property
    def id(self) -> str:
        return "cluster:" + self.key


@dataclass
class Reduction:
    kept: list[str]
    clusters: list[Cluster]
    owner: dict[str, str]  # hidden node -> the id of its cluster


def _facets(model: MapModel, facet: str) -> dict[str, str]:
    index = view_index(model)
    return index.kind_facet if facet == "kind" else index.city_facet


def cluster_key_matches(model: MapModel, node: str, key: str) -> bool:
    """Whether a node belongs to a cluster key (`kind:company`, `city:leiden`, `kind:company/city:oss`)."""
    return all(_facets(model, part.split(":", 1)[0])[node] == part for part in key.split("/"))


def _priority(model: MapModel, nodes: set[str], pinned: Iterable[str], opened: set[str]) -> list[str]:
    order = list(dict.fromkeys(n for n in pinned if n in nodes))
    seen = set(order)
    ranked = in_rank_order(model, nodes - seen)
    if opened:
        wanted = [n for n in ranked if any(cluster_key_matches(model, n, key) for key in opened)]
        order.extend(wanted)
        seen.update(wanted)
        ranked = [n for n in ranked if n not in seen]
    order.extend(ranked)
    return order


def _keys(model: MapModel, rest: list[str], mode: str, opened: set[str]) -> list[str]:
    """The cluster each hidden node goes to: its facet (`mode`), or both facets within a cluster the
    visitor opened."""
    first_facet = _facets(model, mode)
    keys = list(map(first_facet.__getitem__, rest))
    if opened:
        second_facet = _facets(model, SECONDARY[mode])
        keys = [key + "/" + second_facet[node] if key in opened else key for node, key in zip(rest, keys,
                                                                                               strict=True)]
    return keys


def _clusters(model: MapModel, rest: list[str], keys: list[str], opened: set[str],
              slots: int) -> list[Cluster]:
    groups: dict[str, list[str]] = {}
    for node, key in zip(rest, keys, strict=True):
        members = groups.get(key)
        if members is None:
            members = groups[key] = []
        members.append(node)
    # a group can be opened again unless both facets are used
    found = [Cluster(key, members, openable=key not in opened) for key, members in groups.items()]
    # the parts of a cluster the visitor opened come first: they never vanish into "rest"
    ordered = sorted(found, key=lambda c: (not any(c.key.startswith(o + "/") for o in opened),
                                           -len(c.members), c.key))
    if len(ordered) <= slots:
        return ordered
    tail = Cluster("rest", [n for c in ordered[slots - 1:] for n in c.members], openable=False)
    tail.members.sort(key=model.ranked_index.__getitem__)
    return [*ordered[:slots - 1], tail]


def reduce_view(model: MapModel, nodes: set[str], *, cap: int, mode: str = "kind",
                pinned: Iterable[str] = (), opened: Iterable[str] = ()) -> Reduction:
    """At most `cap` items: the first nodes by priority, and clusters of the rest."""
    opened_keys = set(opened)
    order = _priority(model, nodes, pinned, opened_keys)
    slots = max(2, min(MAX_CLUSTERS, cap // 3))
    # as many clusters as the nodes past the first `cap - slots` make, at most `slots`; when fewer,
    # more nodes are drawn one by one
    tail_keys = _keys(model, order[cap - slots:], mode, opened_keys)
    keep = cap - min(slots, len(set(tail_keys)))
    # the clustered nodes are the end of that tail (keep >= cap - slots): their keys are its keys
    clusters = _clusters(model, order[keep:], tail_keys[keep - (cap - slots):], opened_keys, slots)
    owner: dict[str, str] = {}
    for cluster in clusters:
        owner.update(dict.fromkeys(cluster.members, cluster.id))
    return Reduction(order[:keep], clusters, owner)


def cluster_edges(model: MapModel, nodes: set[str], reduction: Reduction) -> list[dict]:
    """Links between clusters, and between a cluster and a drawn node, counted (one line each)."""
    index = view_index(model)
    # what each end of a link is drawn as: its cluster, itself, or nothing (not in the view)
    drawn_as = {node: index.short[node] for node in reduction.kept if node in nodes} | reduction.owner
    cluster_ids = {cluster.id for cluster in reduction.clusters}
    # each item drawn gets a number (0: not in the view), each node its item's number, and each link
    # the pair of numbers as one: the links are counted by pair in C, and the loop below runs once
    # per pair of items, not once per link (a quarter of a million at ten million triples)
    items = list(dict.fromkeys(drawn_as.values()))
    width = len(items) + 1
    item_number = {item: number for number, item in enumerate(items, 1)}
    node_number = dict(zip(drawn_as, map(item_number.__getitem__, drawn_as.values()), strict=True))
    numbers = list(map(node_number.get, index.order, repeat(0)))
    pick_a, pick_b = index.pick_ends
    per_pair = Counter(map(add, map(mul, pick_a(numbers), repeat(width)), pick_b(numbers)))
    counts: dict[tuple[str, str], int] = {}
    for pair_number, count in per_pair.items():
        first, second = divmod(pair_number, width)
        if not first or not second or first == second:
            continue  # outside the view, or inside one cluster
        a, b = items[first - 1], items[second - 1]
        if a in cluster_ids:
            pair = (a, b) if b not in cluster_ids or a < b else (b, a)
        elif b in cluster_ids:
            pair = (b, a)
        else:
            continue  # between two drawn nodes: drawn as itself
        counts[pair] = counts.get(pair, 0) + count
    kept: dict[str, int] = defaultdict(int)
    edges = []
    for (a, b), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if not b.startswith("cluster:"):
            kept[a] += 1
            if kept[a] > MAX_CLUSTER_LINKS:
                continue
        edges.append({"id": f"agg|{a}|{b}", "from": a, "to": b, "count": count, "aggregate": True})
    return edges


def cluster_payload(model: MapModel, cluster: Cluster, mode: str) -> dict:
    """A cluster as the page draws it: its facets, size, openness and a few of its members."""
    facets: dict[str, dict] = {}
    for part in cluster.key.split("/") if cluster.key != "rest" else ():
        facet, value = part.split(":", 1)
        if facet == "kind":
            facets["kind"] = {"key": value, "labels": _family_labels(value)}
        else:
            iri = model.ids.get(value, "")
            facets["city"] = {"id": value, "labels": model.graph.nodes[iri].get("labels", {}) if iri else {}}
    first = cluster.key.split("/", 1)[0]
    if first.startswith("kind:"):  # all of one family
        family = first[len("kind:"):]
    else:
        family = Counter(map(view_index(model).family_key.__getitem__, cluster.members)).most_common(1)[0][0]
    return {"id": cluster.id, "key": cluster.key, "cluster": True, "count": len(cluster.members),
            "openable": cluster.openable, "facets": facets, "family": family,
            "top": [model.graph.nodes[m].get("labels", {}) for m in cluster.members[:3]]}


def _family_labels(key: str) -> dict[str, str]:
    from graph.network.kinds import FAMILIES, OTHER

    return next((f.labels for f in FAMILIES if f.key == key), OTHER.labels)


# --- view.py

DEFAULT_MAX_NODES = 500


def node_payload(model: MapModel, iri: str) -> dict:
    """A node as the page draws it (a copy: views add positions and colours to it)."""
    return dict(view_index(model).nodes[iri])


def _edges(model: MapModel, kept: list[str], predicates: dict[str, dict]) -> list[dict]:
    """The links between drawn nodes, ordered by (from, predicate, to); an edge's id is
    `from|predicate|to`. Their labels go once per predicate into `predicates`."""
    index = view_index(model)
    drawn = set(kept)
    # out_links now maps each other end to its links' places (it was a list of (other, place) pairs)
    found = sorted(order for node in kept for other, orders in index.out_links[node].items()
                   for order in orders if other in drawn)
    edges = [dict(index.links[order]) for order in found]
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


def _chosen(model: MapModel, params: ViewParams, selection: Selection) -> dict:
    """The entities the parameters name, with their labels, for the page's filter chips."""
    def refs(values: tuple[str, ...]) -> list[dict]:
        found = []
        for value in values:
            iri = model.resolve(value)
            if iri:
                found.append({"id": model.short_id(iri), "labels": model.graph.nodes[iri].get("labels", {})})
                if iri in model.participants:  # 0: no members named in the sources
                    found[-1]["members"] = len(model.participants[iri])
        return found
    chosen = {name: refs(getattr(params, name)) for name in ("place", "partnership", "area", "expand")}
    if params.select:
        chosen["select"] = refs((params.select,))
    if selection.focus:
        chosen["focus"] = refs((params.focus,))
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
    if reduction is not None:
        clusters = [cluster_payload(model, c, params.cluster) for c in reduction.clusters]
        extra_edges = cluster_edges(model, selection.nodes, reduction)
    nodes = [node_payload(model, iri) for iri in kept]
    predicates: dict[str, dict] = {}
    edges = _edges(model, kept, predicates)
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
