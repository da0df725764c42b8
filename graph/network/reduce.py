"""A reduced view for large graphs: above the node cap, the most connected nodes are drawn one by
one and the rest gathered into clusters by kind or by city, which open on click.

What the visitor asked for comes first (the focus, expanded neighbours, a path), then the members
of opened clusters, then everything else by connectedness. An opened cluster whose members still
do not all fit is split by the other facet (companies -> companies in Amsterdam, in Leiden, ...).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from operator import add, mul

from graph.network.model import MapModel, in_rank_order
from graph.network.view_index import view_index

__all__ = ["MAX_CLUSTERS", "Cluster", "Reduction", "cluster_key_matches", "reduce_view"]

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
    # each item drawn gets a number, each node its item's number, and each link the pair of numbers
    # as one: the links are counted by pair in C, and the loop below runs once per pair of items, not
    # once per link (a quarter of a million at ten million triples)
    items = list(dict.fromkeys(drawn_as.values()))
    width = len(items) + 1
    item_number = {item: number for number, item in enumerate(items, 1)}
    node_number = dict(zip(drawn_as, map(item_number.__getitem__, drawn_as.values()), strict=True))
    # a node outside the view counts -width², so that a link with an end outside makes a number below
    # zero, left out before counting (a neighbourhood holds a fraction of the links); the first end's
    # number is read already multiplied by the width
    numbers = list(map(node_number.get, index.order, repeat(-width * width)))
    scaled = list(map(mul, numbers, repeat(width)))
    # with no shared attribute in the view (most views), the links to one are all outside it
    ends_a, ends_b = index.actor_link_ends if index.attributes.isdisjoint(nodes) else index.link_ends
    per_pair = Counter(filter((0).__lt__, map(add, map(scaled.__getitem__, ends_a),
                                              map(numbers.__getitem__, ends_b))))
    counts: dict[tuple[str, str], int] = {}
    for pair_number, count in per_pair.items():
        first, second = divmod(pair_number, width)
        if first == second:
            continue  # inside one cluster
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
