"""The remote backend against a real SPARQL server (`oxigraph`): the app answers as on the embedded store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import EmbeddedStore, RemoteStore, StoreUnavailable
from webapp import create_app
from webapp.store import close_store

from .conftest import TINY_RECORDS
from .servers import build_store, free_port, oxigraph_server

QUERIES = [
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o",
    "SELECT ?org ?label WHERE { ?org a <https://schema.org/Organization> ; "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?org ?label",
    "SELECT (COUNT(*) AS ?n) WHERE { ?e a <https://w3id.org/lsh-kg/ontology#Evidence> }",
    "ASK { ?s <http://www.w3.org/ns/org#memberOf> ?o }",
]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("remote")
    build_store(TINY_RECORDS, folder)
    return folder


@pytest.fixture(scope="module")
def endpoint(data_dir: Path) -> Iterator[str]:
    with oxigraph_server(data_dir / "lsh-kg.nt", data_dir, data_dir / "oxigraph.log") as url:
        yield url


@pytest.mark.parametrize("query", QUERIES)
def test_remote_and_embedded_stores_answer_alike(data_dir: Path, endpoint: str, query: str) -> None:
    embedded = EmbeddedStore(data_dir / "store")
    remote = RemoteStore(endpoint)
    try:
        local = embedded.answer(query, "json", max_rows=10_000, timeout_s=10)
        far = remote.answer(query, "json", max_rows=10_000, timeout_s=10)
    finally:
        embedded.close()
    assert json.loads(local.body) == json.loads(far.body)
    assert embedded.triple_count() == remote.triple_count()


def test_the_app_on_a_remote_store_answers_as_on_the_embedded_one(data_dir: Path, endpoint: str) -> None:
    answers = []
    for settings in ({"LSHKG_ENDPOINT": None, "LSHKG_STORE_DIR": str(data_dir / "store")},
                     {"LSHKG_ENDPOINT": endpoint, "LSHKG_STORE_DIR": str(data_dir / "missing")}):
        app = create_app(settings)
        with app.test_client() as client:
            answers.append(
                [client.get("/sparql", query_string={"query": q, "format": "json"}).get_json(force=True)
                 for q in QUERIES]
                + [client.get("/api/ontology-terms").get_json()])
        close_store(app)
    assert answers[0] == answers[1]


def test_unreachable_remote_store_gives_503_with_a_message() -> None:
    app = create_app({"LSHKG_ENDPOINT": f"http://127.0.0.1:{free_port()}/query"})
    with app.test_client() as client:
        response = client.get("/sparql", query_string={"query": "ASK {}"})
    assert response.status_code == 503
    assert b"cannot be reached" in response.data
    with pytest.raises(StoreUnavailable, match="cannot be reached"):
        RemoteStore(f"http://127.0.0.1:{free_port()}/query").triple_count()
