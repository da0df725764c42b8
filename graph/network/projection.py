"""The knowledge graph projected onto networkx: entities as nodes, asserted links as edges with
their evidence. Read once from the store; the map, paths, ego networks and exports work on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from graph.store.backends import Store
from graph.store.patterns import (
    RDF,
    RDF_TYPE,
    RDFS_LABEL,
    KindReader,
    language_of,
    members,
    objects_by_subject,
    pattern_reader,
    plain_row,
    text_of,
)
from ontology.namespaces import LSH

__all__ = ["ENTITY_ROOTS", "Network", "edge_rows", "load_network", "node_rows"]

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
LSH_BASIS, LSH_QUOTE = ox.NamedNode(f"{LSH}basis"), ox.NamedNode(f"{LSH}quote")
PROV_DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
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


def node_rows(store: Store, roots: Iterable[str] = ENTITY_ROOTS,
              use_patterns: bool | None = None) -> Iterator[dict[str, str]]:
    """The rows of NODES: by quad patterns from an embedded store (unless `use_patterns` is False),
    else by the query."""
    reader = pattern_reader(store, use_patterns)
    if reader is None:
        yield from store.select(NODES % _values(roots))
        return
    kinds = KindReader(reader, str(LSH))
    labels = objects_by_subject(reader, RDFS_LABEL)
    for root in roots:  # VALUES ?root: one root after the other
        for node in members(reader, ox.NamedNode(f"{LSH}{root}")):
            for kind in kinds.kinds(node):
                for label in labels.get(node, ()):
                    yield plain_row(node=node, kind=kind, label=label, lang=language_of(label))


def edge_rows(store: Store, use_patterns: bool = False) -> Iterator[dict[str, str]]:
    """The rows of EDGES: by the query, or by quad patterns from an embedded store (`use_patterns`).

    By patterns, each property of the evidence nodes is read in one walk (a lookup per node costs a
    seek each), narrowed to the statements EDGES keeps as it goes; the walk over rdf:subject comes
    last and gives the order. It is not the default: every walk turns each evidence node it passes
    into Python objects, while Oxigraph joins them on its own ids and makes objects of the rows it
    keeps only (at ten million triples, 32 s by patterns against 19 s by the query: see
    bench/results/at-scale/derive-speed.md)."""
    reader = pattern_reader(store, use_patterns)
    if reader is None:
        yield from store.select(EDGES)
        return
    lsh = str(LSH)
    predicates = objects_by_subject(reader, ox.NamedNode(RDF + "predicate"),
                                    lambda _, p: p != RDF_TYPE and (text_of(p) or "").startswith(lsh))
    objects = objects_by_subject(reader, ox.NamedNode(RDF + "object"),
                                 lambda e, o: isinstance(o, ox.NamedNode) and e in predicates)
    bases = objects_by_subject(reader, LSH_BASIS, lambda e, _: e in objects)
    sources = objects_by_subject(reader, PROV_DERIVED_FROM, lambda e, _: e in bases)
    quotes = objects_by_subject(reader, LSH_QUOTE, lambda e, _: e in bases)
    for quad in reader.quads_matching(None, ox.NamedNode(RDF + "subject"), None):
        evidence = quad.subject
        if evidence not in bases:
            continue
        for p in predicates[evidence]:
            for o in objects[evidence]:
                for basis in bases[evidence]:
                    for source in sources.get(evidence) or (None,):
                        for quote in quotes.get(evidence) or (None,):
                            yield plain_row(s=quad.object, p=p, o=o, basis=basis, source=source, quote=quote)


def load_network(store: Store, roots: Iterable[str] = ENTITY_ROOTS, *,
                 use_patterns: bool | None = None) -> Network:
    """Read the nodes, their attributes and every asserted link between them (with evidence).

    The nodes are read by quad patterns from an embedded store (unless `use_patterns` is False), by
    SPARQL from a remote one; the links by SPARQL unless `use_patterns` is True (see `edge_rows`).
    The network is the same either way."""
    graph = nx.MultiDiGraph()
    for row in node_rows(store, roots, use_patterns):
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
    for row in edge_rows(store, use_patterns=bool(use_patterns)):
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
