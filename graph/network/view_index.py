"""What every map view reads of a node or a link, made once per model (kept in `model.cache`): the
node as the page draws it, every link as the page draws it (in the view's order, and each node's
links out), each node's neighbours, the clusters' facets of each node and the members of each family.

A view then picks from these instead of walking networkx's views and building the same dicts again:
at a million triples computing the whole-graph view took about 8 ms instead of 40
(bench/results/map-speed.md has the figures through the server).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from operator import itemgetter

from graph.network.dates import link_since, model_dates
from graph.network.kinds import ATTRIBUTE_FAMILIES
from graph.network.model import MapModel
from graph.store.derived import collector_paused
from ontology.namespaces import LSH

__all__ = ["ViewIndex", "family_counts", "view_index"]

_KEY = "view-index"


@dataclass(frozen=True)
class ViewIndex:
    """Read-only: a view copies what it hands out."""

    short: dict[str, str]  # IRI -> the id used in URLs
    nodes: dict[str, dict]  # IRI -> the node as the page draws it
    links: list[dict]  # every link as the page draws it, ordered by (from, predicate, to)
    # IRI -> the other end of each of its links out -> their places in `links`: the links between
    # drawn nodes are found by intersecting these keys with the drawn set, not by reading every link
    out_links: dict[str, dict[str, tuple[int, ...]]]
    predicate_labels: dict[str, dict[str, str]]
    kind_facet: dict[str, str]  # IRI -> "kind:company"
    city_facet: dict[str, str]  # IRI -> "city:leiden" ("city:" when in no city)
    family_key: dict[str, str]
    family_totals: dict[str, int]
    family_members: dict[str, frozenset[str]]
    # every node (most connected first), each at its place: the numbers the link pickers read
    order: tuple[str, ...]
    place: dict[str, int]  # IRI -> its place in `order`
    neighbours: dict[str, tuple[str, ...]]  # over the undirected links: read in C, a step at a time
    # the shared attributes (cities, areas, ...: few nodes, but at the end of half the links) that most
    # views leave off, and the links and neighbours without them: what those views walk and count
    attributes: frozenset[str]
    # the undirected links (each linked pair once), and those between actors, as their two ends'
    # places in `order`, each end a picker: it takes a list's items at those places in one call, so
    # that the links are counted in C as numbers, not in a loop and not as pairs of names
    pick_ends: tuple[Callable[[list[int]], tuple[int, ...]], Callable[[list[int]], tuple[int, ...]]]
    pick_actor_ends: tuple[Callable[[list[int]], tuple[int, ...]], Callable[[list[int]], tuple[int, ...]]]
    actor_neighbours: dict[str, tuple[str, ...]]


def _labels(labels: dict[str, str]) -> dict[str, str]:
    """One label when both languages say the same (most proper names): half the bytes."""
    values = set(labels.values())
    return {"en": values.pop()} if len(labels) > 1 and len(values) == 1 else labels


def _node(model: MapModel, iri: str, data: dict, short: str, since: dict[str, int],
          until: dict[str, int]) -> dict:
    node = {"id": short, "labels": _labels(data.get("labels", {})), "family": model.family[iri].key,
            "kind": data.get("kind", ""), "degree": model.degree[iri],
            "community": model.community.get(iri, -1)}
    if iri in model.year:
        node["year"] = model.year[iri]
    if iri in since:
        node["since"] = since[iri]  # the year slider hides it before then
    if iri in until:
        node["until"] = until[iri]
    if data.get("imports"):  # drawn with the badge "imported: NAME"
        node["imported"] = sorted(data["imports"])
    if not iri.startswith(model.base_iri):
        node["iri"] = iri
    return node


def _build(model: MapModel) -> ViewIndex:
    graph, lsh = model.graph, str(LSH)
    dates = model_dates(model)
    short = {iri: model.short_id(iri) for iri in graph.nodes}
    nodes = {iri: _node(model, iri, data, short[iri], dates.since, dates.until)
             for iri, data in graph.nodes(data=True)}
    links: list[tuple[tuple[str, str, str], str, str, dict]] = []
    predicate_labels: dict[str, dict[str, str]] = {}
    for u, v, key, data in graph.edges(keys=True, data=True):
        predicate = key[len(lsh):] if key.startswith(lsh) else key
        evidence = data.get("evidence", [])
        predicate_labels.setdefault(predicate, data.get("labels") or {"en": predicate})
        edge = {"from": short[u], "to": short[v], "predicate": predicate, "evidence": len(evidence)}
        since = link_since(dates, u, v)
        if since is not None:
            edge["since"] = since
        if all(e.get("basis") == "GeneralKnowledge" for e in evidence):
            edge["general"] = True  # no document says it: drawn dashed
        links.append(((edge["from"], predicate, edge["to"]), u, v, edge))
    links.sort(key=lambda link: link[0])
    out_lists: dict[str, dict[str, list[int]]] = {iri: {} for iri in graph.nodes}
    for order, (_, u, v, _) in enumerate(links):
        out_lists[u].setdefault(v, []).append(order)
    out_links = {iri: {other: tuple(orders) for other, orders in out.items()}
                 for iri, out in out_lists.items()}
    family_key = {iri: family.key for iri, family in model.family.items()}
    city_facet = {iri: "city:" + (short[city] if (city := model.city.get(iri, "")) else "")
                  for iri in graph.nodes}
    members: dict[str, set[str]] = {}
    for iri, key in family_key.items():
        members.setdefault(key, set()).add(iri)
    order = tuple(model.ranked)  # most connected first, as views mostly read them
    place = {iri: number for number, iri in enumerate(order)}
    ends = list(model.links.edges())
    attributes = frozenset().union(*(members.get(family, ()) for family in ATTRIBUTE_FAMILIES))
    actor_ends = [(u, v) for u, v in ends if u not in attributes and v not in attributes]
    link_ends = ([place[u] for u, _ in ends], [place[v] for _, v in ends])
    actor_link_ends = ([place[u] for u, _ in actor_ends], [place[v] for _, v in actor_ends])
    return ViewIndex(short, nodes, [edge for *_, edge in links], out_links, predicate_labels,
                     {iri: "kind:" + key for iri, key in family_key.items()}, city_facet, family_key,
                     dict(Counter(family_key.values())), {key: frozenset(m) for key, m in members.items()},
                     order, place, {node: tuple(others) for node, others in model.links.adjacency()},
                     attributes, (_picker(link_ends[0]), _picker(link_ends[1])),
                     (_picker(actor_link_ends[0]), _picker(actor_link_ends[1])),
                     {node: tuple(other for other in others if other not in attributes)
                      for node, others in model.links.adjacency()})


def _picker(places: list[int]) -> Callable[[list[int]], tuple[int, ...]]:
    """Picks the items at `places`, as a tuple (itemgetter gives one only for two places or more);
    picklable either way, as the view index is kept with the map model."""
    if len(places) >= 2:
        return itemgetter(*places)
    return partial(_pick_each, tuple(places))


def _pick_each(places: tuple[int, ...], items: list[int]) -> tuple[int, ...]:
    return tuple(items[place] for place in places)


def view_index(model: MapModel) -> ViewIndex:
    """The model's view index, built on first use (about 0.1 s at a million triples)."""
    found = model.cache.get(_KEY)
    if found is None:
        with collector_paused():
            found = model.cache[_KEY] = _build(model)
    return found


def family_counts(model: MapModel, nodes: Iterable[str]) -> dict[str, int]:
    """How many of `nodes` are of each family (a family none is of may be left out, or counted 0)."""
    index = view_index(model)
    if isinstance(nodes, set | frozenset) and len(nodes) * 2 > len(index.order):
        # most of the graph (the whole-graph view): the totals less the few nodes not among them
        left_out = Counter(map(index.family_key.__getitem__, index.place.keys() - nodes))
        return {key: total - left_out[key] for key, total in index.family_totals.items()}
    return dict(Counter(map(index.family_key.__getitem__, nodes)))
