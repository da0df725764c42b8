"""Subgraph export: the formats, and the one entry point `export()`.

A `Subgraph` (`graph.export.subgraph`) is a piece of the network (nodes with kind, labels and
coordinates; links with their evidence) and, for a CONSTRUCT query, the exact triples of its answer.
`export()` writes it in one of `FORMATS`: RDF (from the store, with the evidence), graph files for
Gephi and Cytoscape, CSV tables, or a standalone HTML map. The selections themselves live in
`graph.export.select`.

N-Triples, N-Quads and the CSV zip are streamed: `export()` reads what they hold under the deadline and
returns, and their bytes are written as `Exported.chunks` is read (see `STREAMED`). The other
formats' writers need the whole graph at once, and are written whole, under the deadline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from graph.export.about import About, file_stem
from graph.export.subgraph import ExportError, Subgraph
from graph.messages import message
from graph.store.backends import Store
from graph.store.deadline import Deadline
from graph.store.derived import DatasetVersion
from graph.store.version import store_version

__all__ = ["FORMATS", "STREAMED", "ExportFormat", "Exported", "export", "format_named"]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    media_type: str
    extension: str
    description: str


@dataclass
class Exported:
    """An export: its bytes as `chunks` (one piece, or a stream written as it is read; read it
    once), or all at once as `body`."""

    chunks: Iterable[bytes]
    media_type: str
    filename: str
    streamed: bool = False

    @cached_property
    def body(self) -> bytes:
        return self.chunks if isinstance(self.chunks, bytes) else b"".join(self.chunks)


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("ttl", "text/turtle", "ttl", "Turtle"),
    ExportFormat("trig", "application/trig", "trig", message("TriG: one named graph per source document")),
    ExportFormat("nt", "application/n-triples", "nt", "N-Triples"),
    ExportFormat("nq", "application/n-quads", "nq",
                 message("N-Quads: the named graphs of TriG, line by line")),
    ExportFormat("jsonld", "application/ld+json", "jsonld", message("JSON-LD with a @context")),
    ExportFormat("rdfxml", "application/rdf+xml", "rdf", "RDF/XML"),
    ExportFormat("graphml", "application/graphml+xml", "graphml", "GraphML (Gephi, Cytoscape, yEd)"),
    ExportFormat("gexf", "application/gexf+xml", "gexf", "GEXF (Gephi)"),
    ExportFormat("csv", "application/zip", "csv.zip", message("CSV node and edge lists, zipped")),
    ExportFormat("cyjs", "application/json", "cyjs", "Cytoscape.js JSON"),
    ExportFormat("html", "text/html; charset=utf-8", "html", message("a map that opens offline")),
)}
ALIASES = {"turtle": "ttl", "n-triples": "nt", "ntriples": "nt", "n-quads": "nq", "nquads": "nq",
           "json-ld": "jsonld", "rdf": "rdfxml",
           "xml": "rdfxml", "rdf-xml": "rdfxml", "cytoscape": "cyjs", "zip": "csv"}
RDF_FORMATS = ("ttl", "trig", "nt", "nq", "jsonld", "rdfxml")
STREAMED = ("nt", "nq", "csv")  # written line by line as the answer is read; a cut stream says so at its end


def format_named(name: str | None) -> ExportFormat:
    """The format for a name or alias (case-insensitive); ExportError names the allowed ones."""
    key = (name or "").strip().lower()
    key = ALIASES.get(key, key)
    if key not in FORMATS:
        raise ExportError("format", message("format=%(name)s is not an export format", name=repr(name)),
                          allowed=list(FORMATS))
    return FORMATS[key]


def _writer(name: str) -> Callable[[Subgraph, Store, str, Deadline | None], Iterable[bytes]]:
    # imported on use: each writer pulls in its own libraries
    if name in ("nt", "nq"):
        from graph.export.rdf import stream_rdf
        return lambda sub, store, base_iri, deadline: stream_rdf(sub, store, base_iri, deadline or Deadline(),
                                                                 quads=name == "nq")
    if name in RDF_FORMATS:
        from graph.export.rdf import write_rdf
        return lambda sub, store, base_iri, deadline: write_rdf(sub, store, base_iri, name, deadline)
    if name == "html":
        from graph.export.html import write_html
        return lambda sub, store, base_iri, deadline: write_html(sub, base_iri)
    if name == "csv":
        from graph.export.network_formats import csv_zip_chunks
        return lambda sub, store, base_iri, deadline: csv_zip_chunks(sub, base_iri, deadline)
    from graph.export.network_formats import WRITERS
    return lambda sub, store, base_iri, deadline: WRITERS[name](sub, base_iri, deadline)


_RECORDED = DatasetVersion("", "")  # "read the version the store recorded"


def export(subgraph: Subgraph, format_name: str, store: Store, base_iri: str, *,
           deadline: Deadline | None = None, version: DatasetVersion | None = _RECORDED) -> Exported:
    """The subgraph written in the named format, with the dataset version (by default the one
    recorded beside the store) in its metadata and a file name that says what it holds and from
    which version: `lsh-kg-<short hash>-<what>.<extension>`.

    Raises `graph.store.deadline.WorkCut` once `deadline` passes before the export is ready; a
    streamed format (STREAMED) is ready once what it holds is read, and if the deadline passes
    while its chunks are read, it ends with a note that it is incomplete.
    """
    chosen = format_named(format_name)
    if version is _RECORDED:
        version = store_version(store)
    # a copy: the caller's subgraph stays as it was (it may be written again in another format)
    about = About(subgraph.title, subgraph.name, version)
    described = replace(subgraph, extra={**subgraph.extra, "about": about})
    chunks = _writer(chosen.name)(described, store, base_iri, deadline)
    return Exported(chunks, chosen.media_type, f"{file_stem(subgraph.name, version)}.{chosen.extension}",
                    streamed=isinstance(chunks, Iterator))
