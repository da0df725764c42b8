"""The knowledge graph projected onto networkx: entities as nodes, asserted links as edges with
their evidence. Read once from the store; the map, paths, ego networks and exports work on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from graph.store.backends import Store
from ontology.namespaces import LSH

__all__ = ["ENTITY_ROOTS", "Network", "load_network"]

# the kinds of thing that are nodes of the network
ENTITY_ROOTS = ("Organisation", "Initiative", "Place", "Site", "Person", "Deal", "TherapeuticArea",
                "Strength", "Event", "Product", "RegulatoryDecision", "Technology")

_PREFIX = f"""PREFIX lsh: <{LSH}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
NODES = _PREFIX + """
SELECT ?node ?kind ?label ?lang WHERE {
  VALUES ?root { %s }
  ?node a ?root ; a ?kind ; rdfs:label ?label . FILTER(STRSTARTS(STR(?kind), STR(lsh:)))
  FILTER NOT EXISTS { ?node a ?narrower . ?narrower rdfs:subClassOf ?kind . FILTER(?narrower != ?kind) }
  BIND(LANG(?label) AS ?lang)
}"""
ATTRIBUTES = _PREFIX + """
SELECT ?node ?property ?value WHERE {
  VALUES ?property { lsh:latitude lsh:longitude lsh:startYear lsh:foundedYear lsh:year lsh:endYear
                    lsh:abbreviation }
  ?node ?property ?value .
}"""
EDGES = _PREFIX + """
SELECT ?s ?p ?o ?basis ?source ?quote WHERE {
  ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; lsh:basis ?basis .
  FILTER(isIRI(?o) && ?p != rdf:type && STRSTARTS(STR(?p), STR(lsh:)))
  OPTIONAL { ?e prov:wasDerivedFrom ?source } OPTIONAL { ?e lsh:quote ?quote }
}"""  # one pattern per OPTIONAL: Oxigraph joins those a fifth faster at a million triples
IMPORTS = """
SELECT DISTINCT ?node ?g ?shipped WHERE { GRAPH ?g { ?node a ?kind } FILTER(CONTAINS(STR(?g), "/import/"))
  BIND(EXISTS { ?node a ?other . FILTER NOT EXISTS { GRAPH ?any { ?node a ?other } } } AS ?shipped) }"""
ROLES = _PREFIX + """
SELECT ?member ?organisation ?role WHERE {
  ?m a lsh:Membership ; <http://www.w3.org/ns/org#member> ?member ;
     <http://www.w3.org/ns/org#organization> ?organisation ; lsh:role ?role .
}"""
PROPERTY_LABELS = _PREFIX + """
SELECT ?p ?label ?lang WHERE { ?p a ?type ; rdfs:label ?label . BIND(LANG(?label) AS ?lang)
  VALUES ?type { <http://www.w3.org/2002/07/owl#ObjectProperty> } }"""


@dataclass
class Network:
    """A directed multigraph: node keys are IRIs; edge keys are predicate IRIs.

    Node attributes: kind (lsh class name), labels {lang: text}, and where known lat, lon,
    startYear, foundedYear, year, endYear, abbreviations. Edge attributes: predicate, labels
    {lang: text}, evidence [{basis, source, quote}], roles [text] for memberships.
    """

    graph: nx.MultiDiGraph
    kind_labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def label(self, node: str, language: str = "en") -> str:
        labels = self.graph.nodes[node].get("labels", {})
        return labels.get(language) or next(iter(labels.values()), node.rsplit("/", 1)[-1])

    def ego(self, node: str, depth: int = 1, kinds: Iterable[str] = ()) -> nx.MultiDiGraph:
        """The neighbourhood of `node` up to `depth` links away, either direction."""
        undirected = self.graph.to_undirected(as_view=True)
        reached = nx.single_source_shortest_path_length(undirected, node, cutoff=depth)
        wanted = set(kinds)
        keep = [n for n in reached if n == node or not wanted or self.graph.nodes[n].get("kind") in wanted]
        return self.graph.subgraph(keep).copy()

    def shortest_paths(self, source: str, target: str, limit: int = 5) -> list[list[str]]:
        """Up to `limit` shortest paths between two nodes, ignoring link direction."""
        undirected = nx.Graph(self.graph.to_undirected(as_view=True))
        try:
            paths = nx.all_shortest_paths(undirected, source, target)
            return [path for _, path in zip(range(limit), paths, strict=False)]
        except nx.NetworkXNoPath:
            return []

    def links_between(self, a: str, b: str) -> list[dict]:
        """Every edge between two nodes, in either direction, with its evidence."""
        found = []
        for source, target in ((a, b), (b, a)):
            for key, data in (self.graph.get_edge_data(source, target) or {}).items():
                found.append({"from": source, "to": target, "predicate": key, **data})
        return found


