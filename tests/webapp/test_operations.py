"""Health checks, request ids, access logs and error answers without tracebacks."""

from __future__ import annotations

import json
import logging

import pytest

from graph.store.backends import EmbeddedStore
from tests.servers import free_port
from webapp import create_app
from webapp.app_store import close_store


@pytest.fixture
def app(shipped_store: EmbeddedStore):
    app = create_app({"LSHKG_STORE_DIR": str(shipped_store.path)})

    @app.route("/boom")
    def boom() -> str:
        raise RuntimeError("secret detail in /srv/app/internal.py")

    yield app
    close_store(app)


def test_health_and_readiness(app) -> None:
    with app.test_client() as client:
        assert client.get("/healthz").json == {"status": "ok"}
        ready = client.get("/readyz")
        assert ready.status_code == 200 and ready.json["status"] == "ready"


def test_not_ready_when_the_store_is_unreachable() -> None:
    app = create_app({"LSHKG_ENDPOINT": f"http://127.0.0.1:{free_port()}/query"})
    with app.test_client() as client:
        assert client.get("/healthz").status_code == 200
        response = client.get("/readyz")
    assert response.status_code == 503
    assert "cannot be reached" in response.json["error"]


def test_request_ids_are_kept_or_made(app) -> None:
    with app.test_client() as client:
        kept = client.get("/healthz", headers={"X-Request-Id": "abc-123"}).headers["X-Request-Id"]
        assert kept == "abc-123"
        made = client.get("/healthz", headers={"X-Request-Id": "<script>"}).headers["X-Request-Id"]
        assert made and made != "<script>" and len(made) == 16


def test_a_500_shows_the_request_id_and_nothing_internal(app, caplog: pytest.LogCaptureFixture) -> None:
    logging.getLogger("lshkg.error").addHandler(caplog.handler)
    with app.test_client() as client:
        page = client.get("/boom", headers={"Accept": "text/html"})
        api = client.get("/boom", headers={"Accept": "application/json"})
    logging.getLogger("lshkg.error").removeHandler(caplog.handler)
    for response in (page, api):
        assert response.status_code == 500
        body = response.get_data(as_text=True)
        assert "secret detail" not in body and "Traceback" not in body and ".py" not in body
        assert response.headers["X-Request-Id"] in body
    assert api.json["request_id"] == api.headers["X-Request-Id"]
    assert any(page.headers["X-Request-Id"] in record.getMessage() for record in caplog.records)


def test_unknown_api_path_is_a_json_404(app) -> None:
    with app.test_client() as client:
        response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.json["status"] == 404 and response.json["request_id"]


def test_every_request_is_one_json_log_line(app, caplog: pytest.LogCaptureFixture) -> None:
    logging.getLogger("lshkg.access").addHandler(caplog.handler)
    with app.test_client() as client:
        response = client.get("/sparql", query_string={"query": "ASK {}"})
    logging.getLogger("lshkg.access").removeHandler(caplog.handler)
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "lshkg.access"]
    assert lines[-1]["path"] == "/sparql" and lines[-1]["status"] == 200
    assert lines[-1]["request_id"] == response.headers["X-Request-Id"]
    assert lines[-1]["duration_ms"] >= 0


def test_rate_limit_answers_429_with_retry_after(shipped_store: EmbeddedStore, tmp_path) -> None:
    import shutil

    store_dir = tmp_path / "store"
    shutil.copytree(shipped_store.path, store_dir)
    app = create_app({"LSHKG_STORE_DIR": str(store_dir), "LSHKG_RATE_LIMIT_PER_MINUTE": 3})
    with app.test_client() as client:
        answers = [client.get("/sparql", query_string={"query": "ASK {}"}) for _ in range(4)]
        other_client = client.get("/sparql", query_string={"query": "ASK {}"},
                                  environ_base={"REMOTE_ADDR": "10.9.9.9"})
        not_limited = client.get("/healthz")
    close_store(app)
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert 1 <= int(answers[3].headers["Retry-After"]) <= 60
    assert b"at most 3 a minute" in answers[3].data
    assert other_client.status_code == 200 and not_limited.status_code == 200


def test_rate_limit_counts_are_shared_between_processes(tmp_path) -> None:
    from webapp.ratelimit import RateLimiter

    first, second = (RateLimiter(tmp_path / "limits.sqlite", 2) for _ in range(2))  # two processes' views
    assert [first.hit("c", "/sparql", now=600.0), second.hit("c", "/sparql", now=601.0)] == [0.0, 0.0]
    assert first.hit("c", "/sparql", now=602.0) == 58.0
    assert second.hit("c", "/sparql", now=660.0) == 0.0  # a new minute


@pytest.mark.parametrize("path", ["/query", "/sparql?query=ASK%7B%7D", "/api/gallery", "/healthz",
                                  "/nothing-here", "/vendor/yasgui/yasgui.min.css"])
def test_security_headers_on_every_response(app, path: str) -> None:
    with app.test_client() as client, client.get(path) as response:
        headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "frame-ancestors 'none'" in policy and headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
