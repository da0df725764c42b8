"""Evidence as RDF: one reified `lsh:Evidence` statement per asserted triple and passage."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.records.assertions import Assertion, Evidence
from ontology.namespaces import LSH, PROV, RDF

__all__ = ["evidence_triples"]

Triple = tuple[Node, Node, Node]


def evidence_iri(base_iri: str, assertion: Assertion, evidence: Evidence) -> URIRef:
    """A stable IRI: the same triple and passage always give the same evidence node."""
    key = "\x1f".join((assertion.subject.n3(), assertion.predicate.n3(), assertion.object.n3(),
                       evidence.source or "", evidence.quote or ""))
    return URIRef(f"{base_iri}evidence/{hashlib.sha256(key.encode()).hexdigest()[:20]}")


def evidence_triples(base_iri: str, assertion: Assertion) -> Iterator[Triple]:
    """The reification of one assertion for each piece of its evidence."""
    for evidence in assertion.evidence:
        node = evidence_iri(base_iri, assertion, evidence)
        yield node, RDF.type, LSH.Evidence
        yield node, RDF.subject, assertion.subject
        yield node, RDF.predicate, assertion.predicate
        yield node, RDF.object, assertion.object
        if evidence.is_general_knowledge:
            yield node, LSH.basis, LSH.GeneralKnowledge
        else:
            yield node, LSH.basis, LSH.DocumentReference if evidence.is_reference else LSH.DocumentQuote
            yield node, PROV.wasDerivedFrom, URIRef(base_iri + str(evidence.source))
            yield node, LSH.quote, Literal(str(evidence.quote), lang=evidence.language)
