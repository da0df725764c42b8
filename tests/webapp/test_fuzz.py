"""Property-based tests: random and malformed input to the endpoint and the JSON API always gets a
well-formed 2xx or 4xx answer, never a 500 and never a hang."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import TINY_RECORDS
from tests.servers import build_store
from webapp import create_app
from webapp.app_store import close_store

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# pieces of SPARQL, so that generated queries get deep into the parser, not only its first token
FRAGMENTS = st.sampled_from([
    "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "(", ")", ".", ";", ",", "*", "?s", "?p",
    "?o", "$x", "a", "<https://w3id.org/lsh-kg/id/acme-pharma>", "lsh:Organisation", "PREFIX lsh:",
    "<https://w3id.org/lsh-kg/ontology#>", "FILTER", "REGEX(?o, \"^(a+)+$\")", "OPTIONAL", "UNION",
    "MINUS", "GRAPH", "SERVICE", "SILENT", "<http://127.0.0.1:9/>", "FROM", "NAMED", "LIMIT", "10",
    "OFFSET", "ORDER BY", "GROUP BY", "COUNT(*)", "AS", "BIND", "VALUES", "\"x\"@nl", "1.5e3", "true",
    "INSERT DATA", "DELETE", "LOAD", "CLEAR ALL", "#", "\n", "\\u0053ERVICE", "'''", "\"", "^^", "<",
    ">", "!", "&&", "||", "+", "|", "/", "^", "NOT EXISTS", "IN", "STR(?o)", "LANG(?o)",
])
SPARQLISH = st.lists(FRAGMENTS, min_size=1, max_size=25).map(" ".join)
ANY_TEXT = st.text(max_size=300)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    data_dir = tmp_path_factory.mktemp("fuzz")
    build_store(TINY_RECORDS, data_dir)
    app = create_app({"LSHKG_STORE_DIR": str(Path(data_dir) / "store"), "LSHKG_QUERY_TIMEOUT_S": 3,
                      "LSHKG_RATE_LIMIT_PER_MINUTE": 0})
    with app.test_client() as client:
        yield client
    close_store(app)


def well_formed(response) -> None:
    # bytes: an answer may be binary (a PDF export)
    assert 200 <= response.status_code < 500, (response.status_code, response.get_data()[:300])
    assert b"Traceback" not in response.get_data()


@FUZZ
@given(query=st.one_of(SPARQLISH, ANY_TEXT))
def test_endpoint_answers_any_query_with_2xx_or_4xx(client: FlaskClient, query: str) -> None:
    well_formed(client.get("/sparql", query_string={"query": query}))
    well_formed(client.post("/sparql", data=query.encode("utf-8", "surrogatepass"),
                            headers={"Content-Type": "application/sparql-query"}))


@FUZZ
@given(accept=st.text(max_size=80), fmt=st.text(max_size=20),
       parameter=st.sampled_from(["default-graph-uri", "named-graph-uri", "update", "download", "x"]),
       value=st.text(max_size=80))
def test_endpoint_answers_any_parameters_with_2xx_or_4xx(client: FlaskClient, accept: str, fmt: str,
                                                         parameter: str, value: str) -> None:
    headers = {"Accept": accept} if accept.isprintable() and accept.isascii() else {}
    well_formed(client.get("/sparql", query_string={"query": "ASK {}", "format": fmt, parameter: value},
                           headers=headers))


@FUZZ
@given(text=ANY_TEXT, lang=st.sampled_from(["en", "nl", "fr", ""]), limit=st.text(max_size=5),
       kind=st.text(max_size=30))
def test_search_answers_any_input_with_2xx_or_4xx(client: FlaskClient, text: str, lang: str, limit: str,
                                                  kind: str) -> None:
    well_formed(client.get("/api/search", query_string={"q": text, "lang": lang, "limit": limit,
                                                        "kind": kind}))


@FUZZ
@given(query=st.one_of(SPARQLISH, ANY_TEXT))
def test_construct_network_answers_any_query_with_2xx_or_4xx(client: FlaskClient, query: str) -> None:
    well_formed(client.post("/api/construct-network", data={"query": query}))


@FUZZ
@given(ident=st.text(min_size=1, max_size=120).filter(lambda t: "\x00" not in t),
       extension=st.sampled_from(["", ".json", ".ttl", ".jsonld", ".nt", ".rdf", ".html", ".x"]),
       accept=st.sampled_from(["text/html", "application/json", "text/turtle", "*/*", "image/png"]))
def test_entity_pages_answer_any_iri_with_2xx_or_4xx(client: FlaskClient, ident: str, extension: str,
                                                    accept: str) -> None:
    from urllib.parse import quote

    well_formed(client.get("/id/" + quote(ident, safe="") + extension, headers={"Accept": accept}))


EXPORT_PARAMETERS = st.fixed_dictionaries({}, optional={
    "ego": st.sampled_from(["acme-pharma", "beta-bio", "oss", "nobody", "", "../x", "<a>"]),
    "depth": st.text(max_size=4), "kind": st.text(max_size=20),
    "from": st.sampled_from(["acme-pharma", "oss", "zz"]), "to": st.sampled_from(["beta-bio", "oss", ""]),
    "partnership": st.sampled_from(["alpha-consortium", "acme-pharma", "x"]),
    "format": st.sampled_from(["ttl", "trig", "nt", "jsonld", "rdfxml", "graphml", "gexf", "csv", "cyjs",
                               "html", "pdf", ""]),
    "view": st.sampled_from(["1", ""]), "all": st.sampled_from(["1", ""]), "query": SPARQLISH,
})


@FUZZ
@given(parameters=EXPORT_PARAMETERS)
def test_export_answers_any_parameters_with_2xx_or_4xx(client: FlaskClient, parameters: dict) -> None:
    well_formed(client.get("/api/export", query_string=parameters))


@FUZZ
@given(parameters=st.dictionaries(st.sampled_from(["kind", "place", "partnership", "area", "year_from",
                                                   "year_to", "focus", "depth", "lens", "layout", "lang",
                                                   "cluster", "from", "to", "expand", "open", "x"]),
                                  st.text(max_size=30), max_size=6))
def test_map_view_answers_any_parameters_with_2xx_or_4xx(client: FlaskClient, parameters: dict) -> None:
    well_formed(client.get("/api/map/view", query_string=parameters))
