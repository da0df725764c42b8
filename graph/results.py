"""Query answers in the SPARQL 1.1 result formats and RDF formats, with a row cap made visible.

pyoxigraph writes every format; we only write the SPARQL JSON of the rows we keep (a plain,
fully specified mapping) so that a capped answer can be re-read and written in any format.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

__all__ = [
    "GRAPH_FORMATS", "SOLUTION_FORMATS", "TRUNCATED_LINK", "Answer", "ResultFormat",
    "write_boolean", "write_solutions", "write_triples",
]

TRUNCATED_LINK = "urn:lsh-kg:results-truncated"


@dataclass(frozen=True)
class ResultFormat:
    name: str
    media_type: str
    extension: str


SOLUTION_FORMATS: dict[str, ResultFormat] = {
    "json": ResultFormat("json", "application/sparql-results+json", "srj"),
    "xml": ResultFormat("xml", "application/sparql-results+xml", "srx"),
    "csv": ResultFormat("csv", "text/csv", "csv"),
    "tsv": ResultFormat("tsv", "text/tab-separated-values", "tsv"),
}
GRAPH_FORMATS: dict[str, ResultFormat] = {
    "ttl": ResultFormat("ttl", "text/turtle", "ttl"),
    "nt": ResultFormat("nt", "application/n-triples", "nt"),
    "jsonld": ResultFormat("jsonld", "application/ld+json", "jsonld"),
    "rdfxml": ResultFormat("rdfxml", "application/rdf+xml", "rdf"),
}
_OX_RESULTS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
               "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
_OX_RDF = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
           "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}


@dataclass(frozen=True)
class Answer:
    """The bytes of one answer, its media type, how many rows or triples, and whether capped."""

    body: bytes
    media_type: str
    count: int
    truncated: bool


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_json_string = json.JSONEncoder(ensure_ascii=False).encode


def _json_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """One term as SPARQL JSON text."""
    if isinstance(term, ox.NamedNode):
        return '{"type":"uri","value":' + _json_string(term.value) + "}"
    if isinstance(term, ox.BlankNode):
        return '{"type":"bnode","value":' + _json_string(term.value) + "}"
    if isinstance(term, ox.Literal):
        start = '{"type":"literal","value":' + _json_string(term.value)
        if term.language:
            return start + ',"xml:lang":' + _json_string(term.language) + "}"
        if term.datatype.value != XSD_STRING:
            return start + ',"datatype":' + _json_string(term.datatype.value) + "}"
        return start + "}"
    return ('{"type":"triple","value":{"subject":' + _json_term(term.subject) + ',"predicate":'
            + _json_term(term.predicate) + ',"object":' + _json_term(term.object) + "}}")


def write_solutions(variables: Sequence[str], rows: Iterable[ox.QuerySolution], result_format: str,
                    max_rows: int) -> Answer:
    """At most `max_rows` rows; a capped answer says so in JSON and XML (a head link)."""
    # written as text, each distinct term once: answers repeat their terms (classes, cities,
    # partnerships), and this keeps the cost near Oxigraph's own writer
    keys = [(name, _json_string(name) + ":") for name in variables]
    written: dict[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple, str] = {}
    bindings: list[str] = []
    truncated = False
    for row in rows:
        if len(bindings) == max_rows:
            truncated = True
            break
        parts = []
        for name, key in keys:
            term = row[name]
            if term is None:
                continue
            text = written.get(term)
            if text is None:
                text = written[term] = _json_term(term)
            parts.append(key + text)
        bindings.append("{" + ",".join(parts) + "}")
    head: dict = {"vars": list(variables)}
    if truncated:
        head["link"] = [TRUNCATED_LINK]
    body = ('{"head":' + json.dumps(head, ensure_ascii=False, separators=(",", ":"))
            + ',"results":{"bindings":[' + ",".join(bindings) + "]}}").encode("utf-8")
    if result_format != "json":
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        body = parsed.serialize(format=_OX_RESULTS[result_format])
        if truncated and result_format == "xml":
            body = body.replace(b"</head>", f'<link href="{TRUNCATED_LINK}"/></head>'.encode(), 1)
    return Answer(body, SOLUTION_FORMATS[result_format].media_type, len(bindings), truncated)


def write_boolean(value: bool, result_format: str) -> Answer:
    body = json.dumps({"head": {}, "boolean": value}).encode()
    if result_format != "json":
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        body = parsed.serialize(format=_OX_RESULTS[result_format])
    return Answer(body, SOLUTION_FORMATS[result_format].media_type, 1, False)


def write_triples(triples: Iterable[ox.Triple], result_format: str, max_triples: int,
                  prefixes: dict[str, str] | None = None) -> Answer:
    """At most `max_triples` triples, in an RDF format."""
    kept: list[ox.Triple] = []
    truncated = False
    for triple in triples:
        if len(kept) == max_triples:
            truncated = True
            break
        kept.append(triple)
    rdf_format = _OX_RDF[result_format]
    body = ox.serialize(kept, format=rdf_format,
                        prefixes=prefixes if rdf_format is not ox.RdfFormat.N_TRIPLES else None)
    return Answer(body or b"", GRAPH_FORMATS[result_format].media_type, len(kept), truncated)
