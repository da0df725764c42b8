"""SPARQL 1.1 Service Description and VoID description of the dataset, as RDF."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD

from graph.store.backends import Store
from graph.store.derived import DatasetVersion
from graph.store.results import GRAPH_FORMATS, SOLUTION_FORMATS
from ontology.namespaces import LSH, PREFIXES

__all__ = ["service_description", "void_description"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
PAV = Namespace("http://purl.org/pav/")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
FORMAT_IRIS = {"json": FORMATS.SPARQL_Results_JSON, "xml": FORMATS.SPARQL_Results_XML,
               "csv": FORMATS.SPARQL_Results_CSV, "tsv": FORMATS.SPARQL_Results_TSV,
               "ttl": FORMATS.Turtle, "nt": FORMATS["N-Triples"], "jsonld": FORMATS["JSON-LD"],
               "rdfxml": FORMATS.RDF_XML}

CLASS_PARTITIONS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY ?class"""
PROPERTY_PARTITIONS = """
SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p"""
COUNTS = """
SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects) WHERE { ?s ?p ?o }"""


def _new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    graph.bind("pav", PAV)
    return graph


def _version(graph: Graph, node: URIRef | BNode, version: DatasetVersion | None) -> None:
    """The dataset's version: its content hash (owl:versionInfo, pav:version) and its date."""
    if version is not None:
        graph.add((node, OWL.versionInfo, Literal(version.hash)))
        graph.add((node, PAV.version, Literal(version.hash)))
        graph.add((node, DCTERMS.modified, Literal(version.date, datatype=XSD.date)))


def void_description(store: Store, dataset_iri: str, endpoint_url: str,
                     version: DatasetVersion | None = None) -> Graph:
    """VoID: version, size, class and property partitions, vocabularies, the endpoint."""
    graph = _new_graph()
    dataset = URIRef(dataset_iri)
    graph.add((dataset, RDF.type, VOID.Dataset))
    _version(graph, dataset, version)
    graph.add((dataset, DCTERMS.title, Literal("lsh-kg: Dutch Life Sciences & Health ecosystem", lang="en")))
    graph.add((dataset, DCTERMS.title, Literal("lsh-kg: het Nederlandse life sciences & health-ecosysteem",
                                               lang="nl")))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(endpoint_url)))
    graph.add((dataset, VOID.triples, Literal(store.triple_count(), datatype=XSD.integer)))
    counts = store.select(COUNTS)[0]
    graph.add((dataset, VOID.distinctSubjects, Literal(int(counts["subjects"]), datatype=XSD.integer)))
    graph.add((dataset, VOID.distinctObjects, Literal(int(counts["objects"]), datatype=XSD.integer)))
    for namespace in (LSH, "https://schema.org/", "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#",
                      "http://www.w3.org/2004/02/skos/core#"):
        graph.add((dataset, VOID.vocabulary, URIRef(str(namespace))))
    for index, row in enumerate(store.select(CLASS_PARTITIONS)):
        partition = URIRef(f"{dataset_iri}/class/{index}")
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], URIRef(row["class"])))
        graph.add((partition, VOID.entities, Literal(int(row["n"]), datatype=XSD.integer)))
    for index, row in enumerate(store.select(PROPERTY_PARTITIONS)):
        partition = URIRef(f"{dataset_iri}/property/{index}")
        graph.add((dataset, VOID.propertyPartition, partition))
        graph.add((partition, VOID.property, URIRef(row["p"])))
        graph.add((partition, VOID.triples, Literal(int(row["n"]), datatype=XSD.integer)))
    return graph


def service_description(endpoint_url: str, dataset_iri: str, *, timeout_s: float,
                        max_rows: int, version: DatasetVersion | None = None) -> Graph:
    """SPARQL 1.1 Service Description of the read-only endpoint."""
    graph = _new_graph()
    service = URIRef(endpoint_url)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name in list(SOLUTION_FORMATS) + list(GRAPH_FORMATS):
        graph.add((service, SD.resultFormat, FORMAT_IRIS[name]))
    default = BNode("defaultDataset")
    graph.add((service, SD.defaultDataset, default))
    graph.add((default, RDF.type, SD.Dataset))
    graph.add((default, DCTERMS.source, URIRef(dataset_iri)))
    _version(graph, default, version)
    default_graph = BNode("defaultGraph")
    graph.add((default, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    graph.add((default_graph, DCTERMS.description, Literal(
        f"Read-only. Queries stop after {timeout_s:g} s (HTTP 503); answers hold at most "
        f"{max_rows} rows or triples. SERVICE, updates and FROM outside the store are refused.",
        lang="en")))
    return graph
