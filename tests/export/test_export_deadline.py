"""Slow requests (a whole-graph export, a path search) have a deadline and a cap: a whole-graph
export is cut at its deadline with 503 and Retry-After, one beyond the cap gets 429 with
Retry-After, and once the cut work has ended the next export is answered (shipped graph)."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from flask import Flask

from ontology.namespaces import DEFAULT_BASE_IRI as ID
from tests.conftest import make_app
from webapp.app_store import close_store
from webapp.export import get_kind_tree, get_network

DEADLINE_S = 0.2  # a whole-graph TriG export takes seconds


@pytest.fixture(scope="module")
def app(shipped_store) -> Iterator[Flask]:
    app = make_app(str(shipped_store.path), LSHKG_SLOW_REQUEST_TIMEOUT_S=DEADLINE_S, LSHKG_SLOW_REQUESTS=1)
    yield app
    close_store(app)


def test_a_whole_graph_export_is_cut_at_its_deadline_and_the_cap_holds_until_it_ends(app: Flask) -> None:
    with app.test_client() as client:
        with app.test_request_context():  # what every export reads, built once before timing
            get_network(), get_kind_tree()
        # as a server does after warm-up (webapp/serve.py): this process holds every earlier test's
        # fixtures, and a full collection of them would pause the thread that answers
        gc.freeze()
        try:
            started = time.monotonic()
            cut = client.get("/api/export", query_string={"all": "1", "format": "trig"})
            elapsed = time.monotonic() - started
        finally:
            gc.unfreeze()
        assert cut.status_code == 503, cut.get_data()[:300]
        assert elapsed < DEADLINE_S + 1
        assert "time limit" in cut.json["error"] and int(cut.headers["Retry-After"]) >= 1
        # the cut export still runs (a thread cannot be stopped) and holds the only place
        crowded = client.get("/api/export", query_string={"ego": "kite", "format": "ttl"})
        assert crowded.status_code == 429, crowded.get_data()[:300]
        assert "at most 1" in crowded.json["error"] and int(crowded.headers["Retry-After"]) >= 1
        path = client.get("/api/map/path", query_string={"from": "kite", "to": "lumc"})
        assert path.status_code == 429 and path.headers["Retry-After"]
        # once it has ended, the place is free again (a small export may itself meet the short
        # deadline on a busy machine: then it is tried again)
        for _ in range(300):
            answer = client.get("/api/export", query_string={"ego": "kite", "format": "trig"})
            if answer.status_code not in (429, 503):
                break
            time.sleep(0.2)
        assert answer.status_code == 200, answer.get_data()[:300]
        quads = list(ox.parse(answer.get_data(), format=ox.RdfFormat.TRIG))  # not rdflib, its writer
        assert any(quad.subject == ox.NamedNode(ID + "kite") for quad in quads)
