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

from graph.network.model import MapModel

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


def _facet(model: MapModel, node: str, facet: str) -> str:
    if facet == "kind":
        return "kind:" + model.family[node].key
    city = model.city.get(node, "")
    return "city:" + (model.short_id(city) if city else "")


def cluster_key_matches(model: MapModel, node: str, key: str) -> bool:
    """Whether a node belongs to a cluster key (`kind:company`, `city:leiden`, `kind:company/city:oss`)."""
    return all(_facet(model, node, part.split(":", 1)[0]) == part for part in key.split("/"))


def _group(model: MapModel, node: str, mode: str, opened: set[str]) -> tuple[str, bool]:
    """The cluster a hidden node goes to, and whether that cluster can still be opened."""
    first = _facet(model, node, mode)
    if first not in opened:
        return first, True
    second = first + "/" + _facet(model, node, SECONDARY[mode])
    return second, second not in opened


def _priority(model: MapModel, nodes: set[str], pinned: Iterable[str], opened: set[str]) -> list[str]:
    order = list(dict.fromkeys(n for n in pinned if n in nodes))
    seen = set(order)
    ranked = sorted(nodes - seen, key=model.ranked_index.__getitem__)
    if opened:
        wanted = [n for n in ranked if any(cluster_key_matches(model, n, key) for key in opened)]
        order.extend(wanted)
        seen.update(wanted)
    order.extend(n for n in ranked if n not in seen)
    return order


def _clusters(model: MapModel, rest: list[str], mode: str, opened: set[str], slots: int) -> list[Cluster]:
    groups: dict[str, Cluster] = {}
    for node in rest:
        key, openable = _group(model, node, mode, opened)
        groups.setdefault(key, Cluster(key, openable=openable)).members.append(node)
    # the parts of a cluster the visitor opened come first: they never vanish into "rest"
    ordered = sorted(groups.values(), key=lambda c: (not any(c.key.startswith(o + "/") for o in opened),
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
    clusters = _clusters(model, order[cap - slots:], mode, opened_keys, slots)
    keep = cap - len(clusters)  # fewer groups than slots: draw more nodes one by one
    clusters = _clusters(model, order[keep:], mode, opened_keys, slots)
    owner = {member: cluster.id for cluster in clusters for member in cluster.members}
    return Reduction(order[:keep], clusters, owner)


def cluster_edges(model: MapModel, nodes: set[str], reduction: Reduction) -> list[dict]:
    """Links between clusters, and between a cluster and a drawn node, counted (one line each)."""
    counts: Counter = Counter()
    for node, cluster in reduction.owner.items():
        for other in model.links.neighbors(node):
            if other not in nodes:
                continue
            target = reduction.owner.get(other, model.short_id(other))
            if target == cluster or (other in reduction.owner and (cluster, target) > (target, cluster)):
                continue  # inside one cluster, or a cluster pair already counted from the other side
            counts[(cluster, target)] += 1
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
    families = Counter(model.family[m].key for m in cluster.members)
    return {"id": cluster.id, "key": cluster.key, "cluster": True, "count": len(cluster.members),
            "openable": cluster.openable, "facets": facets, "family": families.most_common(1)[0][0],
            "top": [model.graph.nodes[m].get("labels", {}) for m in cluster.members[:3]]}


def _family_labels(key: str) -> dict[str, str]:
    from graph.network.kinds import FAMILIES, OTHER

    return next((f.labels for f in FAMILIES if f.key == key), OTHER.labels)


def family_counts(model: MapModel, nodes: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for node in nodes:
        counts[model.family[node].key] += 1
    return dict(counts)
