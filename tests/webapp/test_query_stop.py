"""Stopping a running query (the editor's Stop button) through the app: the query's request ends at
once with 499, its worker process is killed, and the next query is answered although the pool has
no other worker."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from webapp import create_app
from webapp.app_store import close_store

EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture
def app(tiny_store: Path) -> Iterator[Flask]:
    app = create_app({"LSHKG_STORE_DIR": str(tiny_store), "LSHKG_ENDPOINT": None, "LSHKG_QUERY_TIMEOUT_S": 60,
                      "LSHKG_QUERY_WORKERS": 1, "LSHKG_QUERY_WORKERS_MAX": 1,
                      "LSHKG_RATE_LIMIT_PER_MINUTE": 0})
    yield app
    close_store(app)


def _running(tiny_store: Path, query_id: str) -> bool:
    return (tiny_store.parent / "running-queries" / f"{query_id}.running").exists()


def test_a_stopped_query_ends_at_once_and_frees_its_worker(app: Flask, tiny_store: Path) -> None:
    outcome: dict[str, object] = {}

    def long_query() -> None:
        started = time.monotonic()
        response = app.test_client().post("/sparql", data={"query": EXPLOSIVE},
                                          headers={**JSON, "Lshkg-Query-Id": "stop-me-0001"})
        outcome.update(status=response.status_code, text=response.get_data(as_text=True),
                       seconds=time.monotonic() - started)

    runner = threading.Thread(target=long_query)
    runner.start()
    deadline = time.monotonic() + 20
    while not _running(tiny_store, "stop-me-0001") and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # the worker is at work on the join
    stopped = app.test_client().post("/api/queries/stop-me-0001/stop")
    assert stopped.status_code == 202
    runner.join(timeout=20)
    assert outcome["status"] == 499
    assert "stopped" in str(outcome["text"])
    assert float(str(outcome["seconds"])) < 10  # far below the 60 s limit
    assert not _running(tiny_store, "stop-me-0001")
    # the pool's only worker was freed: a new query is answered at once
    started = time.monotonic()
    after = app.test_client().get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}, headers=JSON)
    assert after.status_code == 200 and after.json["boolean"] is True
    assert time.monotonic() - started < 10


def test_stopping_a_query_that_is_not_running_says_so(app: Flask) -> None:
    client = app.test_client()
    assert client.post("/sparql", data={"query": "ASK {}"},
                       headers={**JSON, "Lshkg-Query-Id": "done-0000001"}).status_code == 200
    finished = client.post("/api/queries/done-0000001/stop")
    assert finished.status_code == 404
    assert "no query with the id done-0000001 is running" in finished.json["error"]
    assert client.post("/api/queries/bad!id/stop").status_code == 400
