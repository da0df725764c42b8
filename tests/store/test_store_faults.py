"""The remote store down or slow: 503 with a clear message within the time limit, and recovery."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TINY_RECORDS
from tests.servers import build_store, free_port, oxigraph_server
from webapp import create_app
from webapp.app_store import close_store

QUERY = {"query": "SELECT ?c WHERE { ?c a <https://w3id.org/lsh-kg/ontology#City> }", "format": "json"}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("faults")
    build_store(TINY_RECORDS, folder)
    return folder


def test_app_recovers_when_the_store_comes_back(data_dir: Path) -> None:
    port = free_port()
    app = create_app({"LSHKG_ENDPOINT": f"http://127.0.0.1:{port}/query", "LSHKG_QUERY_TIMEOUT_S": 3})
    with app.test_client() as client:
        with oxigraph_server(data_dir / "lsh-kg.nt", data_dir, data_dir / "ox.log", port=port):
            assert client.get("/sparql", query_string=QUERY).status_code == 200
            assert client.get("/readyz").status_code == 200
        started = time.monotonic()
        down = client.get("/sparql", query_string=QUERY)
        assert down.status_code == 503 and b"cannot be reached" in down.data
        assert time.monotonic() - started < 3
        assert client.get("/readyz").status_code == 503
        with oxigraph_server(data_dir / "lsh-kg.nt", data_dir, data_dir / "ox.log", port=port):
            again = client.get("/sparql", query_string=QUERY)
            assert again.status_code == 200 and b"oss" in again.data
            assert client.get("/readyz").status_code == 200
    close_store(app)


class _SlowHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        time.sleep(5)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def slow_store() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SlowHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/query"
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_slow_store_gets_503_within_the_time_limit(slow_store: str) -> None:
    app = create_app({"LSHKG_ENDPOINT": slow_store, "LSHKG_QUERY_TIMEOUT_S": 1})
    with app.test_client() as client:
        started = time.monotonic()
        response = client.get("/sparql", query_string=QUERY)
        elapsed = time.monotonic() - started
    close_store(app)
    assert response.status_code == 503
    assert b"did not answer within 1 s" in response.data
    assert elapsed < 4  # the store would have taken 5 s
