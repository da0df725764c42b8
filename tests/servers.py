"""Real servers for end-to-end tests: `lshkg serve` and the `oxigraph` SPARQL server, on loopback.

Each starts on a free port, is polled until it answers (no fixed sleeps) and is stopped at teardown.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answers(url: str, process: subprocess.Popen, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return
        except urllib.error.HTTPError as error:
            if error.code < 500:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout_s} s")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def build_store(records: Path, data_dir: Path) -> None:
    """`lshkg build` into `data_dir`, as a user would run it."""
    env = {**os.environ, "LSHKG_DATA_DIR": str(data_dir)}
    subprocess.run([str(VENV_BIN / "lshkg"), "build", "--records", str(records)], env=env,
                   check=True, capture_output=True)


@contextmanager
def lshkg_server(data_dir: Path, log: Path, workers: int = 1, **settings: str) -> Iterator[str]:
    """`lshkg serve` on a free port; yields its base URL."""
    port = free_port()
    env = {**os.environ, "LSHKG_DATA_DIR": str(data_dir),
           **{f"LSHKG_{name.upper()}": value for name, value in settings.items()}}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(VENV_BIN / "lshkg"), "serve", "--port", str(port), "--workers", str(workers),
             "--threads", "8"], env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answers(base + "/sparql?query=ASK%7B%7D", process)
        yield base
    finally:
        _stop(process)


@contextmanager
def oxigraph_server(dataset: Path, workdir: Path, log: Path, port: int | None = None) -> Iterator[str]:
    """The `oxigraph` server (from PyPI) loaded with `dataset`; yields its query URL."""
    port = port or free_port()
    location = workdir / "oxigraph"
    if not location.exists():
        subprocess.run([str(VENV_BIN / "oxigraph"), "load", "--location", str(location),
                        "--file", str(dataset)], check=True, capture_output=True)
    with log.open("ab") as out:
        process = subprocess.Popen(
            [str(VENV_BIN / "oxigraph"), "serve-read-only", "--location", str(location),
             "--bind", f"127.0.0.1:{port}", "--timeout-s", "10"],
            stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_until_answers(url + "?query=ASK%7B%7D", process)
        yield url
    finally:
        _stop(process)


VIRTUOSO = "/usr/bin/virtuoso-t"
VIRTUOSO_ISQL = "/usr/bin/isql-vt"
VIRTUOSO_GRAPH = "urn:lsh-kg:dataset"  # Virtuoso keeps system graphs beside ours: ask for ours
VIRTUOSO_INI = """[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{isql_port}
DirsAllowed = {data}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 30
"""


def virtuoso_available() -> bool:
    return Path(VIRTUOSO).exists() and Path(VIRTUOSO_ISQL).exists()


@contextmanager
def virtuoso_server(dataset: Path, workdir: Path, log: Path) -> Iterator[str]:
    """Debian's Virtuoso with `dataset` loaded into a graph of its own; yields the query URL that
    names that graph as the default graph."""
    folder = workdir / "virtuoso"
    folder.mkdir(parents=True, exist_ok=True)
    isql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(folder=folder, data=dataset.parent, isql_port=isql_port,
                                       http_port=http_port), encoding="utf-8")
    with log.open("ab") as out:
        process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=folder,
                                   stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}/sparql"
    try:
        wait_until_answers(base + "?query=ASK%7B%7D", process)
        load = (f"ld_dir('{dataset.parent}', '{dataset.name}', '{VIRTUOSO_GRAPH}'); "
                "rdf_loader_run(); checkpoint;")
        subprocess.run([VIRTUOSO_ISQL, f"127.0.0.1:{isql_port}", "dba", "dba", f"exec={load}"],
                       check=True, capture_output=True, timeout=300)
        yield base + "?" + urllib.parse.urlencode({"default-graph-uri": VIRTUOSO_GRAPH})
    finally:
        _stop(process)
