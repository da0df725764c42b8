"""The triples our ontology entails by rdfs:subClassOf and rdfs:subPropertyOf, written out.

Written into the dataset so that a query using schema.org, W3C ORG, PROV-O or SKOS terms finds
our data on any engine, with no reasoner.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph

from ontology.namespaces import RDF
from ontology.vocabulary import Vocabulary

__all__ = ["entailed_triples"]


def entailed_triples(graph: Graph, vocabulary: Vocabulary) -> Iterator[tuple]:
    """Super-class types and super-property triples of every lsh: type and lsh: property."""
    for subject, rdf_type in list(graph.subject_objects(RDF.type)):
        for superclass in vocabulary.superclasses.get(rdf_type, ()):
            yield subject, RDF.type, superclass
    for prop, superproperties in vocabulary.superproperties.items():
        for subject, obj in list(graph.subject_objects(prop)):
            for superproperty in superproperties:
                yield subject, superproperty, obj
