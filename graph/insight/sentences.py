"""Paths as sentences: how two entities are linked, told hop by hop in Dutch or English, each hop
with the document and the words that say so.

By default a path runs over links between actors only (membership, partnership, deal, site, post,
...). Hops through a shared attribute (a city, a country, a therapeutic area, a year) are taken
only when asked, and then told as what they are: "both ... are in Leiden", never as a link between
the two. Kinds of link can be left out (`exclude`). More than one path: the shortest first, then
paths through other intermediaries.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from graph.insight.overview import ACTOR_FAMILIES, actor_network
from graph.network.details import evidence_items, term_labels
from graph.network.model import MapModel

__all__ = ["MAX_PATHS", "Hop", "ToldPath", "evidence_words", "tell_paths"]

MAX_PATHS = 5
TRIED = 60  # candidate paths looked at when searching for other intermediaries
WORDS = {
    "en": {"shared": "{a} and {b} both have “{relation}”: {attribute}", "says": "says", "general":
           "general knowledge"},
    "nl": {"shared": "{a} en {b} hebben allebei “{relation}”: {attribute}", "says": "zegt", "general":
           "algemene kennis"},
}


@dataclass
class Hop:
    """One step: the fact that links two nodes (in its own direction), or a shared attribute."""

    source: str
    target: str
    sentence: str
    predicate: str
    evidence: list[dict] = field(default_factory=list)
    shared_attribute: str | None = None  # the attribute both ends have, for a hop through one


@dataclass
class ToldPath:
    nodes: list[str]
    hops: list[Hop]

    @property
    def through_attribute(self) -> bool:
        return any(hop.shared_attribute for hop in self.hops)


def _allowed_graph(model: MapModel, attributes: bool, exclude: set[str]) -> nx.Graph:
    graph = model.links if attributes else actor_network(model)
    if not exclude:
        return graph

    def kept(a: str, b: str) -> bool:
        return any(link["predicate"].rsplit("#", 1)[-1].rsplit("/", 1)[-1] not in exclude
                   for link in model.network.links_between(a, b))

    return nx.subgraph_view(graph, filter_edge=kept)


def _candidates(graph: nx.Graph, source: str, target: str, limit: int) -> list[list[str]]:
    """The shortest path, then paths whose intermediaries none of the earlier ones used."""
    chosen: list[list[str]] = []
    used: set[str] = set()
    try:
        for path in itertools.islice(nx.shortest_simple_paths(graph, source, target), TRIED):
            middle = set(path[1:-1])
            if not chosen or not middle & used:
                chosen.append(path)
                used |= middle
            if len(chosen) == limit:
                break
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []
    return chosen


def _link_sentence(model: MapModel, link: dict, lang: str) -> str:
    relation = link.get("labels") or term_labels(link["predicate"])
    verb = relation.get(lang) or relation.get("en") or next(iter(relation.values()), "")
    return f"{model.label(link['from'], lang)} {verb} {model.label(link['to'], lang)}"


def _hop(model: MapModel, a: str, b: str, lang: str, exclude: set[str], attribute: str | None) -> Hop:
    links = [link for link in model.network.links_between(a, b)
             if link["predicate"].rsplit("#", 1)[-1].rsplit("/", 1)[-1] not in exclude] or \
        model.network.links_between(a, b)
    link = links[0]
    evidence = evidence_items(model, link.get("evidence", []))
    sentence = _link_sentence(model, link, lang)
    return Hop(a, b, sentence, link["predicate"], evidence, attribute)


def _tell(model: MapModel, path: list[str], lang: str, exclude: set[str]) -> ToldPath:
    hops: list[Hop] = []
    index = 0
    while index < len(path) - 1:
        a, b = path[index], path[index + 1]
        is_attribute = model.family[b].key not in ACTOR_FAMILIES and index + 2 < len(path)
        if is_attribute:  # a -> attribute <- c: the two share it, which links neither to the other
            c = path[index + 2]
            first, second = _hop(model, a, b, lang, exclude, b), _hop(model, c, b, lang, exclude, b)
            relation = term_labels(model.network.links_between(a, b)[0]["predicate"])
            told = WORDS[lang]["shared"].format(a=model.label(a, lang), b=model.label(c, lang),
                                                relation=relation.get(lang) or relation.get("en", ""),
                                                attribute=model.label(b, lang))
            hops.append(Hop(a, c, told, first.predicate, first.evidence + second.evidence, b))
            index += 2
        else:
            hops.append(_hop(model, a, b, lang, exclude, None))
            index += 1
    return ToldPath(path, hops)


def tell_paths(model: MapModel, source: str, target: str, *, lang: str = "en", attributes: bool = False,
               exclude: Iterable[str] = (), limit: int = 1) -> list[ToldPath]:
    """Up to `limit` paths from `source` to `target`, each told hop by hop with its evidence."""
    excluded = set(exclude)
    graph = _allowed_graph(model, attributes, excluded)
    if source not in graph or target not in graph:
        return []
    return [_tell(model, path, lang, excluded)
            for path in _candidates(graph, source, target, max(1, min(limit, MAX_PATHS)))]


def evidence_words(hop: Hop, model: MapModel, lang: str) -> list[str]:
    """Each piece of a hop's evidence in words: “quote” (document), or general knowledge."""
    words = []
    for item in hop.evidence:
        if item.get("quote"):
            labels = item.get("source", {}).get("labels", {})
            name = labels.get(lang) or labels.get("en") or labels.get("nl") or item["source"]["id"]
            words.append(f"“{item['quote']}” ({name})")
        else:
            words.append(WORDS[lang]["general"])
    return words
