"""Query requests answered in front of Flask (webapp.sparql_front) answer exactly as Flask's own
view does, with the same headers, limits, logs and error answers."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.test import Client, TestResponse

from webapp import create_app
from webapp.app_store import close_store
from webapp.sparql_front import SparqlFront

CITIES = "SELECT ?c WHERE { ?c a <https://w3id.org/lsh-kg/ontology#City> }"
ORGANISATIONS = "CONSTRUCT WHERE { ?o a <https://w3id.org/lsh-kg/ontology#Organisation> }"
JSON = {"Accept": "application/sparql-results+json"}
BODY = {"Content-Type": "application/sparql-query"}

# (method, query string, body, headers): answers, refusals and errors of every kind
REQUESTS = [
    ("GET", {"query": CITIES}, None, JSON),
    ("GET", {"query": CITIES, "format": "csv", "download": "1"}, None, {}),
    ("GET", {"query": ORGANISATIONS}, None, {"Accept": "text/turtle"}),
    ("GET", {"query": ORGANISATIONS, "format": "jsonld"}, None, {}),
    ("GET", {"query": "ASK { ?s ?p ?o }"}, None, {"Accept": "application/sparql-results+xml"}),
    ("GET", {"query": CITIES}, None, {"Accept": "text/html,*/*;q=0.8"}),  # a browser: the editor
    ("GET", {"query": CITIES}, None, {"Accept": "image/png"}),  # 406
    ("GET", {"query": "SELECT ?s\nWHERE { ?s ?p }"}, None, {}),  # syntax error
    ("GET", {"query": "ASK { lshid:ema ?p ?o }"}, None, {}),  # one of our prefixes, undeclared
    ("GET", {"query": "ASK { ex:ema ?p ?o }"}, None, {}),  # an unknown prefix
    ("GET", {"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}, None, {}),
    ("GET", {"query": "ASK {}", "default-graph-uri": "http://127.0.0.1:9/g"}, None, {}),
    ("GET", {"update": "CLEAR ALL"}, None, {}),
    ("HEAD", {"query": CITIES}, None, JSON),
    ("POST", {}, CITIES, {**JSON, **BODY}),
    ("POST", {}, {"query": CITIES}, JSON),
    ("POST", {}, {"update": "DROP ALL"}, {}),
    ("POST", {}, "DROP ALL", {"Content-Type": "application/sparql-update"}),
    ("POST", {}, CITIES, {"Content-Type": "text/plain"}),  # 415
    ("POST", {}, {"other": "x"}, {}),  # no query
    ("POST", {}, "ASK {} #" + "x" * 600, BODY),  # over the query size limit
    ("POST", {}, {"query": "#" * 5000}, {}),  # a body over the request size limit
]
COMPARED_HEADERS = ("Content-Type", "Content-Length", "Content-Disposition", "Location", "Lshkg-Truncated",
                    "Retry-After", "Access-Control-Allow-Origin", "Access-Control-Expose-Headers",
                    "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
                    "Referrer-Policy", "Cross-Origin-Opener-Policy", "Permissions-Policy")


@pytest.fixture
def app(tiny_store: Path) -> Iterator[Flask]:
    app = create_app({"LSHKG_STORE_DIR": str(tiny_store), "LSHKG_QUERY_MAX_ROWS": 1,
                      "LSHKG_QUERY_MAX_BYTES": 500, "LSHKG_RATE_LIMIT_PER_MINUTE": 0})
    yield app
    close_store(app)


def _send(client: Client, method: str, args: dict, body: object, headers: dict) -> TestResponse:
    return client.open("/sparql", method=method, query_string=args, data=body, headers=headers)


@pytest.mark.parametrize(("method", "args", "body", "headers"), REQUESTS)
def test_the_front_answers_as_flask_does(app: Flask, method: str, args: dict, body: object,
                                         headers: dict) -> None:
    front = app.wsgi_app
    assert isinstance(front, SparqlFront)
    answers = [_send(Client(wsgi_app), method, args, body, headers) for wsgi_app in (front, front.downstream)]
    by_front, by_flask = answers
    assert by_front.status_code == by_flask.status_code
    assert by_front.get_data() == by_flask.get_data()
    for name in COMPARED_HEADERS:
        assert by_front.headers.get(name) == by_flask.headers.get(name), name
    assert by_front.headers["X-Request-Id"]


def test_the_front_takes_queries_and_leaves_the_rest_to_flask(app: Flask, monkeypatch) -> None:
    taken: list[str] = []
    front = app.wsgi_app
    original = front._answer
    monkeypatch.setattr(front, "_answer",
                        lambda request, request_id: taken.append(request.full_path)
                        or original(request, request_id))
    client = app.test_client()
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    assert client.post("/sparql", data={"query": "ASK {}"}).status_code == 200
    assert client.get("/sparql", headers={"Accept": "text/turtle"}).status_code == 200  # the description
    assert client.options("/sparql").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.put("/sparql").status_code == 405
    assert taken == ["/sparql?query=ASK+%7B%7D", "/sparql?"]


def test_a_failure_in_the_front_is_a_500_with_the_request_id_only(
        app: Flask, monkeypatch, caplog: pytest.LogCaptureFixture) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("secret detail in /srv/app/internal.py")

    monkeypatch.setattr("webapp.sparql_front.answer_request", broken)
    logging.getLogger("lshkg.error").addHandler(caplog.handler)
    try:
        response = app.test_client().get("/sparql", query_string={"query": "ASK {}"},
                                         headers={"X-Request-Id": "req-42"})
    finally:
        logging.getLogger("lshkg.error").removeHandler(caplog.handler)
    body = response.get_data(as_text=True)
    assert response.status_code == 500 and response.headers["X-Request-Id"] == "req-42"
    assert "req-42" in body and "secret" not in body and ".py" not in body
    assert any("req-42" in record.getMessage() and record.exc_info for record in caplog.records)
    monkeypatch.undo()
    assert app.test_client().get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


def test_the_rate_limit_counts_the_client_behind_a_proxy(tiny_store: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(tiny_store, copy)
    app = create_app({"LSHKG_STORE_DIR": str(copy), "LSHKG_RATE_LIMIT_PER_MINUTE": 2,
                      "LSHKG_PROXY_HOPS": 1})
    client = app.test_client()

    def ask(forwarded_for: str) -> int:
        return client.get("/sparql", query_string={"query": "ASK {}"},
                          headers={"X-Forwarded-For": forwarded_for}).status_code

    try:
        assert [ask("203.0.113.7") for _ in range(3)] == [200, 200, 429]
        assert ask("203.0.113.8") == 200  # another client behind the same proxy
    finally:
        close_store(app)
