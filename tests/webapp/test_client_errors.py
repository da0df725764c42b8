"""What a client sends is answered as the client's error (4xx, saying what is wrong), and no answer
names a path of the machine: regressions found by fuzzing the app and by the W3C SPARQL probes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from rdflib import Graph
from rdflib.compare import isomorphic

from webapp import create_app
from webapp.app_store import close_store

PROV = "http://www.w3.org/ns/prov#"


@pytest.fixture(scope="module")
def client(tiny_store: Path) -> Iterator[FlaskClient]:
    app = create_app({"LSHKG_STORE_DIR": str(tiny_store), "LSHKG_ENDPOINT": None,
                      "LSHKG_QUERY_TIMEOUT_S": 5, "LSHKG_RATE_LIMIT_PER_MINUTE": 0})
    with app.test_client() as client:
        yield client
    close_store(app)


@pytest.mark.parametrize("parameters", [
    [("endpoint", "x")], [("_method", "POST")], [("_anchor", "top")], [("_external", "1")],
    [("_scheme", "https"), ("lang", "nl")]])
def test_source_redirect_passes_url_for_names_on_as_plain_parameters(client: FlaskClient,
                                                                     parameters: list) -> None:
    response = client.get("/sources/doc-a", query_string=parameters)
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/id/doc-a" and location.fragment == "" and not location.netloc
    assert parse_qsl(location.query) == parameters


def test_kind_page_links_keep_url_for_names_as_plain_parameters(client: FlaskClient) -> None:
    response = client.get("/kinds/Organisation.json",
                          query_string={"per_page": "1", "endpoint": "x", "_anchor": "y"})
    assert response.status_code == 200
    following = urlsplit(response.json["next"])
    assert following.fragment == ""
    assert dict(parse_qsl(following.query)) == {"per_page": "1", "endpoint": "x", "_anchor": "y",
                                                "page": "2"}


def test_readiness_names_the_kind_of_store_not_its_path(client: FlaskClient, tiny_store: Path) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json == {"status": "ready", "store": "embedded"}
    assert str(tiny_store) not in response.get_data(as_text=True)


def test_a_missing_store_is_a_503_that_names_no_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    app = create_app({"LSHKG_STORE_DIR": str(missing), "LSHKG_ENDPOINT": None})
    with app.test_client() as client:
        for path in ("/readyz", "/id/acme-pharma.json", "/api/export?all=1"):
            response = client.get(path)
            assert response.status_code == 503, path
            assert str(tmp_path) not in response.get_data(as_text=True), path
            assert "lshkg build" in response.get_data(as_text=True), path


def sparql(client: FlaskClient, query: str, fmt: str) -> tuple[int, str]:
    response = client.get("/sparql", query_string={"query": query, "format": fmt})
    return response.status_code, response.get_data(as_text=True)


def test_an_unknown_extension_function_is_a_400_that_names_it(client: FlaskClient) -> None:
    status, body = sparql(client, "SELECT * WHERE { ?s ?p ?o FILTER(<http://example.org/fn>(?o)) }",
                          "json")
    assert status == 400 and "<http://example.org/fn>" in body and "not supported" in body


def test_json_ld_of_triple_terms_is_a_406_that_offers_other_formats(client: FlaskClient) -> None:
    query = "CONSTRUCT { ?s ?p <<( ?s ?p ?o )>> } WHERE { ?s ?p ?o } LIMIT 2"
    status, body = sparql(client, query, "jsonld")
    assert status == 406 and "JSON-LD" in body and "Turtle" in body
    status, body = sparql(client, query, "nt")  # the same answer where the format can hold it
    assert status == 200 and "<<(" in body


def test_a_relative_iri_without_base_is_named_with_its_place(client: FlaskClient) -> None:
    status, body = sparql(client, "SELECT * WHERE {\n  ?s ?p <things/x> }", "json")
    assert status == 400
    assert body.startswith("line 2, column 9: <things/x> is a relative IRI") and "BASE" in body
    # with a BASE it is a query like any other
    assert sparql(client, "BASE <https://w3id.org/lsh-kg/id/>\nASK { <oss> ?p ?o }", "json")[0] == 200


def test_turtle_answers_write_iris_with_awkward_local_names_in_full(client: FlaskClient) -> None:
    query = (f"CONSTRUCT {{ <{PROV}x.> a <{PROV}Entity> . <{PROV}a~b> <{PROV}value> 1 }} WHERE {{}}")
    status, turtle = sparql(client, query, "ttl")
    assert status == 200
    assert f"<{PROV}x.>" in turtle and f"<{PROV}a~b>" in turtle
    read = Graph().parse(data=turtle, format="turtle")  # rdflib, not the engine that wrote it
    expected = Graph().parse(data=ox.serialize(ox.parse(sparql(client, query, "nt")[1].encode(),
                                                        format=ox.RdfFormat.N_TRIPLES),
                                               format=ox.RdfFormat.N_TRIPLES), format="nt")
    assert len(read) == 2 and isomorphic(read, expected)


@pytest.mark.parametrize("url", [
    "/api/map/view?depth=%C2%B3", "/api/map/view?depth=" + "9" * 5000,
    "/api/map/expand?node=acme-pharma&limit=%C2%B3", "/api/map/expand?node=acme-pharma&limit=" + "9" * 5000,
    "/api/map/path?from=acme-pharma&to=beta-bio&limit=%C2%B3"])
def test_numbers_that_are_digits_only_to_python_are_a_400(client: FlaskClient, url: str) -> None:
    # "³" passes str.isdigit but not int(); int() refuses 5,000 digits
    response = client.get(url)
    assert response.status_code == 400 and "whole number" in response.get_data(as_text=True)
