"""Shared fixtures: the shipped records built once, a tiny record set to break, a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import config
from graph.records.build import BuiltDataset
from graph.store.dataset import build_dataset
from ontology.namespaces import DEFAULT_BASE_IRI
from webapp import create_app
from webapp.app_store import close_store

FIXTURES = Path(__file__).parent / "fixtures"
TINY_RECORDS = FIXTURES / "records"


@pytest.fixture(scope="session")
def shipped() -> BuiltDataset:
    """The shipped records, built in memory once for the whole run."""
    return build_dataset(config.RECORDS_DIR, DEFAULT_BASE_IRI)


@pytest.fixture
def tiny_records(tmp_path: Path) -> Path:
    """A writable copy of the tiny record set, to break in one place per test."""
    target = tmp_path / "records"
    shutil.copytree(TINY_RECORDS, target)
    return target


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder that `lshkg build` writes into."""
    folder = tmp_path / "var"
    monkeypatch.setenv("LSHKG_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def shipped_store(shipped: BuiltDataset, tmp_path_factory: pytest.TempPathFactory):
    """The shipped dataset in an embedded store of its own, for SPARQL over the real graph."""
    from graph.records.build import ntriples, write_atomically
    from graph.store.backends import EmbeddedStore, load_store
    from graph.store.derived import compute_version, derived_folder, write_version

    folder = tmp_path_factory.mktemp("shipped")
    write_atomically(folder / "lsh-kg.nt", ntriples(shipped.graph))
    load_store(folder / "lsh-kg.nt", folder / "store")
    # its version recorded as `lshkg build` records it: exports name it
    write_version(derived_folder(folder / "store"), compute_version(folder / "lsh-kg.nt"))
    store = EmbeddedStore(folder / "store")
    yield store
    store.close()


@pytest.fixture(scope="session")
def tiny_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny record set built by `lshkg build`: its embedded store (read-only, shared)."""
    from tests.servers import build_store

    data_dir = tmp_path_factory.mktemp("tiny-var")
    build_store(TINY_RECORDS, data_dir)
    return data_dir / "store"


def make_app(store_dir: str, **settings: object):
    """The app over an embedded store, rate limits off."""
    return create_app({"LSHKG_STORE_DIR": store_dir, "LSHKG_ENDPOINT": None, "LSHKG_RATE_LIMIT_PER_MINUTE": 0,
                       "TESTING": True, **settings})


@pytest.fixture(scope="module")
def app(shipped_store):
    """The app over the shipped graph (a module may define its own `app`)."""
    app = make_app(str(shipped_store.path))
    yield app
    close_store(app)


@pytest.fixture
def client(app):
    with app.test_client() as client:
        yield client


@pytest.fixture(scope="session")
def shipped_dataset_file(shipped: BuiltDataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped dataset as `lshkg build` writes it, once for the run."""
    from graph.records.build import ntriples, write_atomically

    target = tmp_path_factory.mktemp("shipped-nt") / "lsh-kg.nt"
    write_atomically(target, ntriples(shipped.graph))
    return target


@pytest.fixture
def import_data_dir(shipped_dataset_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of its own holding the shipped dataset and its store, for imports to change."""
    from graph.store.imports import replace_store

    folder = tmp_path / "var"
    folder.mkdir()
    shutil.copy(shipped_dataset_file, folder / "lsh-kg.nt")
    replace_store(folder / "lsh-kg.nt", folder / "store", [])
    for name in ("LSHKG_ENDPOINT", "LSHKG_BASE_IRI", "LSHKG_RECORDS_DIR", "LSHKG_IMPORT_MAX_BYTES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LSHKG_DATA_DIR", str(folder))
    return folder
