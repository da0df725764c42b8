"""Our SPARQL JSON writer (it caps rows) says exactly what Oxigraph's own writer says."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from graph.gallery import load_gallery
from graph.results import TRUNCATED_LINK, write_solutions

EX = "http://example.org/"


def _ours(store: ox.Store, query: str, max_rows: int = 1000) -> dict:
    result = store.query(query)
    variables = [variable.value for variable in result.variables]
    return json.loads(write_solutions(variables, result, "json", max_rows).body)


def _oxigraph(store: ox.Store, query: str) -> dict:
    return json.loads(store.query(query).serialize(format=ox.QueryResultsFormat.JSON))


def test_awkward_terms_are_written_as_oxigraph_writes_them() -> None:
    store = ox.Store()
    subject, predicate = ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p")
    objects = [
        ox.Literal('quote " backslash \\ tab \t newline \n é \u2028 \x01 </script>', language="nl"),
        ox.Literal("7800", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
        ox.Literal("plain"),
        ox.BlankNode("b1"),
        ox.NamedNode(EX + "o?x=1&y=é%22"),
        ox.Triple(subject, predicate, ox.Literal("nested", language="en")),
    ]
    for value in objects:
        store.add(ox.Quad(subject, predicate, value))
    query = f"SELECT ?s ?o ?unbound WHERE {{ ?s ?p ?o OPTIONAL {{ ?s <{EX}none> ?unbound }} }}"
    ours = _ours(store, query)
    assert ours == _oxigraph(store, query)
    assert len(ours["results"]["bindings"]) == len(objects)


@pytest.fixture(scope="module")
def shipped_oxigraph(shipped_store) -> ox.Store:
    return ox.Store.read_only(str(shipped_store.path))


@pytest.mark.parametrize("example", [e for e in load_gallery() if e.form == "SELECT"],
                         ids=lambda example: example.id)
def test_gallery_answers_match_oxigraph(shipped_oxigraph: ox.Store, example) -> None:
    ours = _ours(shipped_oxigraph, example.query, 100_000)
    assert ours["results"]["bindings"]
    assert ours == _oxigraph(shipped_oxigraph, example.query)


def test_a_capped_answer_says_so_in_its_head() -> None:
    store = ox.Store()
    for number in range(5):
        store.add(ox.Quad(ox.NamedNode(EX + str(number)), ox.NamedNode(EX + "p"), ox.Literal(number)))
    capped = _ours(store, "SELECT ?s WHERE { ?s ?p ?o }", max_rows=3)
    assert len(capped["results"]["bindings"]) == 3
    assert capped["head"] == {"vars": ["s"], "link": [TRUNCATED_LINK]}
