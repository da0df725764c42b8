"""Check a bundle (`graph.export.bundle`): every file against its SHA-256, then its selection run
again on the current dataset, the answer compared with the bundle's, triple by triple (and row by
row for a SELECT query). What differs is said in counts and in words.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter
from dataclasses import dataclass, field

import pyoxigraph as ox

from graph.export.about import dataset_iri
from graph.export.bundle import ANSWER, MANIFEST, SELECTION, make_bundle, read_manifest
from graph.export.crate import CRATE, sha256
from graph.export.selection import Selection, Sources, run_selection
from graph.export.subgraph import ExportError
from graph.network.from_triples import compact
from graph.store.derived import DatasetVersion
from ontology.namespaces import preset_prefixes

__all__ = ["Verdict", "verify_bundle"]

SHOWN = 20  # differences listed in words; the counts cover them all


@dataclass
class Verdict:
    """What a bundle check found: broken files, and what the current dataset answers otherwise."""

    problems: list[str] = field(default_factory=list)
    bundle_version: str | None = None
    current_version: DatasetVersion | None = None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rows_added: int = 0
    rows_removed: int = 0

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def unchanged(self) -> bool:
        return self.intact and not (self.added or self.removed or self.rows_added or self.rows_removed)

    def lines(self) -> list[str]:
        """The verdict for people, one statement a line."""
        said = [f"checksums: {'every file matches' if self.intact else 'MISMATCH'}", *self.problems]
        now = self.current_version.hash if self.current_version else "unknown"
        said.append(f"dataset version: bundle {self.bundle_version or 'unknown'}, now {now}")
        if not self.intact:
            return said
        if self.unchanged:
            return [*said, "the answer is unchanged"]
        said.append(f"the answer changed: {len(self.added)} triples added, {len(self.removed)} removed"
                    + (f"; {self.rows_added} rows added, {self.rows_removed} removed"
                       if self.rows_added or self.rows_removed else ""))
        said += [f"  added: {line}" for line in self.added[:SHOWN]]
        said += [f"  removed: {line}" for line in self.removed[:SHOWN]]
        hidden = max(0, len(self.added) - SHOWN) + max(0, len(self.removed) - SHOWN)
        return said + ([f"  ... and {hidden} more"] if hidden else [])


def _checksums(archive: zipfile.ZipFile) -> list[str]:
    names = set(archive.namelist())
    if MANIFEST not in names:
        return [f"{MANIFEST} is missing"]
    listed = read_manifest(archive.read(MANIFEST).decode("utf-8", "replace"))
    problems = [f"{name}: listed but missing" for name in sorted(set(listed) - names)]
    problems += [f"{name}: not in {MANIFEST}" for name in sorted(names - set(listed) - {MANIFEST})]
    problems += [f"{name}: its SHA-256 differs from {MANIFEST}" for name in sorted(set(listed) & names)
                 if sha256(archive.read(name)) != listed[name]]
    if CRATE in names and not problems:
        for part in json.loads(archive.read(CRATE)).get("@graph", []):
            if part.get("@type") == "File" and part.get("sha256") != listed.get(part.get("@id")):
                problems.append(f"{part.get('@id')}: its SHA-256 in {CRATE} differs")
    return problems


def _quads(trig: bytes, base_iri: str) -> set[ox.Quad]:
    """The subgraph's quads, without the file's description of itself (its own graph)."""
    own = dataset_iri(base_iri)
    return {q for q in ox.parse(trig, format=ox.RdfFormat.TRIG)
            if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(own))}


def _words(quad: ox.Quad, prefixes: dict[str, str]) -> str:
    def term(t: ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph) -> str:
        if isinstance(t, ox.NamedNode):
            return compact(t.value, prefixes)
        if isinstance(t, ox.Literal):
            return f"“{t.value}”" + (f"@{t.language}" if t.language else "")
        return str(t)

    where = "" if isinstance(quad.graph_name, ox.DefaultGraph) else f" (per {term(quad.graph_name)})"
    return f"{term(quad.subject)} {term(quad.predicate)} {term(quad.object)}{where}"


def _rows(text: bytes) -> Counter:
    return Counter(json.dumps(row, sort_keys=True) for row in json.loads(text)["results"]["bindings"])


def verify_bundle(data: bytes, sources: Sources, version: DatasetVersion | None) -> Verdict:
    """Check a bundle's files and run its selection again on `sources` (the dataset of `version`)."""
    verdict = Verdict(current_version=version)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return Verdict(problems=["not a zip file"], current_version=version)
    with archive:
        verdict.problems = _checksums(archive)
        if SELECTION not in archive.namelist():
            verdict.problems.append(f"{SELECTION} is missing: nothing to run again")
            return verdict
        record = json.loads(archive.read(SELECTION))
        verdict.bundle_version = (record.get("dataset") or {}).get("version")
        if not verdict.intact:
            return verdict
        selection = Selection.from_dict(record)
        old_trig = archive.read("subgraph.trig")
        old_answer = archive.read(ANSWER) if ANSWER in archive.namelist() else None
    try:
        subgraph = run_selection(selection, sources)
    except ExportError as error:
        verdict.removed = [f"the selection gives nothing now: {error}"]
        return verdict
    again = make_bundle(selection, subgraph, sources.store, sources.base_iri, version=version)
    with zipfile.ZipFile(io.BytesIO(again.body)) as fresh:
        new_trig = fresh.read("subgraph.trig")
        new_answer = fresh.read(ANSWER) if ANSWER in fresh.namelist() else None
    before, after = _quads(old_trig, sources.base_iri), _quads(new_trig, sources.base_iri)
    prefixes = preset_prefixes(sources.base_iri)
    verdict.added = sorted(_words(q, prefixes) for q in after - before)
    verdict.removed = sorted(_words(q, prefixes) for q in before - after)
    if old_answer is not None and new_answer is not None:
        old_rows, new_rows = _rows(old_answer), _rows(new_answer)
        verdict.rows_added = sum((new_rows - old_rows).values())
        verdict.rows_removed = sum((old_rows - new_rows).values())
    return verdict
