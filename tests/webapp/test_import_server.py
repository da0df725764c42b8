"""A real server keeps answering while `lshkg import` builds and swaps a new store, then serves the
imported data without a restart; a removal is served the same way."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from ontology.namespaces import DEFAULT_BASE_IRI as ID
from tests.servers import VENV_BIN, lshkg_server
from tests.store.import_files import write


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            answer.read()
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def lshkg_import(data_dir: Path, *args: str) -> None:
    subprocess.run([str(VENV_BIN / "lshkg"), "import", *args], check=True, capture_output=True,
                   env={**os.environ, "LSHKG_DATA_DIR": str(data_dir)})


def test_the_server_answers_throughout_and_then_serves_the_import(import_data_dir: Path,
                                                                  tmp_path: Path) -> None:
    query = urllib.parse.quote(f"ASK {{ <{ID}served-co> ?p ?o }}")
    with lshkg_server(import_data_dir, tmp_path / "server.log") as base:
        assert status(f"{base}/id/served-co") == 404
        statuses: list[int] = []
        done = threading.Event()

        def keep_asking() -> None:
            while not done.is_set():
                statuses.append(status(f"{base}/id/kite"))

        asker = threading.Thread(target=keep_asking)
        asker.start()
        try:
            lshkg_import(import_data_dir, str(write(tmp_path, "ttl", "served-co")), "--graph", "served")
        finally:
            done.set()
            asker.join()
        assert statuses and set(statuses) == {200}
        assert status(f"{base}/id/served-co") == 200
        with urllib.request.urlopen(f"{base}/sparql?query={query}&format=json", timeout=30) as answer:
            assert json.load(answer)["boolean"] is True
        lshkg_import(import_data_dir, "--remove", "served")
        assert status(f"{base}/id/served-co") == 404
