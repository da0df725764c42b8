"""Our terms, read from `ontology/lsh.ttl`: classes, properties, their ranges and what they entail."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef

from ontology import ONTOLOGY_FILE
from ontology.namespaces import LSH, OWL, RDF, RDFS

__all__ = ["Vocabulary", "load_vocabulary"]


@dataclass(frozen=True)
class Vocabulary:
    """The lsh: classes and properties, with their transitive super-classes and super-properties."""

    graph: Graph
    classes: frozenset[URIRef]
    object_properties: frozenset[URIRef]
    datatype_ranges: dict[URIRef, URIRef]
    superclasses: dict[URIRef, frozenset[URIRef]]
    superproperties: dict[URIRef, frozenset[URIRef]]

    def term(self, local_name: str) -> URIRef:
        return LSH[local_name]

    def is_class(self, local_name: str) -> bool:
        return LSH[local_name] in self.classes

    def property_kind(self, local_name: str) -> str | None:
        """'object', 'datatype' or None for a key that is no lsh: property."""
        term = LSH[local_name]
        if term in self.object_properties:
            return "object"
        if term in self.datatype_ranges:
            return "datatype"
        return None

    def local_names(self, kind: str) -> list[str]:
        """Sorted local names of 'class', 'object' or 'datatype' terms (for suggestions)."""
        terms = {"class": self.classes, "object": self.object_properties,
                 "datatype": self.datatype_ranges.keys()}[kind]
        return sorted(str(term)[len(str(LSH)):] for term in terms)


def _closure(graph: Graph, predicate: URIRef, terms: frozenset[URIRef]) -> dict:
    return {
        term: frozenset(graph.transitive_objects(term, predicate)) - {term}
        for term in terms
    }


def _ours(graph: Graph, rdf_type: URIRef) -> frozenset[URIRef]:
    return frozenset(
        term for term in graph.subjects(RDF.type, rdf_type)
        if isinstance(term, URIRef) and term.startswith(str(LSH))
    )


@cache
def load_vocabulary(path: Path = ONTOLOGY_FILE) -> Vocabulary:
    """Parse the ontology once per process."""
    graph = Graph().parse(path, format="turtle")
    classes = _ours(graph, OWL.Class)
    object_properties = _ours(graph, OWL.ObjectProperty)
    datatype_properties = _ours(graph, OWL.DatatypeProperty)
    ranges = {term: graph.value(term, RDFS.range) for term in datatype_properties}
    missing = sorted(str(term) for term, range_ in ranges.items() if range_ is None)
    if missing:
        raise ValueError(f"{path}: datatype properties without rdfs:range: {', '.join(missing)}")
    return Vocabulary(
        graph=graph,
        classes=classes,
        object_properties=object_properties,
        datatype_ranges=ranges,
        superclasses=_closure(graph, RDFS.subClassOf, classes),
        superproperties=_closure(graph, RDFS.subPropertyOf, object_properties | datatype_properties),
    )
