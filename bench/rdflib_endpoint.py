"""rdflib-endpoint (rdflib's SPARQL engine behind FastAPI and uvicorn) as an engine of bench.engines.

The server is started by the engine's session, inside the child process bench.runners gives every
engine, and dies with that child: rdflib cannot stop a running query, and the server answers one
request at a time in its event loop, so after a run past its budget the runner kills the child and
a new child loads the graph again into a new server, as for rdflib and oxrdflib in-process.
"""

from __future__ import annotations

import ctypes
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

__all__ = ["RdflibEndpointSession", "start_rdflib_endpoint"]

HOST = "127.0.0.1"  # loopback only
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the server's process before exec: the kernel kills it when the process that started it dies
    (the runner kills its child at a timeout; the server must not go on with the query)."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def start_rdflib_endpoint(dataset: Path, port: int, log: Path, ready_timeout_s: float = 1800
                          ) -> subprocess.Popen:
    """`rdflib-endpoint serve` of `dataset` (rdflib's Memory store, parsed at start) on loopback; returns
    once it answers a query."""
    command = [str(Path(sys.executable).parent / "rdflib-endpoint"), "serve", "--host", HOST, "--port",
               str(port), str(dataset)]
    with log.open("ab") as out:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                   preexec_fn=_die_with_parent)
    url = f"http://{HOST}:{port}/?query=ASK%7B%7D"  # the CLI serves at /
    deadline = time.monotonic() + ready_timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"rdflib-endpoint exited ({process.returncode}); see {log}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return process
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.5)  # it parses the whole file before it listens: seconds to minutes
    process.kill()
    raise RuntimeError(f"rdflib-endpoint did not answer within {ready_timeout_s:g} s")


class RdflibEndpointSession:
    """The server, started for this session, and a keep-alive client of it (POST sparql-query)."""

    def __init__(self, dataset: str, log: str) -> None:
        from bench.runners import _HttpSession
        from tests.servers import free_port

        port = free_port()
        self.process = start_rdflib_endpoint(Path(dataset), port, Path(log))
        self.client = _HttpSession(f"http://{HOST}:{port}/", "rdflib-endpoint")

    def run(self, text: str, returns_graph: bool) -> tuple[float, int, int, dict]:
        return self.client.run(text, returns_graph)

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
