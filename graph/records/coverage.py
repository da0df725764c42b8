"""The coverage ledger: each source document divided into paragraphs, each paragraph accounted for.

A ledger (`graph/data/coverage/<source id>.yaml`) lists a document's paragraphs by line range, with
the records each gave (`records`) or why it gives none (`none`). The check finds: lines in no
paragraph or in two; paragraphs neither mapped nor excused; records that quote a paragraph the
ledger does not give them (or that it gives them without a quote there); and paragraphs that name
two or more of our actors while none of the facts quoted from them links any two (unless
`unlinked` says why). Documents named in `pending.yaml` are not finished: only their listed
paragraphs are shown, and none of them is checked.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Literal, URIRef
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from graph.records.build import BuiltDataset
from graph.records.documents import DocumentText
from graph.records.loader import Origin, RecordError, position
from ontology.namespaces import LSH, RDF, RDFS, SKOS

__all__ = ["ACTOR_CLASSES", "DocumentCoverage", "Paragraph", "check_coverage", "read_ledgers"]

ACTOR_CLASSES = ("Organisation", "Initiative", "Person", "Event", "Product")
PENDING_FILE = "pending.yaml"
_LINES = re.compile(r"^(\d+)(?:-(\d+))?$")


@dataclass
class Paragraph:
    """One paragraph of a ledger: its lines, the records it gave or the reason it gives none."""

    first: int
    last: int
    records: list[str]
    none: str | None
    unlinked: str | None
    origin: Origin
    actors: dict[str, str] = field(default_factory=dict)  # id -> the name found in the text
    linked: bool = False

    def __contains__(self, line: int) -> bool:
        return self.first <= line <= self.last


@dataclass
class DocumentCoverage:
    """A document's ledger as read, its state (complete or pending) and what the check found."""

    source: str
    file_name: str
    pending: str | None
    paragraphs: list[Paragraph]
    problems: list[str] = field(default_factory=list)

    def paragraph_at(self, line: int) -> Paragraph | None:
        return next((p for p in self.paragraphs if line in p), None)


def _shown(path: Path) -> str:
    """The path as a user would type it: relative to the working folder where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _load_yaml(path: Path, shown_as: str) -> Any:
    try:
        return YAML(typ="rt").load(path.read_text("utf-8"))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise RecordError(f"malformed YAML: {error.problem or error.context}",
                          Origin(shown_as, mark.line + 1 if mark else 0)) from None


def _text_field(node: CommentedMap, key: str, file: str) -> str | None:
    if key not in node:
        return None
    value = node[key]
    if not isinstance(value, str) or not value.strip():
        raise RecordError(f"'{key}' must be a non-empty text", position(node, file, key, key))
    return value


def _paragraph(node: Any, parent: CommentedSeq, index: int, file: str) -> Paragraph:
    origin = position(parent, file, index)
    if not isinstance(node, CommentedMap) or "lines" not in node:
        raise RecordError("a paragraph is a mapping with 'lines' (e.g. lines: 12-15)", origin)
    match = _LINES.match(str(node["lines"]).strip())
    if not match:
        raise RecordError(f"lines {node['lines']!r} is not a line or a range like 12-15",
                          position(node, file, "lines", "lines"))
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise RecordError(f"lines {first}-{last} run backwards", position(node, file, "lines", "lines"))
    unknown = set(node) - {"lines", "records", "none", "unlinked"}
    if unknown:
        raise RecordError(f"unexpected key {sorted(unknown)[0]!r} (allowed: lines, records, none, "
                          "unlinked)", position(node, file, sorted(unknown)[0]))
    records = node.get("records", [])
    if not isinstance(records, list) or not all(isinstance(r, str) for r in records):
        raise RecordError("'records' is a list of record ids", position(node, file, "records", "records"))
    none = _text_field(node, "none", file)
    if bool(records) == bool(none):
        raise RecordError("a paragraph gives 'records' or says why it gives 'none' (one of them)",
                          origin)
    return Paragraph(first, last, list(records), none, _text_field(node, "unlinked", file),
                     Origin(file, origin.line))


def read_ledgers(directory: Path) -> tuple[dict[str, list[Paragraph]], dict[str, str]]:
    """Each source id's paragraphs, and the pending documents with what is left of them."""
    ledgers: dict[str, list[Paragraph]] = {}
    pending: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        file = _shown(path)
        content = _load_yaml(path, file)
        if path.name == PENDING_FILE:
            if not isinstance(content, CommentedMap):
                raise RecordError("pending.yaml maps a source id to what is left to read", Origin(file, 1))
            pending = {str(k): str(v) for k, v in content.items()}
            continue
        if not isinstance(content, CommentedMap) or "source" not in content:
            raise RecordError("a ledger is a mapping with 'source' and 'paragraphs'", Origin(file, 1))
        items = content.get("paragraphs")
        if not isinstance(items, CommentedSeq):
            raise RecordError("'paragraphs' is a list", position(content, file, "paragraphs"))
        ledgers[str(content["source"])] = [_paragraph(item, items, index, file)
                                          for index, item in enumerate(items)]
    return ledgers, pending


def _record_id(subject: URIRef, base_iri: str) -> str:
    """The record an assertion comes from: its subject, or the owner of a membership or post node."""
    local = str(subject)[len(base_iri):]
    return local.split("/")[1] if "/" in local else local


