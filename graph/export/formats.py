"""Subgraph export: the formats, and the one entry point `export()`.

A `Subgraph` (`graph.export.subgraph`) is a piece of the network (nodes with kind, labels and
coordinates; links with their evidence) and, for a CONSTRUCT query, the exact triples of its answer.
`export()` writes it in one of `FORMATS`: RDF (from the store, with the evidence), graph files for
Gephi and Cytoscape, CSV tables, or a standalone HTML map. The selections themselves live in
`graph.export.select`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from graph.export.about import About, file_stem
from graph.export.subgraph import ExportError, Subgraph
from graph.store.backends import Store
from graph.store.derived import DatasetVersion
from graph.store.version import store_version

__all__ = ["FORMATS", "ExportFormat", "Exported", "export", "format_named"]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    media_type: str
    extension: str
    description: str


@dataclass(frozen=True)
class Exported:
    body: bytes
    media_type: str
    filename: str


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("ttl", "text/turtle", "ttl", "Turtle"),
    ExportFormat("trig", "application/trig", "trig", "TriG: one named graph per source document"),
    ExportFormat("nt", "application/n-triples", "nt", "N-Triples"),
    ExportFormat("jsonld", "application/ld+json", "jsonld", "JSON-LD with a @context"),
    ExportFormat("rdfxml", "application/rdf+xml", "rdf", "RDF/XML"),
    ExportFormat("graphml", "application/graphml+xml", "graphml", "GraphML (Gephi, Cytoscape, yEd)"),
    ExportFormat("gexf", "application/gexf+xml", "gexf", "GEXF (Gephi)"),
    ExportFormat("csv", "application/zip", "csv.zip", "CSV node and edge lists, zipped"),
    ExportFormat("cyjs", "application/json", "cyjs", "Cytoscape.js JSON"),
    ExportFormat("html", "text/html; charset=utf-8", "html", "a map that opens offline"),
)}
ALIASES = {"turtle": "ttl", "n-triples": "nt", "ntriples": "nt", "json-ld": "jsonld", "rdf": "rdfxml",
           "xml": "rdfxml", "rdf-xml": "rdfxml", "cytoscape": "cyjs", "zip": "csv"}
RDF_FORMATS = ("ttl", "trig", "nt", "jsonld", "rdfxml")


def format_named(name: str | None) -> ExportFormat:
    """The format for a name or alias (case-insensitive); ExportError names the allowed ones."""
    key = (name or "").strip().lower()
    key = ALIASES.get(key, key)
    if key not in FORMATS:
        raise ExportError("format", f"format={name!r} is not an export format", allowed=list(FORMATS))
    return FORMATS[key]


def _writer(name: str) -> Callable[..., bytes]:
    # imported on use: each writer pulls in its own libraries
    if name in RDF_FORMATS:
        from graph.export.rdf import write_rdf
        return lambda sub, store, base_iri: write_rdf(sub, store, base_iri, name)
    if name == "html":
        from graph.export.html import write_html
        return lambda sub, store, base_iri: write_html(sub, base_iri)
    from graph.export.network_formats import WRITERS
    return lambda sub, store, base_iri: WRITERS[name](sub, base_iri)


_RECORDED = DatasetVersion("", "")  # "read the version the store recorded"


def export(subgraph: Subgraph, format_name: str, store: Store, base_iri: str, *,
           version: DatasetVersion | None = _RECORDED) -> Exported:
    """The subgraph written in the named format, with the dataset version (by default the one
    recorded beside the store) in its metadata and a file name that says what it holds and from
    which version: `lsh-kg-<short hash>-<what>.<extension>`."""
    chosen = format_named(format_name)
    if version is _RECORDED:
        version = store_version(store)
    # a copy: the caller's subgraph stays as it was (it may be written again in another format)
    about = About(subgraph.title, subgraph.name, version)
    described = replace(subgraph, extra={**subgraph.extra, "about": about})
    body = _writer(chosen.name)(described, store, base_iri)
    return Exported(body, chosen.media_type, f"{file_stem(subgraph.name, version)}.{chosen.extension}")
