"""`lshkg serve` as deployed: several server processes, each with its query workers, and a stop on
SIGTERM or SIGINT that leaves no process behind."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import TINY_RECORDS
from tests.servers import VENV_BIN, build_store, free_port, wait_until_answers
from webapp.cli import port_taken


def descendants(pid: int) -> set[int]:
    """Every living process below `pid` (read from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                # the command may hold spaces and parentheses: the parent pid follows the last ")"
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serve")
    build_store(TINY_RECORDS, folder)
    return folder


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_ends_every_server_and_query_process(data_dir: Path, stop_signal: int) -> None:
    port = free_port()
    env = {**os.environ, "LSHKG_DATA_DIR": str(data_dir), "LSHKG_RATE_LIMIT_PER_MINUTE": "0"}
    process = subprocess.Popen([str(VENV_BIN / "lshkg"), "serve", "--port", str(port), "--workers", "2"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_answers(base + "/readyz", process)
        for _ in range(4):  # both server processes answer a query through their query workers
            with urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D&format=json", timeout=30) as answer:
                assert answer.read() == b'{"head": {}, "boolean": true}'
        started = descendants(process.pid)
        # two server processes, and below each a fork server with two warm query workers
        assert len(started) >= 2 + 2 * 3, started

        process.send_signal(stop_signal)
        assert process.wait(timeout=30) == 0
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in started if alive(pid)]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_refuses_a_port_another_server_holds(data_dir: Path) -> None:
    port = free_port()
    with socket.socket() as holder:
        holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)  # as Granian binds
        holder.bind(("127.0.0.1", port))
        holder.listen()
        env = {**os.environ, "LSHKG_DATA_DIR": str(data_dir)}
        refused = subprocess.run([str(VENV_BIN / "lshkg"), "serve", "--port", str(port)], env=env,
                                 capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0
    assert f"port {port} on 127.0.0.1 is in use" in refused.stderr
    assert port_taken("127.0.0.1", port) is None  # free again once the holder is gone
