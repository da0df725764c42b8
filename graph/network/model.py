"""What the map needs to know about the whole network, computed once when it is loaded.

Every view (filters, lenses, focus, paths, clusters) is answered from the indexes built here: which
places each node is in, who takes part in each partnership, which nodes each therapeutic area
covers, each node's family, year, connectedness, betweenness and community. Betweenness and
communities are costly on a large graph (tens of seconds exact at a few thousand organisations), so
they are computed here, sampled and seeded, and never in a request.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import compress

import networkx as nx

from graph.network.kinds import Family, family_of
from graph.network.projection import Network
from graph.store.backends import Store
from ontology.namespaces import LSH

__all__ = ["MapModel", "build_map_model", "in_places", "in_rank_order", "load_documents"]

LOCATED_IN, HAS_SITE, AREA, BROADER = (str(LSH.locatedIn), str(LSH.hasSite), str(LSH.therapeuticArea),
                                       str(LSH.broader))
TECHNOLOGY, SHIPS_THROUGH = str(LSH.technology), str(LSH.shipsThrough)
# the topics the map filters by (`area=`): therapeutic areas and technologies, with what is linked to them
TOPIC_FAMILIES = frozenset({"area", "technology"})
# families that take part in a partnership (not the places it is in or the topics it is about)
PARTICIPANT_FAMILIES = frozenset({"site", "umc", "university", "institute", "science-park", "logistics-hub",
                                  "authority", "company", "association", "partnership", "programme", "deal",
                                  "person", "event", "product", "proposal", "other"})
INITIATIVE_FAMILIES = frozenset({"partnership", "programme"})
PLACE_FAMILIES = frozenset({"city", "hotspot", "region", "science-park", "logistics-hub"})
YEAR_KEYS = ("startYear", "foundedYear", "year")

DOCUMENTS = f"""PREFIX lsh: <{LSH}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?doc ?label ?labelLang ?language ?file WHERE {{
  ?doc a lsh:SourceDocument .
  OPTIONAL {{ ?doc rdfs:label ?label BIND(LANG(?label) AS ?labelLang) }}
  OPTIONAL {{ ?doc lsh:language ?language }}
  OPTIONAL {{ ?doc lsh:fileName ?file }}
}}"""


@dataclass
class MapModel:
    """The network with the map's indexes. Node keys are IRIs throughout; `ids` maps the short ids
    used in URLs (the part after the base IRI) to them."""

    network: Network
    base_iri: str
    links: nx.Graph  # undirected, one edge per linked pair: paths and neighbourhoods
    family: dict[str, Family] = field(default_factory=dict)
    degree: dict[str, int] = field(default_factory=dict)
    betweenness: dict[str, float] = field(default_factory=dict)
    community: dict[str, int] = field(default_factory=dict)
    year: dict[str, int] = field(default_factory=dict)
    total_links: int = 0  # counted once: networkx counts a multigraph's edges one by one
    places: dict[str, frozenset[str]] = field(default_factory=dict)  # every place a node is in
    city: dict[str, str] = field(default_factory=dict)  # the nearest city, for clusters by city
    in_place: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    participants: dict[str, set[str]] = field(default_factory=dict)
    area_members: dict[str, set[str]] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)
    documents: dict[str, dict] = field(default_factory=dict)
    ranked: list[str] = field(default_factory=list)  # most connected first
    ranked_index: dict[str, int] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)  # answers that depend on the model alone

    @property
    def graph(self) -> nx.MultiDiGraph:
        return self.network.graph

    def short_id(self, iri: str) -> str:
        return iri[len(self.base_iri):] if iri.startswith(self.base_iri) else iri

    def resolve(self, text: str) -> str | None:
        """The node an id (`leiden`), an IRI or an `lshid:` name stands for, if on the map."""
        text = text.strip()
        if text.startswith("lshid:"):
            text = text[len("lshid:"):]
        iri = self.ids.get(text, text)
        return iri if iri in self.graph else None

    def label(self, iri: str, language: str = "en") -> str:
        return self.network.label(iri, language)


def load_documents(store: Store) -> dict[str, dict]:
    """The source documents: their labels, language (every quote of a document is in its language)
    and file name."""
    documents: dict[str, dict] = {}
    for row in store.select(DOCUMENTS):
        doc = documents.setdefault(row["doc"], {"labels": {}, "language": row.get("language"),
                                                "file": row.get("file")})
        if row.get("label"):
            doc["labels"].setdefault(row.get("labelLang") or "", row["label"])
    return documents


def _places(graph: nx.MultiDiGraph, node: str, depth: int = 5) -> set[str]:
    """Every place `node` is in, following lsh:locatedIn (a site -> its science park -> its city ->
    its region -> its country)."""
    found: set[str] = set()
    frontier = [node]
    for _ in range(depth):
        nxt = []
        for current in frontier:
            for _, place, key in graph.out_edges(current, keys=True):
                if key == LOCATED_IN and place not in found:
                    found.add(place)
                    nxt.append(place)
        frontier = nxt
    return found


def _sample_size(nodes: int, edges: int) -> int:
    """Sources sampled for betweenness: all of a small graph, fewer as the graph grows (each costs
    one breadth-first search), so that loading stays within seconds."""
    return min(nodes, max(8, min(100, 800_000 // max(1, nodes + edges))))


def build_map_model(network: Network, base_iri: str, documents: dict[str, dict] | None = None) -> MapModel:
    graph = network.graph
    links = nx.Graph()
    links.add_nodes_from(graph.nodes)
    links.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    model = MapModel(network, base_iri, links, documents=documents or {})
    for node, data in graph.nodes(data=True):
        model.family[node] = family_of(data.get("kind", ""))
        model.ids[model.short_id(node)] = node
        model.degree[node] = links.degree(node)
        for key in YEAR_KEYS:
            if key in data:
                model.year[node] = data[key]
                break
    _index_places(model)
    _index_participants(model)
    _index_areas(model)
    sample = _sample_size(links.number_of_nodes(), links.number_of_edges())
    model.betweenness = nx.betweenness_centrality(links, k=sample, seed=7) if len(links) > 2 else {}
    communities = nx.community.louvain_communities(links, seed=7) if links.number_of_edges() else []
    for number, members in enumerate(sorted(communities, key=len, reverse=True)):
        for member in members:
            model.community[member] = number
    model.ranked = sorted(graph.nodes, key=lambda n: (-model.degree[n], -model.betweenness.get(n, 0.0),
                                                      model.short_id(n)))
    model.ranked_index = {node: index for index, node in enumerate(model.ranked)}
    model.total_links = graph.number_of_edges()
    return model


def _index_places(model: MapModel) -> None:
    graph = model.graph
    for node in graph.nodes:
        model.places[node] = frozenset(_places(graph, node))
    for node in graph.nodes:
        # an organisation is also where its sites are (MSD is in Oss through its Oss plant)
        sites = [site for _, site, key in graph.out_edges(node, keys=True) if key == HAS_SITE]
        places = set(model.places[node]).union(*(model.places[s] for s in sites)) if sites else None
        if places is not None:
            model.places[node] = frozenset(places)
    for node, places in model.places.items():
        for place in places:
            model.in_place[place].add(node)
        model.city[node] = _nearest_city(model, node)


def _nearest_city(model: MapModel, node: str) -> str:
    """The city a node is in (its own if it is one), for clusters by city; "" if none."""
    if model.family[node].key == "city":
        return node
    frontier = [node]
    for _ in range(5):
        nxt = []
        for current in frontier:
            for _, place, key in model.graph.out_edges(current, keys=True):
                if key == LOCATED_IN:
                    if model.family[place].key == "city":
                        return place
                    nxt.append(place)
        frontier = nxt
    return ""


def _index_participants(model: MapModel) -> None:
    for node, family in model.family.items():
        if family.key in INITIATIVE_FAMILIES:
            model.participants[node] = {other for other in model.links.neighbors(node)
                                        if model.family[other].key in PARTICIPANT_FAMILIES}


def _index_areas(model: MapModel) -> None:
    graph = model.graph
    areas = [n for n, f in model.family.items() if f.key in TOPIC_FAMILIES]
    narrower: dict[str, set[str]] = defaultdict(set)
    for area in areas:
        for child, _, key in graph.in_edges(area, keys=True):
            if key == BROADER:
                narrower[area].add(child)
    for area in areas:
        covered, frontier = {area}, [area]
        while frontier:  # the area and every narrower area, however deep
            frontier = [c for a in frontier for c in narrower[a] if c not in covered]
            covered.update(frontier)
        members = set(covered)
        for each in covered:
            members.update(s for s, _, key in graph.in_edges(each, keys=True) if key in (AREA, TECHNOLOGY))
        model.area_members[area] = members


def in_places(model: MapModel, places: Iterable[str]) -> set[str]:
    """The places and everything in them. A hotspot covers the cities it lies in (Hotspot
    Oss-Nijmegen: Oss and Nijmegen)."""
    targets: set[str] = set()
    for place in places:
        targets.add(place)
        if model.family[place].key == "hotspot":
            targets.update(p for _, p, key in model.graph.out_edges(place, keys=True) if key == LOCATED_IN)
    members = set(targets)
    for target in targets:
        members.update(model.in_place.get(target, ()))
    return members


def in_rank_order(model: MapModel, nodes: set[str]) -> list[str]:
    """`nodes`, most connected first: picked out of the ranking when they are many (a pass over it
    costs less than sorting thousands), sorted when they are few."""
    if len(nodes) * 8 < len(model.ranked):
        return sorted(nodes, key=model.ranked_index.__getitem__)
    return list(compress(model.ranked, map(nodes.__contains__, model.ranked)))  # in C
