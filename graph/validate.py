"""SHACL validation of a dataset against `ontology/shapes.ttl`, with record positions in the report."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.term import Node
from rdflib.util import guess_format

from graph.build import BuiltDataset
from graph.namespaces import PREFIXES
from graph.records import Origin
from ontology import SHAPES_FILE

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
    _, results, _ = shacl_validate(graph, shacl_graph=_shapes(), inference="none",
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
