"""Syntax errors in plain words, at the line and column of the slip, through the guard (rdflib's
parser) and through the engine's message (Oxigraph's parser)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.store.engine_errors import syntax_error
from graph.store.guard import QueryRefused, check_query

PRESETS = {"lsh": "https://w3id.org/lsh-kg/ontology#", "lshid": "https://w3id.org/lsh-kg/id/"}
SLIPS = [
    ("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o > 3\n}", 4, 1,
     "the ( at line 3, column 9 is still open at this }: close it with ) first"),
    ("SELECT * WHERE {\n  ?s ?p\n}}", 3, 2, "this } has no { to close"),
    ("SELECT ?s WHERE { ?s ?p ?o ", 1, 17, "this { is never closed: add the } it needs"),
    ('SELECT ?s WHERE { ?s ?p "Oss }', 1, 25, 'this " starts a text that never ends: add the closing "'),
    ("SELECT ?s WHERE { ?s ?p ?o } LIMT 10", 1, 30, "LIMT is not a SPARQL keyword: did you mean LIMIT?"),
    ("SELEC ?s WHERE { ?s ?p ?o }", 1, 1, "SELEC is not a SPARQL keyword: did you mean SELECT?"),
    ("SELECT ?s WHERE { ?s ?p ?o } GROUP ?s", 1, 30, "GROUP needs BY after it: GROUP BY ?variable"),
    ("# the label of a city\nSELECT ?s WHERE { ?s lsh:p ?o ?x ?y }", 2, 31, "SPARQL cannot make sense of"),
]


@pytest.mark.parametrize(("query", "line", "column", "words"), SLIPS)
def test_the_guard_names_the_slip_in_words_at_its_place(query: str, line: int, column: int,
                                                        words: str) -> None:
    with pytest.raises(QueryRefused) as refused:
        check_query(query, max_bytes=10_000, full=True, presets=PRESETS)
    assert words in refused.value.message
    assert (refused.value.line, refused.value.column) == (line, column)
    assert "Expected" not in refused.value.message  # none of the parser's grammar names


@pytest.mark.parametrize(("query", "line", "column", "words"), SLIPS)
def test_an_engine_syntax_error_is_said_in_the_same_words(query: str, line: int, column: int,
                                                          words: str) -> None:
    try:
        checked = check_query(query, max_bytes=10_000, presets=PRESETS)  # the fast path: the engine judges
    except QueryRefused as refused:  # no query form to see: refused before the engine, in the same words
        assert words in refused.message
        return
    with pytest.raises(SyntaxError) as engine:
        ox.Store().query(checked.text)
    worded = syntax_error(checked, str(engine.value), known_prefixes=PRESETS)
    assert worded is not None
    assert words in worded.message
    assert (worded.line, worded.column) == (line, column)