def _actor_names(built: BuiltDataset, base_iri: str) -> dict[str, set[str]]:
    """Every actor's names: labels in both languages, alternative labels and abbreviations."""
    graph = built.graph
    actors = {s for name in ACTOR_CLASSES for s in graph.subjects(RDF.type, LSH[name])
              if isinstance(s, URIRef) and str(s).startswith(base_iri)}
    names: dict[str, set[str]] = {}
    for actor in actors:
        found = {str(o) for p in (RDFS.label, SKOS.altLabel, LSH.abbreviation)
                 for o in graph.objects(actor, p) if isinstance(o, Literal)}
        names[str(actor)[len(base_iri):]] = {n for n in found if len(n) >= 3}
    return names


def _mentions(text: str, names: dict[str, set[str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for actor, labels in names.items():
        for label in sorted(labels, key=len, reverse=True):
            if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text):
                found[actor] = label
                break
    return found


def check_coverage(built: BuiltDataset, ledger_dir: Path, seeds_dir: Path,
                   base_iri: str) -> list[DocumentCoverage]:
    """Read the ledgers and check them against the built records and the documents."""
    ledgers, pending = read_ledgers(ledger_dir)
    files = {str(a.subject)[len(base_iri):]: str(a.object) for a in built.assertions
             if a.predicate == LSH.fileName}
    names = _actor_names(built, base_iri)
    by_source: dict[str, list] = defaultdict(list)
    for assertion in built.assertions:
        for evidence in assertion.evidence:
            if evidence.source is not None:
                by_source[evidence.source].append((assertion, evidence))
    report = []
    for source in sorted(files):
        coverage = DocumentCoverage(source, files[source], pending.get(source), ledgers.get(source, []))
        document = DocumentText.read(seeds_dir / files[source])
        _check_document(coverage, document, by_source[source], names, base_iri)
        report.append(coverage)
    for source in sorted((set(ledgers) | set(pending)) - set(files)):
        report.append(DocumentCoverage(source, "", None, [], [f"{source}: no such source document"]))
    return report


def _check_document(coverage: DocumentCoverage, document: DocumentText, quoted: list,
                    names: dict[str, set[str]], base_iri: str) -> None:
    problems = coverage.problems
    links: dict[int, nx.Graph] = defaultdict(nx.Graph)
    quoted_records: dict[int, set[str]] = defaultdict(set)
    unplaced: dict[tuple[str, str], Origin] = {}
    for assertion, evidence in quoted:
        record = _record_id(assertion.subject, base_iri)
        given = False
        for occurrence in document.find(evidence.quote):
            paragraph = coverage.paragraph_at(occurrence.first_line)
            if paragraph is None:
                continue
            key = id(paragraph)
            quoted_records[key].add(record)
            if isinstance(assertion.object, URIRef) and assertion.predicate != RDF.type:
                links[key].add_edge(str(assertion.subject)[len(base_iri):],
                                    str(assertion.object)[len(base_iri):])
            given = given or record in paragraph.records
        if not given:
            unplaced.setdefault((record, evidence.quote), assertion.origin)
    for paragraph in coverage.paragraphs:
        paragraph.actors = _mentions(document.span(paragraph.first, paragraph.last), names)
        graph = links[id(paragraph)]
        present = [a for a in paragraph.actors if a in graph]
        paragraph.linked = any(nx.has_path(graph, a, b) for i, a in enumerate(present)
                               for b in present[i + 1:])
    if coverage.pending:
        return
    for (record, quote), origin in unplaced.items():
        problems.append(f"{origin}: record {record!r} quotes {quote!r}, in no paragraph of "
                        f"{coverage.source}'s ledger that gives it")
    _check_tiling(coverage, document)
    for paragraph in coverage.paragraphs:
        where = f"{paragraph.origin}: lines {paragraph.first}-{paragraph.last}"
        for record in paragraph.records:
            if record not in quoted_records[id(paragraph)]:
                problems.append(f"{where}: record {record!r} has no quote in this paragraph")
        if len(paragraph.actors) >= 2 and not paragraph.linked and not paragraph.unlinked:
            problems.append(f"{where}: names {', '.join(sorted(paragraph.actors))} but none of its "
                            "facts links two of them (add the link, or say why under 'unlinked')")


def _check_tiling(coverage: DocumentCoverage, document: DocumentText) -> None:
    """Every line with text in exactly one paragraph; no paragraph beyond the document's end."""
    owner: dict[int, Paragraph] = {}
    for paragraph in coverage.paragraphs:
        if paragraph.last > len(document.lines):
            coverage.problems.append(f"{paragraph.origin}: lines {paragraph.first}-{paragraph.last} "
                                     f"run past the document's {len(document.lines)} lines")
        for line in range(paragraph.first, paragraph.last + 1):
            if line in owner:
                coverage.problems.append(f"{paragraph.origin}: line {line} is already in the paragraph "
                                         f"at {owner[line].origin}")
            owner[line] = paragraph
    for number, line in enumerate(document.lines, start=1):
        if line.strip() and number not in owner:
            coverage.problems.append(f"{coverage.source} ({coverage.file_name}) line {number}: in no "
                                     f"paragraph of the ledger: {line.strip()[:60]!r}")
