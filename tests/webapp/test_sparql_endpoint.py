"""The SPARQL 1.1 Protocol endpoint through Flask's test client, on the tiny record set."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from rdflib import Graph
from rdflib.plugins.sparql.results.xmlresults import XMLResultParser

from webapp import create_app

ORGANISATIONS = "SELECT ?org WHERE { ?org a <https://w3id.org/lsh-kg/ontology#Organisation> } ORDER BY ?org"
CITIES = "CONSTRUCT WHERE { ?c a <https://w3id.org/lsh-kg/ontology#City> }"


@pytest.fixture
def client(tiny_store: Path) -> FlaskClient:
    app = create_app({"LSHKG_STORE_DIR": str(tiny_store), "LSHKG_ENDPOINT": None,
                      "LSHKG_QUERY_MAX_ROWS": 1, "LSHKG_QUERY_TIMEOUT_S": 5})
    with app.test_client() as client:
        yield client
    from webapp.app_store import close_store

    close_store(app)


def test_get_post_form_and_post_body_give_the_same_answer(client: FlaskClient) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    query = "SELECT ?c WHERE { ?c a <https://w3id.org/lsh-kg/ontology#City> }"
    by_get = client.get("/sparql", query_string={"query": query}, headers=accept)
    by_form = client.post("/sparql", data={"query": query}, headers=accept)
    by_body = client.post("/sparql", data=query,
                          headers={**accept, "Content-Type": "application/sparql-query"})
    answers = [json.loads(r.data) for r in (by_get, by_form, by_body)]
    assert all(r.status_code == 200 for r in (by_get, by_form, by_body))
    assert answers[0] == answers[1] == answers[2]
    assert answers[0]["results"]["bindings"] == [
        {"c": {"type": "uri", "value": "https://w3id.org/lsh-kg/id/oss"}}]


@pytest.mark.parametrize(("accept", "media_type"), [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("*/*", "application/sparql-results+json"),
])
def test_select_negotiates_result_formats(client: FlaskClient, accept: str, media_type: str) -> None:
    response = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"},
                          headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert b"true" in response.data


@pytest.mark.parametrize(("fmt", "media_type", "rdflib_format"), [
    ("ttl", "text/turtle", "turtle"), ("nt", "application/n-triples", "nt"),
    ("jsonld", "application/ld+json", "json-ld"), ("rdfxml", "application/rdf+xml", "xml"),
])
def test_construct_answers_in_rdf_formats_that_parse(client: FlaskClient, fmt: str, media_type: str,
                                                     rdflib_format: str) -> None:
    by_param = client.get("/sparql", query_string={"query": CITIES, "format": fmt})
    by_accept = client.get("/sparql", query_string={"query": CITIES}, headers={"Accept": media_type})
    for response in (by_param, by_accept):
        assert response.status_code == 200
        assert response.mimetype == media_type
        graph = Graph().parse(data=response.data, format=rdflib_format)
        assert len(graph) == 1


def test_406_lists_what_the_query_can_answer_in(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": CITIES}, headers={"Accept": "text/csv"})
    assert response.status_code == 406
    assert b"text/turtle" in response.data
    response = client.get("/sparql", query_string={"query": ORGANISATIONS, "format": "ttl"})
    assert response.status_code == 406


def test_row_cap_is_visible_in_json_xml_and_header(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": ORGANISATIONS, "format": "json"})
    data = json.loads(response.data)
    assert len(data["results"]["bindings"]) == 1
    assert "urn:lsh-kg:results-truncated" in data["head"]["link"]
    assert response.headers["Lshkg-Truncated"] == "1"
    xml = client.get("/sparql", query_string={"query": ORGANISATIONS, "format": "xml"})
    assert b'<link href="urn:lsh-kg:results-truncated"/>' in xml.data
    assert len(list(XMLResultParser().parse(io.BytesIO(xml.data)))) == 1
    rows = list(csv.reader(io.StringIO(client.get(
        "/sparql", query_string={"query": ORGANISATIONS, "format": "csv"}).data.decode())))
    assert len(rows) == 2  # header and one row


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE WHERE { ?s ?p ?o }", "LOAD <http://127.0.0.1:9/x>",
    "CLEAR ALL", "DROP DEFAULT", "CREATE GRAPH <urn:g>",
])
def test_updates_are_refused(client: FlaskClient, update: str) -> None:
    for response in (client.get("/sparql", query_string={"query": update}),
                     client.post("/sparql", data={"update": update}),
                     client.post("/sparql", data=update,
                                 headers={"Content-Type": "application/sparql-update"})):
        assert response.status_code == 400
        assert b"read-only" in response.data


def test_malformed_query_gives_line_and_column(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "SELECT ?s\nWHERE { ?s ?p }"})
    assert response.status_code == 400
    assert b"line 2, column" in response.data
    assert b"syntax error" in response.data


def test_query_size_limit_gives_413(tiny_store: Path) -> None:
    app = create_app({"LSHKG_STORE_DIR": str(tiny_store), "LSHKG_QUERY_MAX_BYTES": 200})
    with app.test_client() as client:
        big = "ASK { ?s ?p ?o } #" + "x" * 300
        assert client.post("/sparql", data=big,
                           headers={"Content-Type": "application/sparql-query"}).status_code == 413
        assert client.post("/sparql", data={"query": "#" * 5000}).status_code == 413


def test_default_graph_uri_outside_the_store_is_refused(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }",
                                                   "default-graph-uri": "http://127.0.0.1:9/g"})
    assert response.status_code == 400
    assert b"not a graph of this store" in response.data


def test_cors_allows_reads_from_other_sites(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "ASK {}"},
                          headers={"Origin": "https://yasgui.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/sparql", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]


def test_service_description_and_void(client: FlaskClient) -> None:
    description = client.get("/sparql", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=description.data, format="turtle")
    assert graph.query("""ASK { ?s a <http://www.w3.org/ns/sparql-service-description#Service> ;
        <http://www.w3.org/ns/sparql-service-description#supportedLanguage>
        <http://www.w3.org/ns/sparql-service-description#SPARQL11Query> }""").askAnswer
    void = Graph().parse(data=client.get("/.well-known/void", headers={"Accept": "text/turtle"}).data,
                         format="turtle")
    answer = void.query("""SELECT ?n WHERE { ?d a <http://rdfs.org/ns/void#Dataset> ;
                           <http://rdfs.org/ns/void#triples> ?n }""")
    assert int(next(iter(answer))[0]) > 100


def test_browser_without_query_goes_to_the_editor(client: FlaskClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/query")


def test_our_prefixes_need_no_declaration(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={
        "query": "ASK {\n  lshid:oss a lsh:City ; rdfs:label ?name }", "format": "json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert json.loads(response.data)["boolean"] is True
    # a query's own declaration wins over ours
    own = client.get("/sparql", query_string={
        "query": "PREFIX lsh: <urn:other#>\nASK { lshid:oss a lsh:City }", "format": "json"})
    assert json.loads(own.data)["boolean"] is False


def test_an_unknown_prefix_is_named_at_its_place_in_the_users_lines(client: FlaskClient) -> None:
    unknown = client.get("/sparql", query_string={"query": "ASK {\n  ex:thing ?p ?o }", "format": "json"})
    assert unknown.status_code == 400
    message = unknown.get_data(as_text=True)
    assert message.startswith("line 2, column 3: syntax error: the prefix ex: is not declared")
    assert "declare it with PREFIX ex: <...>" in message


@pytest.mark.parametrize(("parameters", "filename"), [
    ({"query": "# UMCs and their cities\nSELECT ?c WHERE { ?c a lsh:City }"},
     "lsh-kg-umcs-and-their-cities.csv"),
    ({"query": "SELECT ?c WHERE { ?c a lsh:City }"}, "lsh-kg-select-c.csv"),
    ({"query": "SELECT ?c WHERE { ?c a lsh:City }", "name": 'x"; evil/../name'}, "lsh-kg-x-evil-name.csv"),
])
def test_a_download_is_named_after_the_query(client: FlaskClient, parameters: dict[str, str],
                                             filename: str) -> None:
    response = client.get("/sparql", query_string={**parameters, "format": "csv", "download": "1"})
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_a_syntax_error_reads_in_plain_words_with_line_and_column(client: FlaskClient) -> None:
    response = client.post("/sparql", data={"query": "SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o > 3\n}"},
                           headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 400
    assert response.get_data(as_text=True).strip() == (
        "line 4, column 1: syntax error: the ( at line 3, column 9 is still open at this }: "
        "close it with ) first")
