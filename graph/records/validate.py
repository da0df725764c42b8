"""SHACL validation of a dataset against `ontology/shapes.ttl`, with record positions in the report."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node
from rdflib.util import guess_format

from graph.records.build import BuiltDataset
from graph.records.loader import Origin
from ontology import SHAPES_FILE
from ontology.namespaces import PREFIXES

__all__ = ["Violation", "parse_rdf_file", "validate_graph"]

SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class Violation:
    """One SHACL result: focus node, path, offending value, message, and where the record is."""

    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str
    origin: Origin | None = None

    def __str__(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        path = f" {self.path}" if self.path else ""
        value = f" (value {self.value})" if self.value else ""
        return f"{where}{self.severity}: {self.focus}{path}: {self.message}{value}"


@cache
def _shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@dataclass(frozen=True)
class _GlobalConstraint:
    """A SPARQL constraint of the shapes, run once over the whole graph instead of once per node."""

    shape: URIRef
    query: str
    message: str


def _split_sparql_constraints(shapes: Graph) -> tuple[Graph, list[_GlobalConstraint]]:
    """The shapes without their class-targeted SPARQL constraints, and those constraints as global
    queries. Same rule, same text (from shapes.ttl), but pyshacl on rdflib runs a SPARQL constraint
    per focus node, 40 times slower here than one Oxigraph query."""
    sh = Namespace(SH)
    remaining = Graph()
    remaining += shapes
    constraints = []
    for shape, constraint in shapes.subject_objects(sh.sparql):
        classes = list(shapes.objects(shape, sh.targetClass))
        if not classes or set(shapes.predicates(shape)) & {sh.targetNode, sh.targetSubjectsOf,
                                                           sh.targetObjectsOf}:
            continue
        select = str(shapes.value(constraint, sh.select))
        prefixes = "".join(
            f"PREFIX {shapes.value(d, sh.prefix)}: <{shapes.value(d, sh.namespace)}>\n"
            for source in shapes.objects(constraint, sh.prefixes) for d in shapes.objects(source, sh.declare))
        targets = " ".join(f"<{c}>" for c in classes)
        body = select.replace("$this", "?this").replace(
            "WHERE {", f"WHERE {{ VALUES ?targetClass {{ {targets} }} ?this a ?targetClass .", 1)
        query = prefixes + body.replace("SELECT ?this", "SELECT DISTINCT ?this", 1)
        constraints.append(_GlobalConstraint(shape, query, str(shapes.value(constraint, sh.message))))
        remaining.remove((shape, sh.sparql, constraint))
    return remaining, constraints


def _run_global(graph: Graph, constraints: list[_GlobalConstraint]) -> list[tuple]:
    store = ox.Store()
    store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    found = []
    for constraint in constraints:
        for row in store.query(constraint.query):
            found.append((_term(row["this"]), _term(row["path"]), _term(row["value"]), constraint.message))
    return found


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return Literal(term.value, lang=term.language,
                   datatype=None if term.language else URIRef(term.datatype.value))


def _short(term: Node | None, graph: Graph) -> str | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            if term.startswith(namespace):
                return f"{prefix}:{term[len(namespace):]}"
        return f"<{term}>"
    return term.n3(graph.namespace_manager)


def validate_graph(graph: Graph, built: BuiltDataset | None = None) -> list[Violation]:
    """Every violation of the shapes; an empty list means the graph conforms."""
    shapes, global_constraints = _split_sparql_constraints(_shapes())
    _, results, _ = shacl_validate(graph, shacl_graph=shapes, inference="none",
                                   advanced=True, allow_warnings=False)
    sh = {name: URIRef(SH + name) for name in
          ("ValidationResult", "focusNode", "resultPath", "value", "resultMessage",
           "resultSeverity")}
    violations = []
    for result in results.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                   sh["ValidationResult"]):
        focus = results.value(result, sh["focusNode"])
        path = results.value(result, sh["resultPath"])
        severity = results.value(result, sh["resultSeverity"])
        origin = None
        if built is not None and isinstance(focus, URIRef):
            origin = built.origin_of(focus, path if isinstance(path, URIRef) else None)
        violations.append(Violation(
            focus=_short(focus, graph) or "?",
            path=_short(path, graph),
            value=_short(results.value(result, sh["value"]), graph),
            message=" ".join(str(m) for m in results.objects(result, sh["resultMessage"])),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            origin=origin,
        ))
    for focus, path, value, message in _run_global(graph, global_constraints):
        origin = None
        if built is not None and isinstance(focus, URIRef):
            origin = built.origin_of(focus, path if isinstance(path, URIRef) else None)
        violations.append(Violation(_short(focus, graph) or "?", _short(path, graph),
                                    _short(value, graph), message, "Violation", origin))
    return sorted(violations, key=lambda v: (str(v.origin or ""), v.focus, v.path or ""))


def parse_rdf_file(path: Path) -> Graph:
    """Parse any RDF file by its extension; SyntaxError with the parser's message when malformed."""
    rdf_format = guess_format(str(path)) or "turtle"
    graph = Graph()
    try:
        graph.parse(path, format=rdf_format)
    except Exception as error:  # rdflib raises a different class per parser
        raise SyntaxError(f"{path}: not valid {rdf_format}: {error}") from None
    return graph
