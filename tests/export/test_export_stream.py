"""N-Triples and CSV exports are streamed: the whole graph read back by another parser equals the
export written in one piece; a cut before the first byte is a 503 with Retry-After, and a stream cut
after it ends with a note that it is incomplete (shipped graph)."""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from flask import Flask

from graph.export import network_formats, rdf
from graph.export.about import About, rdf_description
from graph.export.formats import export
from graph.export.network_formats import csv_zip_chunks, flat_network
from graph.export.select import whole
from graph.records.build import ntriples
from graph.store.deadline import Deadline
from graph.store.version import store_version
from ontology.namespaces import DEFAULT_BASE_IRI as ID
from tests.conftest import make_app
from webapp.app_store import close_store, get_store
from webapp.export import get_kind_tree, get_network
from webapp.slow_work import EXTENSION


@pytest.fixture(scope="module")
def app(shipped_store) -> Iterator[Flask]:
    app = make_app(str(shipped_store.path), LSHKG_SLOW_REQUEST_TIMEOUT_S=120)
    with app.test_request_context():
        get_network(), get_kind_tree()
    yield app
    close_store(app)


@pytest.fixture
def deadline_s(app: Flask) -> Iterator[callable]:
    """Sets the slow requests' deadline for one test."""
    gate = app.extensions[EXTENSION]
    before = gate.timeout_s

    def set_to(seconds: float) -> None:
        gate.timeout_s = seconds

    yield set_to
    gate.timeout_s = before


def test_the_whole_graph_streamed_as_n_triples_is_the_graph(app: Flask) -> None:
    with app.test_client() as client:
        answer = client.get("/api/export", query_string={"all": "1", "format": "nt"})
    assert answer.status_code == 200 and answer.is_streamed
    body = answer.get_data()
    with app.test_request_context():
        store, subgraph = get_store(), whole(get_network())
        triples, _ = rdf.subgraph_triples(store, subgraph)
        turtle = export(subgraph, "ttl", store, ID).body  # written whole by rdflib
        described = rdf_description(About(subgraph.title, subgraph.name, store_version(store)), ID)
        # the bytes of the writer in one piece, the export's description of itself included
        assert body == ntriples(rdf.graph_of([*triples, *described], ID))

    def named(data: bytes, format: ox.RdfFormat) -> set[ox.Triple]:
        """The triples without the description's blank node (parsed anew, it gets another name)."""
        return {q.triple for q in ox.parse(data, format=format) if not isinstance(q.subject, ox.BlankNode)}

    streamed = named(body, ox.RdfFormat.N_TRIPLES)
    assert streamed == named(turtle, ox.RdfFormat.TURTLE)
    assert len(streamed) == store.triple_count() + len(described) - sum(
        isinstance(t.subject, ox.BlankNode) for t in described)


def named_quads(data: bytes, format: ox.RdfFormat) -> set[ox.Quad]:
    """The quads without the export's description of itself, a blank node named anew at each parse."""
    return {q for q in ox.parse(data, format=format) if not isinstance(q.subject, ox.BlankNode)}


def test_the_whole_graph_streamed_as_n_quads_holds_the_named_graphs_of_trig(app: Flask) -> None:
    with app.test_client() as client:
        answer = client.get("/api/export", query_string={"all": "1", "format": "nq"})
    assert answer.status_code == 200 and answer.is_streamed
    assert re.search(r'filename="lsh-kg-[0-9a-f]{8}-all\.nq"$', answer.headers["Content-Disposition"])
    with app.test_request_context():
        trig = export(whole(get_network()), "trig", get_store(), ID).body  # written whole by rdflib
    streamed = named_quads(answer.get_data(), ox.RdfFormat.N_QUADS)
    assert streamed == named_quads(trig, ox.RdfFormat.TRIG)
    assert any(quad.graph_name != ox.DefaultGraph() for quad in streamed)


def test_the_csv_zip_streamed_holds_every_node_and_link(app: Flask) -> None:
    with app.test_client() as client:
        answer = client.get("/api/export", query_string={"all": "1", "format": "csv"})
    assert answer.status_code == 200 and answer.is_streamed
    with app.test_request_context():
        flat = flat_network(whole(get_network()), ID)
    archive = zipfile.ZipFile(io.BytesIO(answer.get_data()))
    tables = {name.rsplit("-", 1)[-1]: list(csv.DictReader(io.TextIOWrapper(archive.open(name), "utf-8")))
              for name in archive.namelist()}
    assert len(tables["nodes.csv"]) == flat.number_of_nodes()
    assert len(tables["edges.csv"]) == flat.number_of_edges()


def test_a_stream_cut_before_its_first_byte_is_a_503(app: Flask, deadline_s) -> None:
    deadline_s(0.01)
    with app.test_client() as client:
        answer = client.get("/api/export", query_string={"all": "1", "format": "nt"})
    assert answer.status_code == 503 and int(answer.headers["Retry-After"]) >= 1
    assert "time limit" in answer.json["error"]


def test_a_stream_cut_after_its_first_byte_ends_with_a_note(app: Flask, deadline_s,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rdf, "CHUNK_BYTES", 200)  # many small pieces
    deadline_s(3.0)
    with app.test_client() as client:
        for _ in range(5):  # the selection itself may miss the deadline on a busy machine
            started = time.monotonic()
            answer = client.get("/api/export", query_string={"ego": "kite", "depth": "2", "format": "nt"},
                                buffered=False)
            if answer.status_code == 200:
                break
        assert answer.status_code == 200
        pieces = iter(answer.response)
        first = next(pieces)
        time.sleep(max(0.0, started + 3.2 - time.monotonic()))  # the deadline passes while it is sent
        body = first + b"".join(pieces)
        answer.close()
    assert body.endswith(rdf.CUT_COMMENT)
    read = {quad.triple for quad in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}  # still N-Triples
    with app.test_request_context():
        whole_answer = export(whole(get_network()), "nt", get_store(), ID).body
    assert read and read < {quad.triple for quad in ox.parse(whole_answer, format=ox.RdfFormat.N_TRIPLES)}


def test_a_csv_zip_cut_after_its_first_byte_is_a_whole_zip_that_says_so(
        app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(network_formats, "CHUNK_BYTES", 1)  # a piece per row
    deadline = Deadline(time.monotonic() + 60)
    with app.test_request_context():
        pieces = csv_zip_chunks(whole(get_network()), ID, deadline)
    first = next(pieces)
    deadline.cut()
    archive = zipfile.ZipFile(io.BytesIO(first + b"".join(pieces)))
    names = archive.namelist()
    assert names[-1].endswith("-INCOMPLETE.txt") and b"INCOMPLETE" in archive.read(names[-1])
    assert archive.testzip() is None
    rows = list(csv.reader(io.TextIOWrapper(archive.open(names[0]), "utf-8")))
    assert rows[0][0] == "id" and all(len(row) == len(rows[0]) for row in rows)  # whole rows only


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_stream_never_read_gives_its_place_back(app: Flask, method: str) -> None:
    places = app.extensions[EXTENSION].places
    with app.test_client() as client:
        answer = client.open("/api/export", method=method, query_string={"ego": "kite", "format": "nt"},
                             buffered=False)
        assert answer.status_code in (200, 503)
        answer.close()  # a client gone before the first byte
    assert places.held() == []
