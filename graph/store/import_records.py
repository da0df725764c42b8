"""A YAML file of records in our own format (docs/data-model.md) read as an import: converted with
the shipped records beside it, so that it may point at their ids, and keeping only its own facts."""

from __future__ import annotations

import tempfile
from pathlib import Path

from rdflib import Graph

from graph.records.build import assemble
from graph.records.convert import convert_records
from graph.records.loader import RecordError, load_records
from graph.store.import_problems import ImportProblem, ImportRefused, ReadImport
from ontology.vocabulary import load_vocabulary

__all__ = ["read_records"]


def read_records(file: str, data: bytes, base_iri: str, records_dir: Path | None) -> ReadImport:
    """The import's records as RDF with their own evidence (source and quote, or general knowledge)."""
    vocabulary = load_vocabulary()
    with tempfile.TemporaryDirectory(prefix="lshkg-import-") as folder:
        own = Path(folder) / file
        own.write_bytes(data)
        try:
            records = list(load_records(Path(folder)))
            shipped = list(load_records(records_dir)) if records_dir else []
            assertions = [a for a in convert_records(shipped + records, vocabulary, base_iri)
                          if Path(a.origin.file).name == file and Path(a.origin.file).parent.name
                          == Path(folder).name]
        except RecordError as error:
            raise ImportRefused([ImportProblem(file, error.message, error.origin.line or None,
                                               focus=None, path=error.origin.field)]) from None
    built = assemble(assertions, vocabulary, base_iri)
    graph = Graph()
    for triple in built.graph - vocabulary.graph:
        graph.add(triple)
    read = ReadImport(file, graph, text=data.decode("utf-8", "replace"))
    for (subject, predicate), origin in built.origins.items():
        read.positions[(subject, predicate)] = (origin.line, None)
    return read
