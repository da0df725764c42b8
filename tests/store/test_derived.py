"""Derived files (map model, search index) kept beside the store, keyed by the dataset's version:
read when made from this version, rebuilt once (by one process) when missing or stale."""

from __future__ import annotations

import datetime
import multiprocessing
import time
from pathlib import Path

import pytest

from graph.store import derived
from graph.store.derived import (
    DatasetVersion,
    compute_version,
    derived_folder,
    load_or_build,
    preload,
    read_version,
    write_version,
)
from tests.conftest import TINY_RECORDS, make_app
from tests.servers import build_store
from webapp.app_store import close_store


def test_the_version_is_the_content_hash_and_the_date(tmp_path: Path) -> None:
    dataset = tmp_path / "lsh-kg.nt"
    dataset.write_bytes(b"<a> <b> <c> .\n")
    version = compute_version(dataset, datetime.date(2026, 1, 2))
    assert version.date == "2026-01-02" and len(version.hash) == 16
    dataset.write_bytes(b"<a> <b> <d> .\n")
    assert compute_version(dataset).hash != version.hash
    write_version(tmp_path, version)
    assert read_version(tmp_path) == version


def test_a_derived_object_is_built_once_per_version(tmp_path: Path) -> None:
    calls: list[int] = []

    def build() -> dict:
        calls.append(1)
        return {"n": len(calls)}

    assert load_or_build(tmp_path, "thing", build) == {"n": 1}  # no version: built, not kept
    assert not (tmp_path / "thing.pickle").exists()
    write_version(tmp_path, DatasetVersion("a" * 16, "2026-01-01"))
    assert load_or_build(tmp_path, "thing", build) == {"n": 2}
    assert load_or_build(tmp_path, "thing", build) == {"n": 2} and len(calls) == 2  # read, not built
    write_version(tmp_path, DatasetVersion("b" * 16, "2026-01-02"))
    assert load_or_build(tmp_path, "thing", build) == {"n": 3}  # another version: rebuilt
    (tmp_path / "thing.pickle").write_bytes(b"not a pickle")
    assert load_or_build(tmp_path, "thing", build) == {"n": 4}  # a broken file is rebuilt


def test_a_file_made_by_other_code_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An upgraded program does not read objects an older one pickled (they may lack what it reads)."""
    write_version(tmp_path, DatasetVersion("d" * 16, "2026-01-01"))
    assert load_or_build(tmp_path, "made", lambda: "by this code") == "by this code"
    assert load_or_build(tmp_path, "made", lambda: "again") == "by this code"
    monkeypatch.setattr(derived, "program_hash", lambda: "0" * 16)  # the same dataset, other code
    assert load_or_build(tmp_path, "made", lambda: "by the new code") == "by the new code"
    assert load_or_build(tmp_path, "made", lambda: "again") == "by the new code"


def test_a_preloaded_object_is_used_only_for_the_version_it_was_read_for(tmp_path: Path) -> None:
    write_version(tmp_path, DatasetVersion("c" * 16, "2026-01-01"))
    assert preload(tmp_path, "held") is None  # nothing derived yet: nothing held
    load_or_build(tmp_path, "held", lambda: ["from the file"])
    held = preload(tmp_path, "held")
    assert held == ["from the file"]
    (tmp_path / "held.pickle").unlink()  # what a worker gets is the very object read before the fork
    assert load_or_build(tmp_path, "held", lambda: ["built"]) is held
    write_version(tmp_path, DatasetVersion("d" * 16, "2026-01-02"))  # an import or a build changed it
    assert load_or_build(tmp_path, "held", lambda: ["built"]) == ["built"]


def _slow_build(folder: str, log: str) -> None:
    def build() -> str:
        with open(log, "a") as out:
            out.write("built\n")
        time.sleep(0.5)
        return "model"

    assert load_or_build(Path(folder), "model", build) == "model"


def test_many_processes_at_once_build_it_once(tmp_path: Path) -> None:
    write_version(tmp_path, DatasetVersion("c" * 16, "2026-01-03"))
    log = tmp_path / "log"
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_slow_build, args=(str(tmp_path), str(log))) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
    assert [process.exitcode for process in processes] == [0, 0, 0, 0]
    assert log.read_text().splitlines() == ["built"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("derived-var")
    build_store(TINY_RECORDS, data_dir)
    return data_dir


def test_lshkg_build_derives_the_map_model_and_search_index(built: Path) -> None:
    folder = derived_folder(built / "store")
    version = read_version(folder)
    assert version is not None
    assert version == compute_version(built / "lsh-kg.nt", datetime.date.fromisoformat(version.date))
    assert (folder / "map-model.pickle").stat().st_size > 0
    assert (folder / "search-index.pickle").stat().st_size > 0


def test_the_app_reads_them_instead_of_computing(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.insight.overview
    import graph.network.options
    import webapp.map_state
    import webapp.search_index

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("computed in the server although the build derived it")

    monkeypatch.setattr(webapp.map_state, "build_map_model", refuse)
    monkeypatch.setattr(webapp.search_index, "build_search_index", refuse)
    # nor what rests on the model alone: the network in words, the filter choices, the first views
    monkeypatch.setattr(graph.insight.overview.nx, "betweenness_centrality", refuse)
    monkeypatch.setattr(graph.network.options, "_options", refuse)
    monkeypatch.setattr(webapp.map_state, "settle_views", refuse)
    app = make_app(str(built / "store"))
    with app.test_client() as client:
        assert client.get("/api/map/view").get_json()["nodes"]
        assert client.get("/api/map/words?lang=nl").get_json()["central"]
        about = client.get("/api/map/options").get_json()["about"]
        version = read_version(derived_folder(built / "store"))
        assert about["dataset"] == version.hash[:8] and about["built"] == version.date
        assert client.get("/search.json?q=acme").get_json()["hits"]
    close_store(app)
    # without the version the derived files do not count, and the server would compute them
    (derived_folder(built / "store") / "version.json").unlink()
    app = make_app(str(built / "store"))
    with app.test_client() as client:
        assert client.get("/search.json?q=acme").status_code == 500  # the refusal above, as a 500
    close_store(app)
