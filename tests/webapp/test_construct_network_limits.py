"""`/api/construct-network` is a slow request like an export: beyond the cap it gets 429, at the
slow requests' deadline 503 with Retry-After, and its query is stopped then, not at its own limit."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from flask import Flask

from tests.conftest import make_app
from webapp.app_store import close_store
from webapp.slow_work import slow_place

DEADLINE_S = 1.0
RUNAWAY = "CONSTRUCT { ?a ?b ?c } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CHEAP = "CONSTRUCT { ?o a ?k } WHERE { ?o a ?k } LIMIT 5"


@pytest.fixture(scope="module")
def app(tiny_store) -> Iterator[Flask]:
    # the query's own limit far beyond the slow requests' deadline: the deadline must stop it
    app = make_app(str(tiny_store), LSHKG_SLOW_REQUEST_TIMEOUT_S=DEADLINE_S, LSHKG_SLOW_REQUESTS=1,
                   LSHKG_QUERY_TIMEOUT_S=60)
    yield app
    close_store(app)


def slow_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "lshkg-slow-request" and t.is_alive()]


def test_a_runaway_network_is_cut_at_the_deadline_and_its_query_stops(app: Flask) -> None:
    with app.test_client() as client:
        started = time.monotonic()
        cut = client.post("/api/construct-network", data={"query": RUNAWAY})
        elapsed = time.monotonic() - started
        assert cut.status_code == 503, cut.get_data()[:300]
        assert elapsed < DEADLINE_S + 1 and int(cut.headers["Retry-After"]) >= 1
        for _ in range(100):  # the query's worker is killed at once, not at its own limit of 60 s
            if not slow_threads():
                break
            time.sleep(0.1)
        assert not slow_threads()
        answer = client.post("/api/construct-network", data={"query": CHEAP})
        assert answer.status_code == 200, answer.get_data()[:300]


def test_beyond_the_cap_a_network_is_turned_away(app: Flask) -> None:
    with app.test_request_context("/api/construct-network"):
        held = slow_place("the export")
        try:
            with app.test_client() as client:
                crowded = client.post("/api/construct-network", data={"query": CHEAP})
        finally:
            held.end()
    assert crowded.status_code == 429 and int(crowded.headers["Retry-After"]) >= 1
    assert "too many slow requests" in crowded.json["error"]
