"""The query editor page and its network endpoint, through Flask's test client on the tiny record set."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient

from graph.network.from_triples import network_from_triples
from ontology.namespaces import PREFIXES
from tests.browser.chromium import build_store
from webapp import create_app
from webapp.app_store import close_store

LSH = "https://w3id.org/lsh-kg/ontology#"
ID = "https://w3id.org/lsh-kg/id/"
ORGANISATION_NETWORK = f"""
PREFIX lsh: <{LSH}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT {{ ?org lsh:locatedIn ?place ; rdfs:label ?label ; lsh:abbreviation ?short .
             ?sub lsh:subsidiaryOf ?org }}
WHERE {{
  ?org a lsh:Organisation ; rdfs:label ?label .
  OPTIONAL {{ ?org lsh:locatedIn ?place }}
  OPTIONAL {{ ?org lsh:abbreviation ?short }}
  OPTIONAL {{ ?sub lsh:subsidiaryOf ?org }}
}}"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    data_dir = build_store(tmp_path_factory.mktemp("editor-var"))
    app = create_app({"LSHKG_STORE_DIR": str(data_dir / "store"), "LSHKG_ENDPOINT": None,
                      "LSHKG_QUERY_TIMEOUT_S": 10, "TESTING": True})
    yield app
    close_store(app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    with app.test_client() as client:
        yield client


class _References(HTMLParser):
    """Every src and href of a page, by tag."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href", "action", "data") and value is not None:
                self.found.append((tag, name, value))


def _references(html: str) -> list[tuple[str, str, str]]:
    parser = _References()
    parser.feed(html)
    return parser.found


# ---------- the page ----------

def test_query_page_loads_only_local_assets(client: FlaskClient) -> None:
    response = client.get("/query")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    references = _references(html)
    outside = [ref for ref in references
               if (urlsplit(ref[2]).scheme in ("http", "https") and urlsplit(ref[2]).hostname != "localhost")
               or ref[2].startswith("//")]
    assert not outside, f"references to other hosts: {outside}"
    assets = {value for tag, name, value in references
              if (tag, name) in (("script", "src"), ("link", "href")) and not value.startswith("data:")}
    assert assets == {"/static/site.css", "/static/editor.css", "/static/editor/main.js", "/static/i18n.js",
                      "/vendor/yasgui/yasgui.min.css", "/vendor/yasgui/yasgui.min.js",
                      "/vendor/vis-network/vis-network.css", "/vendor/vis-network/vis-network.min.js"}
    # the editor's modules: main.js as a module script (deferred, so after YASGUI's classic script)
    assert '<script type="module" src="/static/editor/main.js"></script>' in html
    modules = {f"/static/editor/{path.name}" for path in _editor_modules()}
    for asset in sorted(assets | modules):
        served = client.get(asset)
        assert served.status_code == 200, asset
        if asset.endswith(".js"):
            assert served.mimetype == "text/javascript", asset  # module scripts need a JavaScript type
        served.close()


def test_query_page_forbids_loading_from_other_hosts(client: FlaskClient) -> None:
    policy = client.get("/query").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["connect-src"] == "'self'"


def test_query_page_has_the_layout_and_the_settings_the_script_reads(client: FlaskClient) -> None:
    html = client.get("/query").get_data(as_text=True)
    assert ">lsh-kg</a>" in html
    assert 'href="/"' in html and 'href="/query"' in html and 'aria-current="page"' in html
    assert 'data-endpoint="/sparql"' in html
    assert f'data-base-iri="{ID}"' in html
    assert 'data-entity-base="/id/"' in html
    assert 'data-network-api="/api/construct-network"' in html
    for element in ("yasqe", "yasr", "gallery-list", "download-links", "truncation-banner",
                    "network-panel", "network-count", "run-button"):
        assert f'id="{element}"' in html


def _editor_modules() -> list[Path]:
    modules = sorted((Path(__file__).resolve().parents[2] / "webapp" / "static" / "editor").rglob("*.js"))
    assert any(path.name == "main.js" for path in modules)
    return modules


def test_static_scripts_never_write_html_from_data() -> None:
    for path in _editor_modules():
        script = path.read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML"):
            assert sink not in script, (path.name, sink)
        assert "lov.linkeddata.es" not in script, path


# ---------- POST /api/construct-network ----------

def test_construct_network_from_a_form_field(client: FlaskClient) -> None:
    response = client.post("/api/construct-network", data={"query": ORGANISATION_NETWORK})
    assert response.status_code == 200, response.get_data(as_text=True)
    network = response.get_json()
    nodes = {node["id"]: node for node in network["nodes"]}
    assert set(nodes) == {ID + "acme-pharma", ID + "beta-bio", ID + "oss"}
    assert nodes[ID + "acme-pharma"]["label"] == "Acme Pharma"  # rdfs:label of the answer
    assert nodes[ID + "oss"]["label"] == "oss"  # no label in the answer: the IRI's last segment
    assert {node["kind"] for node in nodes.values()} == {"entity"}
    assert nodes[ID + "acme-pharma"]["href"] == "/id/acme-pharma"
    assert nodes[ID + "acme-pharma"]["attributes"] == [
        {"predicate": LSH + "abbreviation", "label": "lsh:abbreviation", "value": "ACP"}]
    edges = {(edge["from"], edge["label"], edge["to"]) for edge in network["edges"]}
    assert edges == {(ID + "acme-pharma", "lsh:locatedIn", ID + "oss"),
                     (ID + "beta-bio", "lsh:subsidiaryOf", ID + "acme-pharma")}
    assert network["truncated"] is False
    assert network["triples"] == 6


def test_construct_network_from_json_and_describe(client: FlaskClient) -> None:
    by_json = client.post("/api/construct-network", json={"query": ORGANISATION_NETWORK})
    assert by_json.status_code == 200
    assert len(by_json.get_json()["nodes"]) == 3
    described = client.post("/api/construct-network", json={"query": f"DESCRIBE <{ID}oss>"})
    assert described.status_code == 200
    ids = {node["id"] for node in described.get_json()["nodes"]}
    assert ID + "oss" in ids


@pytest.mark.parametrize(("query", "expected"), [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT query gives solutions, not a graph"),
    ("ASK { ?s ?p ?o }", "ASK query gives solutions, not a graph"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
     "SERVICE is not allowed"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE is not allowed"),
    ("CONSTRUCT WHERE {\n  ?s ?p \n}}", "line 3, column 2: syntax error: this } has no { to close"),
    ("DELETE WHERE { ?s ?p ?o }", "read-only"),
])
def test_construct_network_refuses_other_queries_with_a_json_error(client: FlaskClient, query: str,
                                                                   expected: str) -> None:
    response = client.post("/api/construct-network", data={"query": query})
    assert response.status_code == 400
    assert response.is_json
    assert expected in response.get_json()["error"]


def test_construct_network_without_a_query(client: FlaskClient) -> None:
    response = client.post("/api/construct-network", json={"text": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert response.status_code == 400
    assert "query" in response.get_json()["error"]
    assert client.get("/api/construct-network").status_code == 405


def test_construct_network_says_when_the_answer_was_cut(app: Flask, client: FlaskClient) -> None:
    app.config["LSHKG_QUERY_MAX_ROWS"], rows = 3, app.config["LSHKG_QUERY_MAX_ROWS"]
    try:
        response = client.post("/api/construct-network", json={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    finally:
        app.config["LSHKG_QUERY_MAX_ROWS"] = rows
    network = response.get_json()
    assert network["truncated"] is True
    assert network["triples"] == 3


# ---------- the Flask-free helper ----------

def test_literals_become_attributes_and_labels_and_blank_nodes_are_nodes() -> None:
    acme, bnode = ox.NamedNode(ID + "acme"), ox.BlankNode("b1")
    triples = [
        ox.Triple(acme, ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
                  ox.Literal("Acme <b>bold</b>", language="nl")),
        ox.Triple(acme, ox.NamedNode(LSH + "year"), ox.Literal("2016", datatype=ox.NamedNode(
            "http://www.w3.org/2001/XMLSchema#gYear"))),
        ox.Triple(acme, ox.NamedNode(LSH + "post"), bnode),
        ox.Triple(bnode, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                  ox.NamedNode("http://www.w3.org/ns/org#Post")),
    ]
    network = network_from_triples(triples, base_iri=ID, prefixes=PREFIXES)
    nodes = {node["id"]: node for node in network["nodes"]}
    assert nodes[ID + "acme"]["label"] == "Acme <b>bold</b>"  # plain data; the page shows it as text
    assert nodes[ID + "acme"]["labels"] == {"nl": "Acme <b>bold</b>"}
    assert nodes[ID + "acme"]["attributes"] == [
        {"predicate": LSH + "year", "label": "lsh:year", "value": "2016"}]
    assert nodes["_:b1"]["kind"] == "bnode"
    assert nodes["http://www.w3.org/ns/org#Post"] == {
        "id": "http://www.w3.org/ns/org#Post", "iri": "http://www.w3.org/ns/org#Post", "kind": "iri",
        "prefixed": "org:Post", "label": "org:Post", "labels": {}, "attributes": []}
    assert [(e["from"], e["to"], e["label"]) for e in network["edges"]] == [
        (ID + "acme", "_:b1", "lsh:post"), ("_:b1", "http://www.w3.org/ns/org#Post", "rdf:type")]


def test_at_most_max_nodes_are_kept() -> None:
    knows = ox.NamedNode("http://xmlns.com/foaf/0.1/knows")
    triples = [ox.Triple(ox.NamedNode(f"{ID}p{i}"), knows, ox.NamedNode(f"{ID}p{i + 1}")) for i in range(10)]
    network = network_from_triples(triples, base_iri=ID, prefixes=PREFIXES, max_nodes=4)
    assert len(network["nodes"]) == 4
    assert len(network["edges"]) == 3  # only edges between kept nodes
    assert network["truncated"] is True


def test_labels_name_the_iris_an_answer_holds(client: FlaskClient) -> None:
    iris = [ID + "oss", "https://w3id.org/lsh-kg/ontology#City", "urn:no:name", "not an iri"]
    response = client.post("/api/labels", json={"iris": iris})
    assert response.status_code == 200
    names = response.get_json()
    assert names[ID + "oss"]["nl"] == "Oss"
    assert names["https://w3id.org/lsh-kg/ontology#City"] == {"en": "City", "nl": "Stad"}
    assert set(names) == {ID + "oss", "https://w3id.org/lsh-kg/ontology#City"}
    assert client.post("/api/labels", json={"iris": "x"}).status_code == 400
    too_many = client.post("/api/labels", json={"iris": ["urn:x"] * 1001})
    assert too_many.status_code == 400 and "at most 1000" in too_many.get_json()["error"]
