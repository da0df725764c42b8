"""A reproducible bundle: one zip with the selection or query that made a subgraph, the subgraph as
TriG with its evidence, GEXF, CSV nodes and edges, the stand-alone HTML map, a README, an RO-Crate
description (`graph.export.crate`) and the SHA-256 of every file (`manifest-sha256.txt`).

Every file is written by the export writers (`graph.export.formats`); this module only packs them.
`graph.export.verify` checks a bundle against the current dataset.
"""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from graph.export.about import dataset_iri, file_stem, version_words
from graph.export.crate import CRATE, crate_metadata, sha256
from graph.export.formats import export
from graph.export.selection import Selection
from graph.export.subgraph import Subgraph
from graph.messages import message
from graph.store.backends import Store
from graph.store.deadline import Deadline
from graph.store.derived import DatasetVersion

__all__ = ["MANIFEST", "SELECTION", "Bundle", "make_bundle", "read_manifest"]

MANIFEST = "manifest-sha256.txt"
SELECTION = "selection.json"
QUERY = "query.rq"
ANSWER = "answer.json"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"


@dataclass(frozen=True)
class Bundle:
    body: bytes
    filename: str
    media_type: str = "application/zip"


def _sources(trig: bytes) -> list[tuple[str, str]]:
    """The documents the evidence cites, with their names, read back from the TriG."""
    quads = list(ox.parse(trig, format=ox.RdfFormat.TRIG))
    cited = {q.object.value for q in quads if q.predicate.value == DERIVED_FROM
             and isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode)}
    names = {q.subject.value: q.object.value for q in quads if q.predicate.value == LABEL
             and q.subject.value in cited}
    return sorted((iri, names.get(iri, iri)) for iri in cited)


def _readme(title: str, selection: Selection, version: DatasetVersion | None, made: str,
            say: Callable[[str], str]) -> bytes:
    lines = [say(message("# lsh-kg bundle: %(title)s", title=title)), "",
             say(message("Made %(made)s from the %(dataset)s.", made=made,
                         dataset=version_words(version))), "",
             say(message("## Make it again")), "", "```sh", selection.command(), "```", "",
             say(message("## Check it against the data of today")), "",
             "```sh", "lshkg bundle verify THIS.zip", "```", "",
             say(message("`verify` checks every file's SHA-256, runs the selection again on the current "
                         "dataset and says whether the answer is unchanged, and what differs if not.")), "",
             say(message("## Files")), "",
             say(message("- `%(selection)s`: the selection that made it (and `%(query)s`, the query, where a "
                         "query did)", selection=SELECTION, query=QUERY)),
             say(message("- `subgraph.trig`: the subgraph as RDF, one named graph per source document with "
                         "its quotes")),
             say(message("- `subgraph.gexf`: the network for Gephi")),
             say(message("- `nodes.csv`, `edges.csv`: the network as tables")),
             say(message("- `map.html`: the network as a map that opens offline")),
             say(message("- `%(crate)s`: the bundle described after RO-Crate 1.1", crate=CRATE)),
             say(message("- `%(manifest)s`: the SHA-256 of every other file", manifest=MANIFEST)), ""]
    return "\n".join(lines).encode("utf-8")


def make_bundle(selection: Selection, subgraph: Subgraph, store: Store, base_iri: str, *,
                version: DatasetVersion | None, made: datetime.datetime | None = None,
                say: Callable[[str], str] = str, deadline: Deadline | None = None) -> Bundle:
    """The bundle of a selection's subgraph, made from the dataset `version` the store holds; its
    README in the words `say` gives (`graph.messages`: English unless the caller translates).
    WorkCut once `deadline` passes: each file's writer looks at it."""
    when = (made or datetime.datetime.now(datetime.UTC)).replace(microsecond=0).isoformat()
    files: dict[str, tuple[bytes, str, str]] = {}
    record = {**selection.as_dict(), "command": selection.command(), "made": when,
              "dataset": {"version": version.hash, "date": version.date} if version else None,
              "title": subgraph.title, "truncated": subgraph.truncated}
    files[SELECTION] = (json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"), "application/json",
                        "the selection that made this bundle")
    if selection.kind == "query":
        files[QUERY] = (str(selection.params.get("query", "")).encode("utf-8"), "application/sparql-query",
                        "the query that made this bundle")
    if "rows" in subgraph.extra:
        answer = {"head": {"vars": subgraph.extra.get("variables", [])},
                  "results": {"bindings": subgraph.extra["rows"]}}
        files[ANSWER] = (json.dumps(answer, ensure_ascii=False, indent=1).encode("utf-8"),
                         "application/sparql-results+json", "the SELECT query's answer")

    def written(format_name: str) -> bytes:
        return export(subgraph, format_name, store, base_iri, version=version, deadline=deadline).body

    trig = written("trig")
    files["subgraph.trig"] = (trig, "application/trig", "the subgraph with its evidence, a graph per source")
    files["subgraph.gexf"] = (written("gexf"), "application/gexf+xml", "the subgraph as a network, for Gephi")
    with zipfile.ZipFile(io.BytesIO(written("csv"))) as tables:
        for name in tables.namelist():
            for part in ("nodes", "edges"):
                if name.endswith(f"-{part}.csv"):
                    files[f"{part}.csv"] = (tables.read(name), "text/csv", f"the subgraph's {part}")
    files["map.html"] = (written("html"), "text/html", "the subgraph as a map that opens offline")
    files["README.md"] = (_readme(subgraph.title, selection, version, when, say), "text/markdown",
                          "what this bundle holds and how to make it again")
    crate = crate_metadata(files, title=subgraph.title, made=when, command=selection.command(),
                           version=version, dataset_iri=dataset_iri(base_iri), sources=_sources(trig))
    everything = {name: data for name, (data, _, _) in files.items()} | {CRATE: crate}
    manifest = "".join(f"{sha256(data)}  {name}\n" for name, data in everything.items()).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in (everything | {MANIFEST: manifest}).items():
            archive.writestr(name, data)
        archive.comment = version_words(version).encode("utf-8")
    return Bundle(out.getvalue(), f"{file_stem(subgraph.name, version)}-bundle.zip")


def read_manifest(text: str) -> dict[str, str]:
    """`manifest-sha256.txt` (sha256sum's format) as name -> hex digest."""
    found = {}
    for line in text.splitlines():
        digest, _, name = line.partition("  ")
        if name:
            found[name] = digest.strip().lower()
    return found
