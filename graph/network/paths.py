""""How are these two connected?": the shortest paths between two entities, with the evidence for
every hop (which document says so, in which words)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import networkx as nx

from graph.network.details import link_between
from graph.network.model import MapModel

__all__ = ["MAX_PATHS", "find_paths", "path_hops"]

MAX_PATHS = 5


def find_paths(model: MapModel, source: str, target: str, *, avoid: Iterable[str] = (),
               limit: int = MAX_PATHS) -> list[list[str]]:
    """Up to `limit` shortest paths, link direction ignored, never through a node of an avoided
    family (other than the two ends)."""
    avoided = set(avoid)
    graph = model.links
    if avoided:
        graph = nx.subgraph_view(model.links, filter_node=lambda n: n in (source, target)
                                 or model.family[n].key not in avoided)
    try:
        paths = nx.all_shortest_paths(graph, source, target)
        return [path for _, path in zip(range(limit), paths, strict=False)]
    except nx.NetworkXNoPath:
        return []


def path_hops(model: MapModel, path: list[str]) -> list[dict]:
    """Each step of a path: the two nodes and every link between them, with its evidence."""
    return [{"from": model.short_id(a), "to": model.short_id(b), "links": link_between(model, a, b)}
            for a, b in itertools.pairwise(path)]