def _values(roots: Iterable[str]) -> str:
    return " ".join(f"lsh:{root}" for root in roots)


def load_network(store: Store, roots: Iterable[str] = ENTITY_ROOTS) -> Network:
    """Read the nodes, their attributes and every asserted link between them (with evidence)."""
    graph = nx.MultiDiGraph()
    for row in store.select(NODES % _values(roots)):
        node = graph.nodes.get(row["node"])
        if node is None:
            graph.add_node(row["node"], kind=row["kind"][len(str(LSH)):], labels={}, abbreviations=[])
            node = graph.nodes[row["node"]]
        if row.get("lang"):
            node["labels"].setdefault(row["lang"], row["label"])
    for row in store.select(ATTRIBUTES):
        if row["node"] not in graph:
            continue
        name = row["property"][len(str(LSH)):]
        node = graph.nodes[row["node"]]
        if name == "abbreviation":
            node["abbreviations"].append(row["value"])
        elif name in ("latitude", "longitude"):
            node["lat" if name == "latitude" else "lon"] = float(row["value"])
        else:
            node[name] = int(row["value"])
    property_labels: dict[str, dict[str, str]] = {}
    for row in store.select(PROPERTY_LABELS):
        property_labels.setdefault(row["p"], {})[row["lang"]] = row["label"]
    for row in store.select(EDGES):
        if row["s"] not in graph or row["o"] not in graph:
            continue
        if not graph.has_edge(row["s"], row["o"], key=row["p"]):
            graph.add_edge(row["s"], row["o"], key=row["p"], predicate=row["p"],
                           labels=property_labels.get(row["p"], {}), evidence=[], roles=[])
        evidence = {"basis": row["basis"][len(str(LSH)):], "source": row.get("source"),
                    "quote": row.get("quote")}
        edge = graph.edges[row["s"], row["o"], row["p"]]
        if evidence not in edge["evidence"]:
            edge["evidence"].append(evidence)
    for row in store.select(ROLES):
        data = graph.get_edge_data(row["member"], row["organisation"], key=str(LSH.memberOf))
        if data is not None and row["role"] not in data["roles"]:
            data["roles"].append(row["role"])
    for row in store.select(IMPORTS):  # users' imports that describe a node: its sources beside ours
        if row["node"] in graph:  # shipped: the node has a type no import gave it
            node = graph.nodes[row["node"]]
            node.setdefault("imports", []).append(row["g"].rsplit("/import/", 1)[1])
            node["shipped"] = row["shipped"] == "true"
    _place_by_city(graph)
    return Network(graph)


def _place_by_city(graph: nx.MultiDiGraph) -> None:
    """Give nodes without coordinates those of the place they are in (up to three hops:
    organisation -> science park -> city), for the geographic layout."""
    located_in = str(LSH.locatedIn)
    for _ in range(3):
        for node, data in graph.nodes(data=True):
            if "lat" in data:
                continue
            for _, place, key in graph.out_edges(node, keys=True):
                if key == located_in and "lat" in graph.nodes[place]:
                    data["lat"], data["lon"] = graph.nodes[place]["lat"], graph.nodes[place]["lon"]
                    data["placedBy"] = place
                    break
