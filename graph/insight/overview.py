"""The network in domain words: who is central among the actors and why, the brokers between
groups, the groups named after their members, places and themes, the partnerships that bind most
organisations, and each actor's rank among its kind.

Only links between actors count here (membership, partnership, deal, investment, site, post, ...):
two companies in the same city or working on the same disease are not linked by that, so places
and themes name the groups but never connect them. Betweenness is sampled on large graphs and the
groups come from Louvain with a fixed seed: the page says so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from graph.network.kinds import ACTOR_FAMILIES
from graph.network.model import MapModel

__all__ = ["ACTOR_FAMILIES", "Actor", "Group", "Overview", "actor_network", "compare", "overview"]

SEED = 7


@dataclass
class Actor:
    iri: str
    family: str
    links: int  # actors it is linked with
    betweenness: float
    group: int
    rank_in_kind: int  # 1: the most linked of its kind
    of_kind: int


@dataclass
class Group:
    number: int
    members: list[str]  # most linked first
    city: str | None  # the city most of its members are in
    area: str | None  # the theme most of its members work on


@dataclass
class Overview:
    actors: dict[str, Actor]
    groups: list[Group]
    central: list[str]  # most linked first
    brokers: list[tuple[str, list[int]]]  # an actor and the groups it links, by betweenness
    binding: list[tuple[str, int]]  # partnerships and programmes by how many organisations they bind
    sampled: int  # betweenness sources: all actors when equal to len(actors)
    method: dict = field(default_factory=dict)


def actor_network(model: MapModel) -> nx.Graph:
    """The actors and the links between them alone (no place, theme, year or concept in between);
    made once per model (kept in `model.cache`): read it, do not change it."""
    found = model.cache.get("insight-actors")
    if found is None:
        actors = [node for node in model.links if model.family[node].key in ACTOR_FAMILIES]
        found = model.cache["insight-actors"] = model.links.subgraph(actors).copy()
    return found


def _sample(nodes: int, edges: int) -> int:
    return min(nodes, max(8, min(200, 1_600_000 // max(1, nodes + edges))))


def _most_common(values: list[str]) -> str | None:
    counted = Counter(value for value in values if value)
    return counted.most_common(1)[0][0] if counted else None


def _areas_of(model: MapModel) -> dict[str, list[str]]:
    """The themes of each node: the map model's members of each theme, turned round (once)."""
    areas = model.cache.get("insight-areas")
    if areas is None:
        areas = model.cache["insight-areas"] = {}
        for area, members in model.area_members.items():
            for member in members:
                areas.setdefault(member, []).append(area)
    return areas


def overview(model: MapModel, *, top: int = 10) -> Overview:
    """The overview of the whole network; computed once per model (kept in `model.cache`)."""
    cached = model.cache.get("insight-overview")
    if cached is not None:
        return cached
    actors_graph = actor_network(model)
    sample = _sample(actors_graph.number_of_nodes(), actors_graph.number_of_edges())
    betweenness = (nx.betweenness_centrality(actors_graph, k=sample, seed=SEED)
                   if len(actors_graph) > 2 else {})
    found = (nx.community.louvain_communities(actors_graph, seed=SEED)
             if actors_graph.number_of_edges() else [])
    communities = [sorted(c, key=lambda n: (-actors_graph.degree(n), n)) for c in found if len(c) > 1]
    communities.sort(key=len, reverse=True)
    group_of = {member: number for number, members in enumerate(communities) for member in members}
    areas = _areas_of(model)
    groups = [Group(number, members, _most_common([model.city.get(m, "") for m in members]),
                    _most_common([a for m in members for a in areas.get(m, [])]))
              for number, members in enumerate(communities)]
    by_kind: dict[str, list[str]] = {}
    for node in actors_graph:
        by_kind.setdefault(model.family[node].key, []).append(node)
    actors: dict[str, Actor] = {}
    for family, members in by_kind.items():
        members.sort(key=lambda n: (-actors_graph.degree(n), -betweenness.get(n, 0.0), n))
        for rank, node in enumerate(members, start=1):
            actors[node] = Actor(node, family, actors_graph.degree(node), betweenness.get(node, 0.0),
                                 group_of.get(node, -1), rank, len(members))
    central = sorted(actors, key=lambda n: (-actors[n].links, -actors[n].betweenness, n))[:top]
    brokers = []
    for node in sorted(actors, key=lambda n: (-actors[n].betweenness, n)):
        linked = sorted({group_of[n] for n in actors_graph.neighbors(node) if n in group_of}
                        | ({group_of[node]} if node in group_of else set()))
        if len(linked) > 1 and actors[node].betweenness > 0:
            brokers.append((node, linked))
        if len(brokers) == top:
            break
    binding = sorted(((node, len([p for p in model.participants.get(node, ()) if p in actors]))
                      for node in actors if actors[node].family in ("partnership", "programme")),
                     key=lambda item: (-item[1], item[0]))
    result = Overview(actors, groups, central, brokers, [b for b in binding if b[1]][:top], sample,
                      {"betweenness_sources": sample, "actors": len(actors), "seed": SEED,
                       "links": actors_graph.number_of_edges()})
    model.cache["insight-overview"] = result
    return result


def compare(model: MapModel, first: str, second: str) -> dict[str, list[str]]:
    """What two entities share: partners (actors linked to both), places and themes."""
    actors_graph = actor_network(model)
    both = first in actors_graph and second in actors_graph
    partners = (set(actors_graph[first]) & set(actors_graph[second])) if both else set()
    areas = _areas_of(model)
    return {"partners": sorted(partners - {first, second}),
            "places": sorted(model.places.get(first, frozenset()) & model.places.get(second, frozenset())),
            "themes": sorted(set(areas.get(first, [])) & set(areas.get(second, []))),
            "linked": [first] if actors_graph.has_edge(first, second) else []}
