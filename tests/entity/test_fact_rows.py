"""An entity's facts as the two queries read them (from the entity's end, and incoming by their
evidence's object) are the facts the plain reading of the reified statements gives, for every
entity of the shipped graph."""

from __future__ import annotations

from collections import Counter

from graph.entity.facts import FACTS, OUTGOING, _fact_rows
from graph.store.backends import EmbeddedStore

# the plain reading: the asserted triple, then the statement about it with its evidence
PLAIN_INCOMING = """BIND(<{iri}> AS ?o) ?s ?p ?o . BIND(?s AS ?other)
  ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; lsh:basis ?basis ."""
ENTITIES = """SELECT DISTINCT ?x WHERE { { ?e <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?x }
  UNION { ?e <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?x FILTER(isIRI(?x)) } }"""


def plain_rows(store: EmbeddedStore, iri: str) -> list[tuple[str, dict[str, str]]]:
    rows = [("out", row) for row in store.select(FACTS % OUTGOING.format(iri=iri))]
    return rows + [("in", row) for row in store.select(FACTS % PLAIN_INCOMING.format(iri=iri))]


def as_counter(rows: list[tuple[str, dict[str, str]]]) -> Counter:
    return Counter((direction, tuple(sorted(row.items()))) for direction, row in rows)


def test_every_entitys_facts_are_read_alike(shipped_store: EmbeddedStore) -> None:
    entities = [row["x"] for row in shipped_store.select(ENTITIES)]
    assert len(entities) > 300
    incoming = 0
    for iri in entities:
        rows = _fact_rows(shipped_store, iri)
        assert as_counter(rows) == as_counter(plain_rows(shipped_store, iri)), iri
        incoming += sum(1 for direction, _ in rows if direction == "in")
    assert incoming > 1000  # the incoming reading was compared, not only found empty
