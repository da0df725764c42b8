"""`POST /api/import`: off unless the operator sets a token; with it, a file is imported and served at
once (no restart), and a refused one answers with the command line's errors as JSON."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from graph.store.imports import import_lock, list_imports
from ontology.namespaces import DEFAULT_BASE_IRI as ID
from tests.conftest import make_app
from tests.store.import_files import LSH, write
from webapp.app_store import close_store

TOKEN = "operator-secret"


@pytest.fixture
def client(import_data_dir: Path):
    app = make_app(str(import_data_dir / "store"), LSHKG_IMPORT_TOKEN=TOKEN)
    with app.test_client() as client:
        yield client
    close_store(app)


def post(client, path: Path, token: str = TOKEN, **fields: object):
    return client.post("/api/import", headers={"Authorization": f"Bearer {token}"},
                       data={"file": (io.BytesIO(path.read_bytes()), path.name), **fields})


def hits(client, text: str) -> list[str]:
    return [hit["iri"] for hit in client.get("/api/search", query_string={"q": text}).get_json()["hits"]
            if hit["iri"].endswith("web-co")]


def test_the_import_api_is_off_by_default(import_data_dir: Path, tmp_path: Path) -> None:
    app = make_app(str(import_data_dir / "store"))
    try:
        answer = post(app.test_client(), write(tmp_path, "ttl", "off-co"))
        assert answer.status_code == 404
    finally:
        close_store(app)
    assert list_imports(import_data_dir / "store", ID) == []


def test_a_wrong_token_is_refused(client, import_data_dir: Path, tmp_path: Path) -> None:
    answer = post(client, write(tmp_path, "ttl", "wrong-co"), token="guess")
    assert answer.status_code == 401
    assert list_imports(import_data_dir / "store", ID) == []


def test_an_imported_file_is_served_at_once(client, tmp_path: Path) -> None:
    assert client.get("/id/web-co").status_code == 404
    assert hits(client, "Imported web-co") == []  # the search index of the store before is built
    answer = post(client, write(tmp_path, "ttl", "web-co"), graph="from-web")
    assert answer.status_code == 201, answer.get_data(as_text=True)
    [done] = answer.get_json()["imported"]
    assert (done["name"], done["file"]) == ("from-web", "web-co.ttl") and done["who"].startswith("web ")
    assert client.get("/id/web-co").status_code == 200  # the same process, the new store
    assert ID + "web-co" in hits(client, "Imported web-co")
    query = f"ASK {{ GRAPH <{ID}import/from-web> {{ <{ID}web-co> a <{LSH}BiotechCompany> }} }}"
    assert client.get("/sparql", query_string={"query": query},
                      headers={"Accept": "application/sparql-results+json"}).get_json()["boolean"] is True


def test_a_refused_import_answers_every_error_as_json(client, import_data_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(f"@prefix lsh: <{LSH}> .\n\n<{ID}bad-co> a lsh:BiotechCompany ;\n"
                   '    lsh:locatedIn "Leiden" .\n', encoding="utf-8")
    answer = post(client, bad)
    assert answer.status_code == 422
    errors = answer.get_json()["errors"]
    assert {"file": "bad.ttl", "line": 4, "focus": f"<{ID}bad-co>", "path": "lsh:locatedIn",
            "message": 'lsh:locatedIn points at a place (value "Leiden")'} in errors
    assert any(error["path"] == "rdfs:label" for error in errors)
    assert list_imports(import_data_dir / "store", ID) == []


def test_a_file_over_the_cap_gets_413(import_data_dir: Path, tmp_path: Path) -> None:
    app = make_app(str(import_data_dir / "store"), LSHKG_IMPORT_TOKEN=TOKEN, LSHKG_IMPORT_MAX_BYTES=100)
    try:
        answer = post(app.test_client(), write(tmp_path, "ttl", "big-co"))
        assert answer.status_code == 413
        assert "import limit of 100 bytes" in answer.get_data(as_text=True)
    finally:
        close_store(app)


def test_an_import_while_another_runs_gets_409(client, import_data_dir: Path, tmp_path: Path) -> None:
    with import_lock(import_data_dir):
        answer = post(client, write(tmp_path, "ttl", "busy-co"))
    assert answer.status_code == 409
    assert "another import or removal is running" in answer.get_json()["error"]


def test_imported_entities_carry_their_badge_and_shipped_ones_none(client, tmp_path: Path) -> None:
    assert post(client, write(tmp_path, "ttl", "badge-co"), graph="my-register").status_code == 201
    page = client.get("/id/badge-co").get_data(as_text=True)
    assert '<p class="badge badge-imported">imported: my-register</p>' in page
    assert client.get("/id/badge-co.json").get_json()["imported"] == ["my-register"]
    assert client.get("/id/leiden.json").get_json()["imported"] == []
    assert "badge-imported" not in client.get("/id/leiden").get_data(as_text=True)
    found = client.get("/search", query_string={"q": "Imported badge-co"}).get_data(as_text=True)
    assert "imported: my-register" in found
    [hit] = [h for h in client.get("/search.json", query_string={"q": "Imported badge-co"}).get_json()["hits"]
             if h["iri"] == ID + "badge-co"]
    assert hit["imported"] == ["my-register"]


def test_the_map_tells_imported_nodes_and_filters_by_source(client, tmp_path: Path) -> None:
    assert post(client, write(tmp_path, "ttl", "map-co"), graph="map-register").status_code == 201
    sources = client.get("/api/map/options").get_json()["sources"]
    assert [s["id"] for s in sources] == ["shipped", "map-register"]
    assert sources[1]["count"] == 1 and sources[0]["count"] > 200
    only = client.get("/api/map/view", query_string={"source": "map-register"}).get_json()
    assert [(n["id"], n.get("imported")) for n in only["nodes"]] == [("map-co", ["map-register"])]
    shipped = client.get("/api/map/view", query_string={"source": "shipped"}).get_json()
    ids = {n["id"] for n in shipped["nodes"]}
    assert "map-co" not in ids and "kite" in ids
    assert client.get("/api/map/node/map-co").get_json()["imported"] == ["map-register"]
