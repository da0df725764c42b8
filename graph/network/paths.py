""""How are these two connected?": the one path search behind the map's path finder, `/paths` and
`lshkg paths`, and the evidence for every hop (which document says so, in which words).

A path runs over links between actors (membership, partnership, deal, investment, site, post,
funding, ...): by default it never passes through a node of a family that does not act (a city, a
country, a therapeutic area, a theme, a technology), since sharing one links no one. Asked for
shared attributes, a path may pass through them (never through a region such as "the Netherlands"),
and the telling says so. Kinds of link can be left out (`exclude`, by the property's local name).
The shortest path comes first, then paths through intermediaries no earlier path used.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import networkx as nx

from graph.network.details import link_between
from graph.network.kinds import PATH_AVOID
from graph.network.model import MapModel

__all__ = ["MAX_PATHS", "TRIED", "find_paths", "link_kind", "path_hops"]

MAX_PATHS = 5
TRIED = 60  # candidate paths looked at when searching for other intermediaries


def link_kind(predicate: str) -> str:
    """A property's local name, the kind of link `exclude` names.

    >>> link_kind("https://w3id.org/lsh-kg/ontology#memberOf")
    'memberOf'
    """
    return predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _walkable(model: MapModel, source: str, target: str, avoided: set[str], excluded: set[str]) -> nx.Graph:
    graph = model.links
    if avoided:
        graph = nx.subgraph_view(graph, filter_node=lambda n: n in (source, target)
                                 or model.family[n].key not in avoided)
    if excluded:
        def kept(a: str, b: str) -> bool:
            return any(link_kind(link["predicate"]) not in excluded
                       for link in model.network.links_between(a, b))
        graph = nx.subgraph_view(graph, filter_edge=kept)
    return graph


def find_paths(model: MapModel, source: str, target: str, *, avoid: Iterable[str] = PATH_AVOID,
               exclude: Iterable[str] = (), limit: int = MAX_PATHS) -> list[list[str]]:
    """Up to `limit` paths from `source` to `target`, link direction ignored: the shortest, then
    paths whose intermediaries no earlier one used. Never through a node of an `avoid`ed family
    (other than the two ends) nor over a link whose kinds are all `exclude`d."""
    graph = _walkable(model, source, target, set(avoid), set(exclude))
    chosen: list[list[str]] = []
    used: set[str] = set()
    try:
        for path in itertools.islice(nx.shortest_simple_paths(graph, source, target), TRIED):
            middle = set(path[1:-1])
            if not chosen or not middle & used:
                chosen.append(path)
                used |= middle
            if len(chosen) >= limit:
                break
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []
    return chosen


def path_hops(model: MapModel, path: list[str]) -> list[dict]:
    """Each step of a path: the two nodes and every link between them, with its evidence."""
    return [{"from": model.short_id(a), "to": model.short_id(b), "links": link_between(model, a, b)}
            for a, b in itertools.pairwise(path)]
