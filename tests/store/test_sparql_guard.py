"""The query guard: only queries without any word that could make them unsafe skip the full parse."""

from __future__ import annotations

import pytest

from graph.store.guard import QueryRefused, _fast_form, check_query


@pytest.mark.parametrize(("query", "form"), [
    ("ASK { ?s ?p ?o }", "ASK"),
    ("PREFIX lsh: <https://w3id.org/lsh-kg/ontology#>\n# a comment\nselect ?x { ?x a lsh:City }", "SELECT"),
    ("BASE <http://x/> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE <https://w3id.org/lsh-kg/id/kite>", "DESCRIBE"),
])
def test_benign_queries_take_the_fast_path(query: str, form: str) -> None:
    assert _fast_form(query) == form


@pytest.mark.parametrize("query", [
    "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * { \\U00000053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * FROM <http://127.0.0.1:9/> { ?s ?p ?o }",
    "SELECT * { ?s ?p 'service' }",                  # even inside a string: fail closed
    "# service\nSELECT * { ?s ?p ?o }",               # even inside a comment
    "INSERT DATA { <a:b> <a:b> <a:b> }", "LOAD <http://127.0.0.1:9/>", "CLEAR ALL",
    "DELETE WHERE { ?s ?p ?o }", "WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "not a query",
])
def test_anything_that_could_be_unsafe_gets_the_full_check(query: str) -> None:
    assert _fast_form(query) is None


@pytest.mark.parametrize("query", [
    "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * FROM <http://127.0.0.1:9/> { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/>",
])
def test_unsafe_queries_are_refused(query: str) -> None:
    with pytest.raises(QueryRefused):
        check_query(query, max_bytes=10_000)


def test_a_fast_path_syntax_error_is_worded_by_the_full_check() -> None:
    with pytest.raises(QueryRefused) as refused:
        check_query("SELECT ?s\nWHERE { ?s ?p }", max_bytes=10_000, full=True)
    assert refused.value.line == 2
    assert check_query("SELECT ?s\nWHERE { ?s ?p }", max_bytes=10_000).form == "SELECT"  # the engine judges


OURS = {"lsh": "https://w3id.org/lsh-kg/ontology#", "lshid": "https://w3id.org/lsh-kg/id/"}


def test_our_prefixes_are_declared_before_the_users_text_unless_it_declares_them() -> None:
    checked = check_query("SELECT ?x { ?x a lsh:City }", max_bytes=10_000, presets=OURS)
    assert checked.text.endswith("SELECT ?x { ?x a lsh:City }")
    assert "PREFIX lsh: <https://w3id.org/lsh-kg/ontology#>\n" in checked.text
    assert checked.prelude_lines == 2
    own = check_query("prefix  lsh: <urn:mine#>\nASK { ?x a lsh:City }", max_bytes=10_000, presets=OURS)
    assert "urn:mine#" in own.text and "ontology#" not in own.text
    assert own.prelude_lines == 1  # lshid: only


def test_declared_prefixes_still_go_through_the_guard() -> None:
    with pytest.raises(QueryRefused, match="SERVICE is not allowed"):
        check_query("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s lsh:p ?o } }", max_bytes=10_000,
                    presets=OURS)


def test_positions_are_given_in_the_users_lines() -> None:
    with pytest.raises(QueryRefused) as refused:
        check_query("SELECT ?s\nWHERE { ?s lsh:p }", max_bytes=10_000, full=True, presets=OURS)
    assert refused.value.line == 2
