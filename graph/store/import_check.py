"""An import made ready and checked before anything is written: evidence for every fact (its own
source and quote, or "supplied by the importer"), provenance, what the ontology entails, then
pySHACL against ontology/shapes.ttl with every problem told at its file and line (or row, column).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from graph.records.entailment import entailed_triples
from graph.records.validate import validate_graph
from graph.store.import_problems import ImportProblem, ReadImport
from ontology import SHAPES_FILE
from ontology.namespaces import DCTERMS, LSH, PREFIXES, PROV, RDF
from ontology.vocabulary import load_vocabulary

__all__ = ["ImportProvenance", "check_import", "import_graph_iri", "mentioned", "prepare_import"]

NO_EVIDENCE_NEEDED = {LSH.quote, LSH.basis}


@dataclass(frozen=True)
class ImportProvenance:
    """Who imported which file when: the file's name, its SHA-256, the time (UTC, ISO) and who."""

    name: str
    file: str
    sha256: str
    time: str
    who: str


def import_graph_iri(base_iri: str, name: str) -> URIRef:
    """The named graph of one import; it is also the source its facts' evidence points at."""
    return URIRef(f"{base_iri}import/{name}")


def _needs_evidence(graph: Graph, triple: tuple) -> bool:
    subject, predicate, value = triple
    if (subject, RDF.type, LSH.Evidence) in graph:
        return False
    if predicate == RDF.type:
        return isinstance(value, URIRef) and value.startswith(str(LSH))
    return predicate.startswith(str(LSH)) and predicate not in NO_EVIDENCE_NEEDED


def _has_evidence(graph: Graph, triple: tuple) -> bool:
    subject, predicate, value = triple
    return any((node, RDF.object, value) in graph and (node, RDF.predicate, predicate) in graph
               for node in graph.subjects(RDF.subject, subject))


def prepare_import(read: ReadImport, provenance: ImportProvenance, base_iri: str) -> Graph:
    """The import's graph as it will be stored: its facts, evidence for those its file gave none
    (pointing at the import), what the ontology entails, and the import's provenance."""
    source = import_graph_iri(base_iri, provenance.name)
    graph = Graph()
    graph += read.graph
    for triple in list(read.graph):
        if not _needs_evidence(read.graph, triple) or _has_evidence(read.graph, triple):
            continue
        key = "\x1f".join(term.n3() for term in (*triple, source))
        node = URIRef(f"{base_iri}evidence/import-{hashlib.sha256(key.encode()).hexdigest()[:20]}")
        graph.add((node, RDF.type, LSH.Evidence))
        graph.add((node, RDF.subject, triple[0]))
        graph.add((node, RDF.predicate, triple[1]))
        graph.add((node, RDF.object, triple[2]))
        graph.add((node, LSH.basis, LSH.SuppliedByImporter))
        graph.add((node, PROV.wasDerivedFrom, source))
    vocabulary = load_vocabulary()
    for triple in list(entailed_triples(graph, vocabulary)):
        graph.add(triple)
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, DCTERMS.title, Literal(provenance.name)))
    graph.add((source, DCTERMS.source, Literal(provenance.file)))
    graph.add((source, DCTERMS.identifier, Literal(f"sha256:{provenance.sha256}")))
    graph.add((source, PROV.generatedAtTime, Literal(provenance.time, datatype=XSD.dateTime)))
    graph.add((source, DCTERMS.creator, Literal(provenance.who)))
    return graph


def _short(term: URIRef) -> str:
    for prefix, namespace in PREFIXES.items():
        if term.startswith(namespace):
            return f"{prefix}:{term[len(namespace):]}"
    return f"<{term}>"


def _expand(text: str) -> URIRef | None:
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    prefix, _, local = text.partition(":")
    return URIRef(PREFIXES[prefix] + local) if prefix in PREFIXES else None


NESTED = re.compile(r"Value does not conform to Shape <([^>]+)>")


@cache
def _shape_messages() -> dict[str, str]:
    """Each shape's own sh:message: pySHACL names only the nested shape a value fails (sh:node)."""
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    return {str(shape): str(message) for shape, message in
            shapes.subject_objects(URIRef("http://www.w3.org/ns/shacl#message"))}


def _message(text: str) -> str:
    found = NESTED.search(text)
    return _shape_messages().get(found.group(1), text) if found else text


def check_import(read: ReadImport, prepared: Graph, context: Graph) -> list[ImportProblem]:
    """Every violation of the shapes the import brings, each at its place in the file.

    `context` holds the types and labels, in the store in use, of the entities the import names,
    so that it may link to them; their own facts are the shipped data's business, not the import's.
    """
    data = Graph()
    data += prepared
    data += context
    data += load_vocabulary().graph
    for triple in list(entailed_triples(data, load_vocabulary())):
        data.add(triple)
    own = set(prepared.subjects())
    from_context = {(_short(s), _short(p), _short(o)) for s, p, o in context
                    if isinstance(o, URIRef)}  # type: ignore[arg-type]
    problems = []
    for violation in validate_graph(data):
        focus = _expand(violation.focus)
        if focus not in own or (violation.focus, violation.path, violation.value) in from_context:
            continue
        path = _expand(violation.path) if violation.path else None
        line, column = read.position(focus, path)
        message = _message(violation.message) + (f" (value {violation.value})" if violation.value else "")
        problems.append(ImportProblem(read.file, message, line, column, violation.focus, violation.path))
    return problems


def mentioned(graph: Graph) -> set[URIRef]:
    """Every IRI the import names as a subject or object (whose types the store may know)."""
    return {term for triple in graph for term in (triple[0], triple[2]) if isinstance(term, URIRef)}



