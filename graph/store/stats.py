"""Counts per class and per property, and the share of assertions backed by a document quote."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ontology.namespaces import LSH

__all__ = ["Stats", "compute_stats"]


class Selectable(Protocol):
    def select(self, sparql: str) -> list[dict[str, str]]: ...


PREFIX = f"PREFIX lsh: <{LSH}>\nPREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"

CLASS_COUNTS = PREFIX + """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s rdf:type ?class . FILTER(STRSTARTS(STR(?class), STR(lsh:)))
} GROUP BY ?class ORDER BY DESC(?n) ?class"""

PROPERTY_COUNTS = PREFIX + """
SELECT ?property (COUNT(*) AS ?n) WHERE {
  ?s ?property ?o . FILTER(STRSTARTS(STR(?property), STR(lsh:)))
} GROUP BY ?property ORDER BY DESC(?n) ?property"""

EVIDENCE_SHARE = PREFIX + """
SELECT (COUNT(*) AS ?asserted) (SUM(?quoted) AS ?documented) WHERE {
  { SELECT ?s ?p ?o (MAX(IF(?basis = lsh:DocumentQuote, 1, 0)) AS ?quoted) WHERE {
      ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; lsh:basis ?basis .
  } GROUP BY ?s ?p ?o }
}"""


@dataclass(frozen=True)
class Stats:
    triples: int
    classes: list[tuple[str, int]]
    properties: list[tuple[str, int]]
    asserted: int
    documented: int

    @property
    def documented_share(self) -> float:
        return self.documented / self.asserted if self.asserted else 0.0


def _local(iri: str) -> str:
    return "lsh:" + iri[len(str(LSH)):]


def compute_stats(store: Selectable, triples: int) -> Stats:
    """Statistics of whatever the store holds."""
    share = store.select(EVIDENCE_SHARE)[0]
    return Stats(
        triples=triples,
        classes=[(_local(row["class"]), int(row["n"])) for row in store.select(CLASS_COUNTS)],
        properties=[(_local(row["property"]), int(row["n"]))
                    for row in store.select(PROPERTY_COUNTS)],
        asserted=int(share.get("asserted", 0)),
        documented=int(share.get("documented", 0)),
    )
