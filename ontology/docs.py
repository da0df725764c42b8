"""The ontology's reference page, generated from `ontology/lsh.ttl` (docs/ontology.md is this)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from ontology.namespaces import LSH, OWL, PREFIXES, RDF, RDFS, SCHEMA, SKOS
from ontology.vocabulary import load_vocabulary

__all__ = ["render_ontology"]


def _text(graph: Graph, term: URIRef, predicate: URIRef, language: str) -> str:
    for value in graph.objects(term, predicate):
        if isinstance(value, Literal) and value.language == language:
            return " ".join(str(value).split())
    return ""


def _short(term: URIRef) -> str:
    for prefix, namespace in PREFIXES.items():
        if str(term).startswith(namespace):
            return f"`{prefix}:{str(term)[len(namespace):]}`"
    return f"<{term}>"


def _section(graph: Graph, kind: URIRef, title: str, related: tuple[URIRef, ...]) -> list[str]:
    terms = sorted(t for t in graph.subjects(RDF.type, kind) if str(t).startswith(str(LSH)))
    lines = [f"## {title} ({len(terms)})", "",
             "| term | en | nl | definition | related |", "|---|---|---|---|---|"]
    for term in terms:
        links = ", ".join(sorted(_short(o) for p in related for o in graph.objects(term, p)))
        lines.append(f"| {_short(term)} | {_text(graph, term, RDFS.label, 'en')} | "
                     f"{_text(graph, term, RDFS.label, 'nl')} | {_text(graph, term, SKOS.definition, 'en')} "
                     f"| {links} |")
    return [*lines, ""]


def render_ontology() -> str:
    """Every class and property of lsh.ttl with labels, definition and alignments."""
    graph = load_vocabulary().graph
    lines = ["# The lsh-kg ontology", "",
             "Generated from `ontology/lsh.ttl` by `python -m ontology.docs`; do not edit.",
             "Definitions in Dutch are in the ontology file.", ""]
    lines += _section(graph, OWL.Class, "Classes", (RDFS.subClassOf,))
    lines += _section(graph, OWL.ObjectProperty, "Object properties",
                      (RDFS.subPropertyOf, SCHEMA.domainIncludes, SCHEMA.rangeIncludes))
    lines += _section(graph, OWL.DatatypeProperty, "Datatype properties",
                      (RDFS.subPropertyOf, RDFS.range))
    lines += _section(graph, OWL.AnnotationProperty, "Annotation properties", ())
    return "\n".join(lines)


if __name__ == "__main__":
    print(render_ontology(), end="")
