"""Our SPARQL JSON writer (it caps rows) says exactly what Oxigraph's own writer says."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from graph.store.gallery import load_gallery
from graph.store.results import TRUNCATED_LINK, _Enough, _TsvLines, write_solutions

EX = "http://example.org/"


def _ours(store: ox.Store, query: str, max_rows: int = 1000) -> dict:
    return json.loads(write_solutions(store.query(query), "json", max_rows).body)


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


@pytest.fixture(scope="module")
def numbers() -> ox.Store:
    store = ox.Store()
    for number in range(2000):
        store.add(ox.Quad(ox.NamedNode(f"{EX}n{number}"), ox.NamedNode(EX + "p"), ox.Literal(number)))
    return store


@pytest.mark.parametrize("result_format", ["json", "xml", "csv", "tsv"])
def test_a_capped_answer_has_exactly_the_cap_in_every_format(numbers: ox.Store, result_format: str) -> None:
    answer = write_solutions(numbers.query("SELECT ?s ?o WHERE { ?s ?p ?o }"), result_format, 7)
    assert (answer.count, answer.truncated) == (7, True)
    if result_format == "csv":  # lossy, so Oxigraph does not read it back: Python's csv does
        assert len(list(csv.reader(io.StringIO(answer.body.decode())))) == 1 + 7
        return
    reread = ox.parse_query_results(answer.body, format={
        "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
        "tsv": ox.QueryResultsFormat.TSV}[result_format])
    assert len(list(reread)) == 7


def test_the_engine_is_stopped_just_past_the_cap(numbers: ox.Store) -> None:
    # four million rows: written out in full they would be about a hundred megabytes of TSV
    lines = _TsvLines(10)
    explosive = numbers.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }")
    with pytest.raises(_Enough):
        explosive.serialize(lines, format=ox.QueryResultsFormat.TSV)
    assert 10 < lines.lines < 10_000
    assert sum(len(chunk) for chunk in lines.chunks) < 1_000_000
