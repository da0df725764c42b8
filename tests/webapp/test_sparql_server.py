"""The endpoint served for real (`lshkg serve`) and used by real SPARQL clients."""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from tests.conftest import TINY_RECORDS
from tests.servers import build_store, lshkg_server

LSH = "https://w3id.org/lsh-kg/ontology#"
EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("served")
    build_store(TINY_RECORDS, data_dir)
    with lshkg_server(data_dir, data_dir / "server.log", query_timeout_s="2") as base:
        yield base


def client(server: str, query: str, return_format: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server + "/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(return_format)
    return sparql


def test_sparqlwrapper_json(server: str) -> None:
    result = client(server, f"SELECT ?c WHERE {{ ?c a <{LSH}City> }}", JSON).queryAndConvert()
    assert [b["c"]["value"] for b in result["results"]["bindings"]] == ["https://w3id.org/lsh-kg/id/oss"]


def test_sparqlwrapper_xml(server: str) -> None:
    document = client(server, f"SELECT ?c WHERE {{ ?c a <{LSH}City> }}", XML).queryAndConvert()
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert uris == ["https://w3id.org/lsh-kg/id/oss"]


@pytest.mark.parametrize(("return_format", "separator"), [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_csv_tsv(server: str, return_format: str, separator: str) -> None:
    query = (f"SELECT ?c ?l WHERE {{ ?c a <{LSH}City> ; "
             '<http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(LANG(?l) = "nl") }')
    text = client(server, query, return_format).queryAndConvert().decode()
    lines = text.strip().splitlines()
    assert lines[0].replace("?", "") == separator.join(["c", "l"])
    assert "Oss" in lines[1]


@pytest.mark.parametrize(("return_format", "rdflib_format"), [
    (RDFXML, None), (JSONLD, None), (TURTLE, "turtle"), (N3, "turtle")])
def test_sparqlwrapper_construct(server: str, return_format: str, rdflib_format: str | None) -> None:
    converted = client(server, f"CONSTRUCT WHERE {{ ?c a <{LSH}City> }}", return_format).queryAndConvert()
    graph = converted if rdflib_format is None else Graph().parse(data=converted, format=rdflib_format)
    assert isinstance(graph, Graph)
    assert set(graph) == {(URIRef("https://w3id.org/lsh-kg/id/oss"),
                           URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(LSH + "City"))}


def test_sparqlwrapper_ask(server: str) -> None:
    assert client(server, "ASK { ?s ?p ?o }", JSON).queryAndConvert()["boolean"] is True


def test_sparqlwrapper_uses_our_prefixes_undeclared(server: str) -> None:
    query = 'SELECT ?name WHERE { ?c a lsh:City ; rdfs:label ?name FILTER(LANG(?name) = "nl") }'
    result = client(server, query, JSON).queryAndConvert()
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == ["Oss"]


def test_sparqlwrapper_post(server: str) -> None:
    sparql = client(server, f"SELECT ?c WHERE {{ ?c a <{LSH}City> }}", JSON)
    sparql.setMethod("POST")
    assert len(sparql.queryAndConvert()["results"]["bindings"]) == 1


def test_rdflib_sparqlstore(server: str) -> None:
    graph = Graph(store=SPARQLStore(server + "/sparql", returnFormat="json"))
    labels = {str(label) for label in graph.objects(
        URIRef("https://w3id.org/lsh-kg/id/acme-pharma"),
        URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
    assert labels == {"Acme Pharma"}
    rows = list(graph.query(f"SELECT ?o WHERE {{ ?o a <{LSH}Organisation> }} ORDER BY ?o"))
    assert [str(row[0]).rsplit("/", 1)[1] for row in rows] == ["acme-pharma", "beta-bio"]


class Listener:
    """A TCP listener on loopback that records every connection made to it."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen()
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


def test_no_outbound_request_is_ever_made(server: str) -> None:
    listener = Listener()
    target = f"http://127.0.0.1:{listener.port}/sparql"
    attempts = [
        f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ ?x ?y ?z FILTER EXISTS {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{target}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{target}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"LOAD <{target}>",
        "ASK FROM <file:///etc/passwd> { ?s ?p ?o }",
    ]
    try:
        statuses = []
        for query in attempts:
            for method in ("GET", "POST"):
                data = urllib.parse.urlencode({"query": query}).encode()
                url = server + "/sparql" + ("?" + data.decode() if method == "GET" else "")
                request = urllib.request.Request(url, data=None if method == "GET" else data, method=method)
                try:
                    with urllib.request.urlopen(request, timeout=10) as response:
                        statuses.append(response.status)
                except urllib.error.HTTPError as error:
                    statuses.append(error.code)
                    error.close()
        params = urllib.parse.urlencode({"query": "ASK {}", "named-graph-uri": target})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{server}/sparql?{params}", timeout=10)
        assert refused.value.code == 400
        refused.value.close()
        time.sleep(0.5)  # anything sent would have arrived by now
    finally:
        listener.close()
    assert statuses == [400] * len(statuses)
    assert listener.connections == 0


def _get(url: str) -> tuple[int, bytes, float]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read(), time.monotonic()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read(), time.monotonic()


def test_runaway_query_is_stopped_while_cheap_queries_are_answered(server: str) -> None:
    bomb_url = server + "/sparql?" + urllib.parse.urlencode({"query": EXPLOSIVE})
    cheap_url = server + "/sparql?" + urllib.parse.urlencode(
        {"query": f"SELECT ?c WHERE {{ ?c a <{LSH}City> }}", "format": "json"})
    bomb: dict = {}
    thread = threading.Thread(target=lambda: bomb.update(result=_get(bomb_url)))
    thread.start()
    time.sleep(0.3)  # let the runaway query start first
    cheap = [_get(cheap_url) for _ in range(10)]
    thread.join()
    status, body, bomb_done = bomb["result"]
    assert status == 503
    assert b"longer than the limit" in body
    assert all(code == 200 and b"oss" in data for code, data, _ in cheap)
    assert all(done < bomb_done for _, _, done in cheap), "cheap queries waited for the runaway one"
    # and the server is whole afterwards
    assert _get(cheap_url)[0] == 200
