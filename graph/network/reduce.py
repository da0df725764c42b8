"""A reduced view for large graphs: above the node cap, the most connected nodes are drawn one by
one and the rest gathered into clusters by kind or by city, which open on click.

What the visitor asked for comes first (the focus, expanded neighbours, a path), then the members
of opened clusters, then everything else by connectedness. An opened cluster whose members still
do not all fit is split by the other facet (companies -> companies in Amsterdam, in Leiden, ...).
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain, repeat
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
    gathered: list[str]  # the nodes gathered into clusters, first by priority
    gathered_in: list[int]  # the place in `clusters` of each


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
              slots: int) -> tuple[list[Cluster], dict[str, int]]:
    """The clusters, and the place among them of each key (the keys past the last slot: "rest")."""
    groups: dict[str, list[str]] = {key: [] for key in dict.fromkeys(keys)}
    # each node appended to its key's group in C (tens of thousands in a hub's neighbourhood)
    deque(map(list.append, map(groups.__getitem__, keys), rest), maxlen=0)
    # a group can be opened again unless both facets are used
    found = [Cluster(key, members, openable=key not in opened) for key, members in groups.items()]
    # the parts of a cluster the visitor opened come first: they never vanish into "rest"
    ordered = sorted(found, key=lambda c: (not any(c.key.startswith(o + "/") for o in opened),
                                           -len(c.members), c.key))
    if len(ordered) <= slots:
        return ordered, {cluster.key: place for place, cluster in enumerate(ordered)}
    merged = ordered[slots - 1:]
    tail = Cluster("rest", in_rank_order(model, set(chain.from_iterable(c.members for c in merged))),
                   openable=False)
    place_of_key = {cluster.key: place for place, cluster in enumerate(ordered[:slots - 1])}
    place_of_key.update(dict.fromkeys((cluster.key for cluster in merged), slots - 1))
    return [*ordered[:slots - 1], tail], place_of_key


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
    gathered, keys = order[keep:], tail_keys[keep - (cap - slots):]
    clusters, place_of_key = _clusters(model, gathered, keys, opened_keys, slots)
    return Reduction(order[:keep], clusters, gathered, list(map(place_of_key.__getitem__, keys)))


def cluster_edges(model: MapModel, nodes: set[str],
                  reduction: Reduction) -> tuple[list[dict], tuple[list[str], list[str]]]:
    """Links between clusters, and between a cluster and a drawn node, counted (one line each); and
    the pairs of drawn nodes linked to each other, met on the way (each pair once, its two ends in
    two lists)."""
    index = view_index(model)
    kept, clusters = reduction.kept, reduction.clusters
    # each item drawn gets a number (the drawn nodes 1 to len(kept), then the clusters), each node its
    # item's number, and each link the pair of numbers as one: the links are counted by pair in C, and
    # the loop below runs once per pair of items, not once per link (a quarter of a million at ten
    # million triples)
    names = [*map(index.short.__getitem__, kept), *(cluster.id for cluster in clusters)]
    width, first_cluster = len(names) + 1, len(kept) + 1
    # the numbers written at the nodes' places, in C (0: not in the view); the places follow the
    # ranking, as the view's nodes mostly do, so that these writes and reads go mostly forward
    numbers, place = [0] * len(index.order), index.place.__getitem__
    deque(map(numbers.__setitem__, map(place, kept), range(1, first_cluster)), maxlen=0)
    cluster_numbers = list(range(first_cluster, width))
    deque(map(numbers.__setitem__, map(place, reduction.gathered),
              map(cluster_numbers.__getitem__, reduction.gathered_in)), maxlen=0)
    scaled = list(map(mul, numbers, repeat(width)))  # the first end's number, already multiplied
    # with no shared attribute in the view (most views), the links to one are all outside it
    pick_a, pick_b = index.pick_actor_ends if index.attributes.isdisjoint(nodes) else index.pick_ends
    per_pair = Counter(map(add, pick_a(scaled), pick_b(numbers)))
    counts: dict[tuple[str, str], int] = {}
    linked: tuple[list[str], list[str]] = ([], [])
    for pair_number, count in per_pair.items():
        first, second = divmod(pair_number, width)
        if not first or not second:
            continue  # outside the view
        if first < first_cluster:
            if second < first_cluster:  # between two drawn nodes: drawn as itself
                linked[0].append(kept[first - 1])
                linked[1].append(kept[second - 1])
                continue
            pair = (names[second - 1], names[first - 1])
        elif second < first_cluster:
            pair = (names[first - 1], names[second - 1])
        elif first == second:
            continue  # inside one cluster
        else:
            a, b = names[first - 1], names[second - 1]
            pair = (a, b) if a < b else (b, a)
        counts[pair] = counts.get(pair, 0) + count
    drawn_links: dict[str, int] = defaultdict(int)
    edges = []
    for (a, b), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if not b.startswith("cluster:"):
            drawn_links[a] += 1
            if drawn_links[a] > MAX_CLUSTER_LINKS:
                continue
        edges.append({"id": f"agg|{a}|{b}", "from": a, "to": b, "count": count, "aggregate": True})
    return edges, linked


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
