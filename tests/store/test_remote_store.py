"""The remote backend against real SPARQL servers (`oxigraph` from PyPI, Debian's Virtuoso): the app
answers as on the embedded store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.store.backends import EmbeddedStore, RemoteStore, StoreUnavailable
from graph.store.gallery import GALLERY_FILE, load_gallery
from graph.store.guard import check_query
from tests.servers import free_port, oxigraph_server, virtuoso_available, virtuoso_server
from webapp import create_app
from webapp.app_store import close_store

QUERIES = [
    # SPARQL leaves the order of literals in different languages to the engine: the text decides
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p STR(?o) LANG(?o)",
    "SELECT ?org ?label WHERE { ?org a <https://schema.org/Organization> ; "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?org STR(?label) LANG(?label)",
    "SELECT (COUNT(*) AS ?n) WHERE { ?e a <https://w3id.org/lsh-kg/ontology#Evidence> }",
    "ASK { ?s <http://www.w3.org/ns/org#memberOf> ?o }",
    "ASK { ?s <http://www.w3.org/ns/org#memberOf> ?s }",
]


# the gallery's questions a server answers otherwise than Oxigraph; Virtuoso 7.2: GROUP_CONCAT loses
# the common language tag (deals, cross-border, therapeutic areas), rows with equal sort keys come
# in another order (ELF participants, people, MoUs, strengths), a row comes twice (figures)
OTHERWISE_ON = {"virtuoso": {"deals-with-amounts", "cross-border-partnerships", "therapeutic-areas",
                             "elf-participants", "people-and-posts", "memoranda-of-understanding",
                             "sector-strengths", "disagreeing-figures"}}


@dataclass(frozen=True)
class Server:
    name: str
    url: str


@pytest.fixture(scope="module")
def data_dir(shipped_store: EmbeddedStore) -> Path:
    """The folder of the shipped dataset (`lsh-kg.nt`) and its embedded store (`store`)."""
    return Path(shipped_store.path).parent


@pytest.fixture(scope="module", params=["oxigraph", pytest.param("virtuoso", marks=pytest.mark.skipif(
    not virtuoso_available(), reason="needs Debian's virtuoso-opensource (make install-test)"))])
def endpoint(request: pytest.FixtureRequest, data_dir: Path,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The shipped dataset loaded into a real SPARQL server on loopback."""
    workdir = tmp_path_factory.mktemp(request.param)
    server = oxigraph_server if request.param == "oxigraph" else virtuoso_server
    with server(data_dir / "lsh-kg.nt", workdir, workdir / "server.log") as url:
        yield Server(request.param, url)


@pytest.mark.parametrize("query", QUERIES)
def test_remote_and_embedded_stores_answer_alike(data_dir: Path, endpoint: Server, query: str) -> None:
    embedded = EmbeddedStore(data_dir / "store")
    remote = RemoteStore(endpoint.url)
    try:
        local = embedded.answer(query, "json", max_rows=10_000, timeout_s=10)
        far = remote.answer(query, "json", max_rows=10_000, timeout_s=10)
    finally:
        embedded.close()
    assert json.loads(local.body) == json.loads(far.body)
    assert embedded.triple_count() == remote.triple_count()


def _app_answers(settings: dict, queries: list[str]) -> list:
    """The app's answers to `queries` through /sparql (graphs as sorted N-Triples lines, as the
    order of triples is the server's), then its ontology terms."""
    # the gallery alone asks more than a minute's rate limit allows: the answers are what is tested
    app = create_app({"LSHKG_RATE_LIMIT_PER_MINUTE": 0, **settings})
    answers: list = []
    with app.test_client() as client:
        for query in queries:
            graph = check_query(query, max_bytes=100_000).returns_graph
            asked = {"query": query, "format": "nt" if graph else "json"}
            response = client.get("/sparql", query_string=asked)
            answers.append(sorted(response.get_data(as_text=True).splitlines()) if graph
                           else response.get_json(force=True))
        answers.append(client.get("/api/ontology-terms").get_json())
    close_store(app)
    return answers


def _embedded_and_remote(data_dir: Path, endpoint: Server, queries: list[str]) -> tuple[list, list]:
    return (_app_answers({"LSHKG_ENDPOINT": None, "LSHKG_STORE_DIR": str(data_dir / "store")}, queries),
            _app_answers({"LSHKG_ENDPOINT": endpoint.url, "LSHKG_STORE_DIR": str(data_dir / "missing")},
                         queries))


def test_the_app_on_a_remote_store_answers_as_on_the_embedded_one(data_dir: Path, endpoint: Server) -> None:
    local, far = _embedded_and_remote(data_dir, endpoint, QUERIES)
    assert local == far


def test_the_gallery_answers_alike_on_a_remote_store(data_dir: Path, endpoint: Server) -> None:
    examples = load_gallery(GALLERY_FILE)
    local, far = _embedded_and_remote(data_dir, endpoint, [example.query for example in examples])
    assert len(examples) >= 15 and all(answer for answer in local)
    differing = {example.id for example, here, there in zip(examples, local[:-1], far[:-1], strict=True)
                 if here != there}
    assert differing == OTHERWISE_ON.get(endpoint.name, set())
    assert local[-1] == far[-1]  # the ontology terms


def test_unreachable_remote_store_gives_503_with_a_message() -> None:
    app = create_app({"LSHKG_ENDPOINT": f"http://127.0.0.1:{free_port()}/query"})
    with app.test_client() as client:
        response = client.get("/sparql", query_string={"query": "ASK {}"})
    assert response.status_code == 503
    assert b"cannot be reached" in response.data
    with pytest.raises(StoreUnavailable, match="cannot be reached"):
        RemoteStore(f"http://127.0.0.1:{free_port()}/query").triple_count()
