"""An import killed halfway (SIGKILL while the new store is half written) changes nothing: the store
in use is byte for byte what it was and the list of imports is the same; the next import works.
Two imports started together: one wins, the other is refused with a clear message."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time
from pathlib import Path

from graph.store.imports import PAUSE_HOOK, list_imports
from ontology.namespaces import DEFAULT_BASE_IRI as ID
from tests.servers import VENV_BIN
from tests.store.import_files import write


def fingerprint(store: Path) -> dict[str, str]:
    """Every file of the store in use (through the link), by name, with its SHA-256."""
    folder = store.resolve()
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def lshkg(data_dir: Path, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen([str(VENV_BIN / "lshkg"), "import", *args],
                            env={**os.environ, "LSHKG_DATA_DIR": str(data_dir), **env},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(process: subprocess.Popen) -> tuple[int, str]:
    """Its exit status and the first line it printed (its pipe closed)."""
    output = process.communicate(timeout=120)[0]
    return process.returncode, output.split(":")[0] if process.returncode == 0 else output


def wait_for(path: Path, process: subprocess.Popen, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not path.exists():
        assert process.poll() is None, process.communicate()[0]
        assert time.monotonic() < deadline, "the import never reached the pause"
        time.sleep(0.05)


def test_a_kill_halfway_leaves_the_store_and_the_list_unchanged(import_data_dir: Path,
                                                                tmp_path: Path) -> None:
    store = import_data_dir / "store"
    first = lshkg(import_data_dir, str(write(tmp_path, "ttl", "first-co")))
    assert finish(first) == (0, "imported first-co.ttl as first-co"), "the first import works"
    before, listed, target = fingerprint(store), list_imports(store, ID), store.resolve()
    marker = tmp_path / "paused"
    doomed = lshkg(import_data_dir, str(write(tmp_path, "nt", "doomed-co")), **{PAUSE_HOOK: str(marker)})
    wait_for(marker, doomed)
    assert any(path.name.startswith("store.g") and path != target for path in import_data_dir.iterdir()), \
        "the new store was being written beside the one in use"
    os.kill(doomed.pid, signal.SIGKILL)
    doomed.communicate(timeout=30)
    assert store.resolve() == target
    assert fingerprint(store) == before
    assert list_imports(store, ID) == listed
    again = lshkg(import_data_dir, str(write(tmp_path, "nt", "after-co")))  # the lock died with it
    assert finish(again)[0] == 0
    assert [info.name for info in list_imports(store, ID)] == ["first-co", "after-co"]


def test_of_two_imports_at_once_one_wins_and_the_other_is_refused(import_data_dir: Path,
                                                                   tmp_path: Path) -> None:
    marker = tmp_path / "paused"
    holder = lshkg(import_data_dir, str(write(tmp_path, "ttl", "one-co")), **{PAUSE_HOOK: str(marker)})
    try:
        wait_for(marker, holder)
        other = lshkg(import_data_dir, str(write(tmp_path, "ttl", "two-co")))
        status, output = finish(other)
        assert status == 1
        assert "another import or removal is running; try again when it has finished" in output
    finally:
        holder.kill()
        holder.communicate(timeout=30)
    waiting = lshkg(import_data_dir, "--wait", str(write(tmp_path, "ttl", "three-co")))
    assert finish(waiting)[0] == 0
    assert [info.name for info in list_imports(import_data_dir / "store", ID)] == ["three-co"]
