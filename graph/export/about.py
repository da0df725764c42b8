"""What every export says about itself: the dataset version it was made from (the content hash and
date `lshkg build` recorded), its title, and the file name stem that carries the version.

Each writer puts this where its format keeps metadata (RDF: a description of the export and of
the dataset version; GEXF and GraphML: meta and graph data; CSV: the zip's comment and a CSV on the
Web metadata file; JSON: a field; HTML: meta tags and a line under the map), so that a file found
later says which data it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from graph.messages import message
from graph.store.derived import DatasetVersion
from ontology.namespaces import PREFIXES

__all__ = ["PAV", "About", "dataset_iri", "file_stem", "rdf_description", "version_words",
           "versioned_dataset_iri"]

PAV = "http://purl.org/pav/"
_RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
_DCTERMS, _OWL, _PROV, _XSD = (PREFIXES[p] for p in ("dcterms", "owl", "prov", "xsd"))
_VOID = "http://rdfs.org/ns/void#"


@dataclass(frozen=True)
class About:
    """An export's title, what it holds (its name) and the version of the dataset it came from."""

    title: str
    name: str
    version: DatasetVersion | None

    @property
    def short_hash(self) -> str | None:
        return self.version.hash[:8] if self.version else None

    def words(self) -> str:
        """One line for people: 'lsh-kg dataset version 3f2a… of 2026-12-04'."""
        return version_words(self.version)

    def as_dict(self) -> dict[str, Any]:
        """The same as plain data (for JSON and graph attributes); absent values left out."""
        found: dict[str, Any] = {"title": self.title, "name": self.name}
        if self.version is not None:
            found |= {"dataset_version": self.version.hash, "dataset_date": self.version.date}
        return found


def version_words(version: DatasetVersion | None) -> str:
    """A dataset version in words, for people (the hash in full: it is what a file name shortens)."""
    if version is None:
        return message("lsh-kg dataset (version unknown: a remote store)")
    return message("lsh-kg dataset version %(hash)s of %(date)s", hash=version.hash, date=version.date)


def dataset_iri(base_iri: str) -> str:
    """The dataset as VoID names it."""
    return base_iri + "dataset"


def versioned_dataset_iri(base_iri: str, version: DatasetVersion | None) -> str:
    """One version of the dataset (the dataset itself when the version is unknown)."""
    return f"{dataset_iri(base_iri)}/{version.hash}" if version else dataset_iri(base_iri)


def file_stem(name: str, version: DatasetVersion | None) -> str:
    """`lsh-kg-<short hash>-<what>`: the file says which data it holds as well as what of it."""
    return f"lsh-kg-{version.hash[:8]}-{name}" if version else f"lsh-kg-{name}"


def _literal(value: str, datatype: str | None = None, language: str | None = None) -> ox.Literal:
    if language:
        return ox.Literal(value, language=language)
    return ox.Literal(value, datatype=ox.NamedNode(datatype or _XSD + "string"))


def rdf_description(about: About, base_iri: str) -> list[ox.Triple]:
    """The export (a blank node with a fixed label, so that the same export gives the same bytes)
    derived from a version of the dataset, which has its hash and date (owl:versionInfo,
    pav:version, dcterms:modified) and is a version of the dataset VoID describes."""
    export = ox.BlankNode("export")
    dataset = ox.NamedNode(versioned_dataset_iri(base_iri, about.version))
    triples = [
        ox.Triple(export, _RDF_TYPE, ox.NamedNode(_PROV + "Entity")),
        ox.Triple(export, ox.NamedNode(_DCTERMS + "title"),
                  _literal(f"lsh-kg: {about.title}", language="en")),
        ox.Triple(export, ox.NamedNode(_PROV + "wasDerivedFrom"), dataset),
        ox.Triple(dataset, _RDF_TYPE, ox.NamedNode(_VOID + "Dataset")),
        ox.Triple(dataset, ox.NamedNode(PREFIXES["rdfs"] + "label"), _literal(about.words(), language="en")),
    ]
    if about.version is not None:
        triples += [
            ox.Triple(dataset, ox.NamedNode(_DCTERMS + "isVersionOf"), ox.NamedNode(dataset_iri(base_iri))),
            ox.Triple(dataset, ox.NamedNode(_OWL + "versionInfo"), _literal(about.version.hash)),
            ox.Triple(dataset, ox.NamedNode(PAV + "version"), _literal(about.version.hash)),
            ox.Triple(dataset, ox.NamedNode(_DCTERMS + "modified"),
                      _literal(about.version.date, _XSD + "date")),
        ]
    return triples
