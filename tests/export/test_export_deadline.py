"""Slow requests (a whole-graph export or bundle, a path search) have a deadline and a cap: a
whole-graph export or bundle cut at its deadline is a 503 with Retry-After, its work stops and its
place is free at once; one beyond the cap gets 429 with Retry-After (shipped graph)."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from flask import Flask

from graph.export import rdf
from graph.export.select import whole
from ontology.namespaces import DEFAULT_BASE_IRI as ID
from tests.conftest import make_app
from webapp.app_store import close_store, get_store
from webapp.export import get_kind_tree, get_network

DEADLINE_S = 0.2  # a whole-graph TriG export takes seconds


@pytest.fixture(scope="module")
def app(shipped_store) -> Iterator[Flask]:
    app = make_app(str(shipped_store.path), LSHKG_SLOW_REQUEST_TIMEOUT_S=DEADLINE_S, LSHKG_SLOW_REQUESTS=1)
    with app.test_request_context():  # what every export reads, built once before timing
        get_network(), get_kind_tree()
    yield app
    close_store(app)


def slow_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "lshkg-slow-request" and t.is_alive()]


@pytest.mark.parametrize(("route", "asked"), [("/api/export", {"all": "1", "format": "trig"}),
                                              ("/api/bundle", {"all": "1"})])  # a bundle writes TriG first
def test_a_cut_export_stops_its_work_and_frees_its_place_at_once(app: Flask, monkeypatch: pytest.MonkeyPatch,
                                                                  route: str, asked: dict) -> None:
    converted = [0]
    term = rdf._Terms.term

    def counted(self: rdf._Terms, value: object) -> object:
        converted[0] += 1
        return term(self, value)

    monkeypatch.setattr(rdf._Terms, "term", counted)
    with app.test_client() as client:
        # as a server does after warm-up (webapp/serve.py): this process holds every earlier test's
        # fixtures, and a full collection of them would pause the thread that answers
        gc.freeze()
        try:
            started = time.monotonic()
            cut = client.get(route, query_string=asked)
            elapsed = time.monotonic() - started
            # the only place is free at once: the next slow request is not turned away
            path = client.get("/api/map/path", query_string={"from": "kite", "to": "lumc"})
        finally:
            gc.unfreeze()
        assert cut.status_code == 503, cut.get_data()[:300]
        assert elapsed < DEADLINE_S + 1
        assert "time limit" in cut.json["error"] and int(cut.headers["Retry-After"]) >= 1
        assert path.status_code != 429, path.get_data()[:300]
        # and the cut work ends soon (it looks at its deadline), long before a whole export would
        for _ in range(100):
            if not slow_threads():
                break
            time.sleep(0.1)
        assert not slow_threads()
        after_cut = converted[0]
        time.sleep(0.5)
        assert converted[0] == after_cut  # nothing converts any more
    with app.test_request_context():
        triples, _ = rdf.subgraph_triples(get_store(), whole(get_network()))
    assert after_cut < 3 * len(triples)  # a whole TriG export converts each triple's three terms


def test_one_beyond_the_cap_is_turned_away_while_the_first_runs(app: Flask) -> None:
    from webapp.slow_work import slow_place

    with app.test_request_context("/api/export"):
        held = slow_place("the export")  # the machine's only place, taken
        try:
            with app.test_client() as client:
                crowded = client.get("/api/export", query_string={"ego": "kite", "format": "ttl"})
                path = client.get("/api/map/path", query_string={"from": "kite", "to": "lumc"})
        finally:
            held.end()
    assert crowded.status_code == 429, crowded.get_data()[:300]
    assert "at most 1" in crowded.json["error"] and int(crowded.headers["Retry-After"]) >= 1
    assert path.status_code == 429 and path.headers["Retry-After"]
    # once it has ended, the place is free again (a small export may itself meet the short
    # deadline on a busy machine: then it is tried again)
    with app.test_client() as client:
        for _ in range(50):
            answer = client.get("/api/export", query_string={"ego": "kite", "format": "trig"})
            if answer.status_code != 503:
                break
            time.sleep(0.2)
    assert answer.status_code == 200, answer.get_data()[:300]
    quads = list(ox.parse(answer.get_data(), format=ox.RdfFormat.TRIG))  # not rdflib, its writer
    assert any(quad.subject == ox.NamedNode(ID + "kite") for quad in quads)
