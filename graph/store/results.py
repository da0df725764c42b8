"""Query answers in the SPARQL 1.1 result formats and RDF formats, with a row cap made visible.

Oxigraph writes every format. Rows go out as TSV first, one line per row: they are counted
exactly as they stream, the engine is stopped just past the cap, and the TSV is re-read into the
format asked for (within a few percent of writing that format directly).
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

__all__ = [
    "GRAPH_FORMATS", "SOLUTION_FORMATS", "TRUNCATED_LINK", "Answer", "FormatUnsupported", "ResultFormat",
    "usable_prefixes", "write_boolean", "write_solutions", "write_triples",
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


# a local name every Turtle reader takes as it is: no escapes, no final "." (Oxigraph writes
# `prov:x\.` for <...prov#x.>, valid Turtle that rdflib cannot read)
_PLAIN_LOCAL_NAME = re.compile(r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?")


class FormatUnsupported(ValueError):
    """The answer cannot be written in the format asked for (HTTP 406)."""


@dataclass(frozen=True)
class Answer:
    """The bytes of one answer, its media type, how many rows or triples, and whether capped."""

    body: bytes
    media_type: str
    count: int
    truncated: bool


class _Enough(Exception):
    """Stops Oxigraph's writer: the lines wanted are in."""


class _TsvLines:
    """A write target for Oxigraph that keeps the TSV it writes, counting lines, and stops the
    writer (and the query under it) once it holds more than `wanted` lines."""

    def __init__(self, wanted: int) -> None:
        self.wanted = wanted
        self.lines = 0
        self.chunks: list[bytes] = []

    def write(self, chunk: bytes) -> int:
        self.chunks.append(bytes(chunk))
        self.lines += chunk.count(b"\n")
        if self.lines > self.wanted:
            raise _Enough
        return len(chunk)

    def flush(self) -> None:
        pass

    def first_lines(self, count: int) -> bytes:
        return b"\n".join(b"".join(self.chunks).split(b"\n", count)[:count]) + b"\n"


def write_solutions(solutions: ox.QuerySolutions, result_format: str, max_rows: int) -> Answer:
    """At most `max_rows` rows; a capped answer says so in JSON and XML (a head link)."""
    tsv = _TsvLines(1 + max_rows)  # the header line, then a line per row
    with contextlib.suppress(_Enough):
        solutions.serialize(tsv, format=ox.QueryResultsFormat.TSV)
    truncated = tsv.lines > 1 + max_rows
    rows = max_rows if truncated else tsv.lines - 1
    kept = tsv.first_lines(1 + rows) if truncated else b"".join(tsv.chunks)
    if result_format == "tsv":
        body = kept
    else:
        parsed = ox.parse_query_results(kept, format=ox.QueryResultsFormat.TSV)
        body = parsed.serialize(format=_OX_RESULTS[result_format])
    if truncated and result_format == "json":
        answer = json.loads(body)
        answer["head"]["link"] = [TRUNCATED_LINK]
        body = json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    elif truncated and result_format == "xml":
        body = body.replace(b"</head>", f'<link href="{TRUNCATED_LINK}"/></head>'.encode(), 1)
    return Answer(body, SOLUTION_FORMATS[result_format].media_type, rows, truncated)


def write_boolean(value: bool, result_format: str) -> Answer:
    body = json.dumps({"head": {}, "boolean": value}).encode()
    if result_format != "json":
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        body = parsed.serialize(format=_OX_RESULTS[result_format])
    return Answer(body, SOLUTION_FORMATS[result_format].media_type, 1, False)


def _terms(triple: ox.Triple) -> Iterable[object]:
    for term in (triple.subject, triple.predicate, triple.object):
        if isinstance(term, ox.Triple):
            yield from _terms(term)
        else:
            yield term


def usable_prefixes(triples: list[ox.Triple], prefixes: dict[str, str]) -> dict[str, str]:
    """The prefixes under which every IRI of `triples` has a plain local name: a prefix that would
    need an escaped local name is left out, and IRIs in its namespace are written in full."""
    usable = dict(prefixes)
    iris = {term.value for triple in triples for term in _terms(triple) if isinstance(term, ox.NamedNode)}
    for iri in iris:
        for name, namespace in list(usable.items()):
            if iri.startswith(namespace) and not _PLAIN_LOCAL_NAME.fullmatch(iri[len(namespace):]):
                del usable[name]
    return usable


def _has_triple_term(triples: list[ox.Triple]) -> bool:
    return any(isinstance(t.subject, ox.Triple) or isinstance(t.object, ox.Triple) for t in triples)


def write_triples(triples: Iterable[ox.Triple], result_format: str, max_triples: int,
                  prefixes: dict[str, str] | None = None) -> Answer:
    """At most `max_triples` triples, in an RDF format; FormatUnsupported when the format cannot
    hold them (JSON-LD has no triple terms)."""
    kept: list[ox.Triple] = []
    truncated = False
    for triple in triples:
        if len(kept) == max_triples:
            truncated = True
            break
        kept.append(triple)
    rdf_format = _OX_RDF[result_format]
    if rdf_format is ox.RdfFormat.JSON_LD and _has_triple_term(kept):
        raise FormatUnsupported("the answer holds triple terms (RDF 1.2), which JSON-LD cannot "
                                "express: ask for Turtle, N-Triples or RDF/XML")
    if prefixes and rdf_format is ox.RdfFormat.TURTLE:
        prefixes = usable_prefixes(kept, prefixes)
    body = ox.serialize(kept, format=rdf_format,
                        prefixes=prefixes if rdf_format is not ox.RdfFormat.N_TRIPLES else None)
    return Answer(body or b"", GRAPH_FORMATS[result_format].media_type, len(kept), truncated)
