"""Build the dataset: records -> RDF with evidence and entailments -> one sorted N-Triples file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from graph.records.convert import Assertion, convert_records
from graph.records.entailment import entailed_triples
from graph.records.evidence import evidence_triples
from graph.records.loader import Origin, load_records
from ontology.namespaces import PREFIXES
from ontology.vocabulary import Vocabulary, load_vocabulary

__all__ = ["BuiltDataset", "build_records", "ntriples", "write_atomically"]


@dataclass
class BuiltDataset:
    """The built graph and, for error reports, where each subject and each of its fields is written."""

    graph: Graph
    assertions: list[Assertion]
    origins: dict[tuple[URIRef, URIRef | None], Origin] = field(default_factory=dict)

    def origin_of(self, subject: URIRef, predicate: URIRef | None = None) -> Origin | None:
        return self.origins.get((subject, predicate)) or self.origins.get((subject, None))


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def assemble(assertions: Iterable[Assertion], vocabulary: Vocabulary, base_iri: str) -> BuiltDataset:
    """Asserted triples, their evidence, the ontology and what the ontology entails."""
    graph = new_graph()
    built = BuiltDataset(graph, [])
    for assertion in assertions:
        built.assertions.append(assertion)
        graph.add((assertion.subject, assertion.predicate, assertion.object))
        built.origins.setdefault((assertion.subject, None), assertion.origin)
        built.origins.setdefault((assertion.subject, assertion.predicate), assertion.origin)
        for triple in evidence_triples(base_iri, assertion):
            graph.add(triple)
            built.origins.setdefault((triple[0], None), assertion.origin)
    graph += vocabulary.graph
    for triple in list(entailed_triples(graph, vocabulary)):
        graph.add(triple)
    return built


def build_records(records_dir: Path, base_iri: str) -> BuiltDataset:
    """Read and convert every record; raises RecordError naming file, line and field. The example
    gallery joins the dataset in `graph.store.dataset`."""
    vocabulary = load_vocabulary()
    return assemble(convert_records(load_records(records_dir), vocabulary, base_iri), vocabulary, base_iri)


def ntriples(graph: Graph) -> bytes:
    """Canonical bytes: N-Triples lines, sorted, so the same input always gives the same file."""
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines()
    return b"\n".join(sorted(set(line for line in lines if line.strip()))) + b"\n"


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
