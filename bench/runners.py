"""One engine per child process: it loads (or connects), then times the queries it is sent.

A child of its own per engine keeps memory figures apart and lets a query that runs past its
budget be stopped by killing the process (no engine here can interrupt a running query).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import multiprocessing
import os
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

__all__ = ["ENGINES", "EngineError", "Outcome", "Runner", "Timeout", "child_pids", "children", "command_line",
           "load_store_in_child", "proc_kb", "tree_rss_mb"]

# engine -> label; the order is the order of the tables
ENGINES: dict[str, str] = {
    "rdflib": "rdflib Memory",
    "oxrdflib": "oxrdflib",
    "pyoxigraph": "pyoxigraph disk (raw)",
    "inproc": "answer_query in-process",
    "embedded": "EmbeddedStore.answer",
    "endpoint": "lshkg /sparql HTTP",
    "oxigraph-server": "oxigraph serve HTTP",
    "rdflib-endpoint": "rdflib-endpoint HTTP (rdflib Memory)",
}
NO_CAP = 1_000_000_000  # row cap for our code: every engine returns every row


# --- memory ------------------------------------------------------------------------------------

def proc_kb(pid: int, file: str, key: str) -> int:
    """One kB figure of /proc/PID/FILE (`status`: VmRSS, VmHWM; `smaps_rollup`: Pss); 0 if gone."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    """The direct children of a process (of all its threads)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(child) for child in (task / "children").read_text().split()]
    return found


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (server workers, query workers)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += proc_kb(current, "status", "VmRSS")
        stack += children(current)
    return total / 1024


def command_line(pid: int) -> str:
    """A process's command line, its arguments joined by spaces; "" if it is gone."""
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    return ""


def child_pids(pid: int, needle: str) -> list[int]:
    """Direct children of `pid` whose command line contains `needle` (a server we started)."""
    return [child for child in children(pid) if needle in command_line(child)]


# --- sessions: what runs inside the child ------------------------------------------------------

def _count_rows(body: bytes, returns_graph: bool) -> int:
    if returns_graph:
        return body.count(b"\n")
    answer = json.loads(body)
    return 1 if "boolean" in answer else len(answer["results"]["bindings"])


class _RdflibSession:
    """rdflib's own SPARQL engine over its Memory store, or Oxigraph's through oxrdflib."""

    def __init__(self, dataset: str, oxigraph: bool) -> None:
        from rdflib import Graph

        if oxigraph:
            import oxrdflib  # noqa: F401  (registers the "Oxigraph" store and "ox-nt")

            self.graph = Graph(store="Oxigraph")
            self.graph.parse(dataset, format="ox-nt")  # rdflib's own parser is 12x slower here
        else:
            self.graph = Graph()
            self.graph.parse(dataset, format="nt")

    def run(self, text: str, returns_graph: bool) -> tuple[float, int, int, dict]:
        started = time.perf_counter()
        result = self.graph.query(text)  # a string: a prepared query would leave Oxigraph
        body = result.serialize(format="nt" if returns_graph else "json")
        elapsed = time.perf_counter() - started
        return elapsed, len(result) if result.type != "ASK" else 1, len(body or b""), {}


class _PyoxigraphSession:
    """The raw engine: pyoxigraph on the on-disk store, results written by Oxigraph itself."""

    def __init__(self, store_path: str) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.store = ox.Store.read_only(store_path)

    def run(self, text: str, returns_graph: bool) -> tuple[float, int, int, dict]:
        ox = self.ox
        started = time.perf_counter()
        result = self.store.query(text)
        if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
            body = result.serialize(format=ox.QueryResultsFormat.JSON)
        else:
            body = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES) or b""
        elapsed = time.perf_counter() - started
        return elapsed, _count_rows(body, returns_graph), len(body), {}


class _InprocSession:
    """Our worker's code (graph.store.query_worker.answer_query) called directly: engine + our writer."""

    def __init__(self, store_path: str) -> None:
        import pyoxigraph as ox

        from graph.store.query_worker import answer_query
        from ontology.namespaces import PREFIXES

        self.store = ox.Store.read_only(store_path)
        self.answer_query = answer_query
        self.prefixes = PREFIXES

    def run(self, text: str, returns_graph: bool) -> tuple[float, int, int, dict]:
        started = time.perf_counter()
        answer = self.answer_query(self.store, text, "nt" if returns_graph else "json", NO_CAP,
                                   self.prefixes)
        elapsed = time.perf_counter() - started
        return elapsed, answer.count, len(answer.body), {}


class _EmbeddedSession:
    """What /sparql does without HTTP: the guard, then EmbeddedStore.answer (worker pool)."""

    def __init__(self, store_path: str, workers: int, timeout_s: float) -> None:
        from graph import config
        from graph.store.backends import EmbeddedStore
        from graph.store.guard import check_query
        from ontology.namespaces import PREFIXES

        self.store = EmbeddedStore(Path(store_path), query_workers=workers)
        self.check_query = check_query
        self.max_bytes = int(config.number("query_max_bytes"))
        self.timeout_s = timeout_s
        self.prefixes = PREFIXES
        self.store.answer("ASK {}", "json", max_rows=1, timeout_s=60)  # starts the pool

    def run(self, text: str, returns_graph: bool) -> tuple[float, int, int, dict]:
        started = time.perf_counter()
        checked = self.check_query(text, max_bytes=self.max_bytes)
        checked_at = time.perf_counter()
        answer = self.store.answer(checked.text, "nt" if checked.returns_graph else "json",
                                   max_rows=NO_CAP, timeout_s=self.timeout_s, prefixes=self.prefixes)
        ended = time.perf_counter()
        return (ended - started, answer.count, len(answer.body),
                {"guard": checked_at - started, "pool": ended - checked_at})

    def close(self) -> None:
        self.store.close()


class _HttpSession:
    """A keep-alive client of our /sparql or of the oxigraph server (POST application/sparql-query)."""

    def __init__(self, url: str, flavour: str) -> None:
        parts = urllib.parse.urlsplit(url)
        self.host, self.port, self.path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path
        self.flavour = flavour
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=600)

    def _request(self, method: str, path: str, body: bytes | None, headers: dict) -> tuple[int, bytes]:
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # the server closed an idle keep-alive connection: open a new one once
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=600)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def run(self, text: str, returns_graph: bool) -> tuple[float, int, int, dict]:
        accept = "application/n-triples" if returns_graph else "application/sparql-results+json"
        path = self.path
        if self.flavour == "lshkg":
            path += "?format=" + ("nt" if returns_graph else "json")
        headers = {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept}
        started = time.perf_counter()
        status, body = self._request("POST", path, text.encode("utf-8"), headers)
        elapsed = time.perf_counter() - started
        if status != 200:
            raise RuntimeError(f"HTTP {status}: {body[:300].decode('utf-8', 'replace')}")
        return elapsed, _count_rows(body, returns_graph), len(body), {}

    def get(self, path: str) -> float:
        """Time one GET (a static file: the server's fixed cost per request)."""
        started = time.perf_counter()
        status, _ = self._request("GET", path, None, {})
        if status != 200:
            raise RuntimeError(f"GET {path}: HTTP {status}")
        return time.perf_counter() - started


_SESSIONS: dict[str, Callable[..., Any]] = {
    "rdflib": lambda dataset, **_: _RdflibSession(dataset, oxigraph=False),
    "oxrdflib": lambda dataset, **_: _RdflibSession(dataset, oxigraph=True),
    "pyoxigraph": lambda store, **_: _PyoxigraphSession(store),
    "inproc": lambda store, **_: _InprocSession(store),
    "embedded": lambda store, workers, timeout_s, **_: _EmbeddedSession(store, workers, timeout_s),
    "endpoint": lambda url, **_: _HttpSession(url, "lshkg"),
    "oxigraph-server": lambda url, **_: _HttpSession(url, "oxigraph"),
    "rdflib-endpoint": lambda dataset, log, **_: _rdflib_endpoint(dataset, log),
}


def _rdflib_endpoint(dataset: str, log: str) -> Any:
    from bench.rdflib_endpoint import RdflibEndpointSession

    return RdflibEndpointSession(dataset, log)


def _own_memory() -> dict[str, float]:
    pid = os.getpid()
    return {"rss_mb": tree_rss_mb(pid), "peak_mb": proc_kb(pid, "status", "VmHWM") / 1024}


def _serve(connection: Connection, engine: str, options: dict) -> None:
    """The child's loop: set up, say ready (with load time and memory), then answer messages."""
    started = time.perf_counter()
    try:
        session = _SESSIONS[engine](**options)
    except Exception as error:
        connection.send(("failed", f"{type(error).__name__}: {error}"))
        return
    connection.send(("ready", time.perf_counter() - started, _own_memory()))
    while True:
        try:
            message = connection.recv()
        except EOFError:
            break
        if message[0] == "stop":
            break
        try:
            if message[0] == "run":
                connection.send(("ok", *session.run(message[1], message[2])))
            elif message[0] == "get":
                connection.send(("ok", session.get(message[1])))
            elif message[0] == "memory":
                connection.send(("ok", _own_memory()))
        except Exception as error:  # reported for this query; the session goes on
            connection.send(("error", f"{type(error).__name__}: {str(error)[:500]}"))
    if hasattr(session, "close"):
        session.close()


# --- the parent's side -------------------------------------------------------------------------

@dataclass
class Outcome:
    """One timed run: seconds, rows, bytes and named parts (guard, pool) in seconds."""

    seconds: float
    rows: int
    size: int
    parts: dict[str, float] = field(default_factory=dict)


class Timeout(Exception):
    """A run took longer than its budget; the child was killed."""


class EngineError(Exception):
    """The engine refused or failed the query."""


class Runner:
    """An engine in a child process; `run` times one query, killing and restarting at a timeout."""

    def __init__(self, engine: str, options: dict, ready_timeout_s: float = 1800) -> None:
        self.engine = engine
        self.options = options
        self.ready_timeout_s = ready_timeout_s
        self.setup_s = 0.0
        self.memory_after_load: dict[str, float] = {}
        self._down: str | None = None  # why the engine could not be restarted
        self._start()

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=_serve, args=(theirs, self.engine, self.options),
                                        name=f"bench-{self.engine}")
        self._process.start()
        theirs.close()
        if not self._connection.poll(self.ready_timeout_s):
            self.kill()
            raise RuntimeError(f"{self.engine}: not ready after {self.ready_timeout_s} s")
        message = self._connection.recv()
        if message[0] != "ready":
            self.kill()
            raise RuntimeError(f"{self.engine}: {message[1]}")
        self.setup_s, self.memory_after_load = message[1], message[2]

    def _call(self, message: tuple, timeout_s: float) -> Any:
        if self._down:
            raise EngineError(self._down)
        self._connection.send(message)
        if not self._connection.poll(timeout_s):
            self.kill()
            try:
                self._start()  # a fresh engine for the next query (reloads the data)
            except Exception as error:
                self._down = f"not restarted after a timeout: {error}"
            raise Timeout(f"no answer within {timeout_s:g} s")
        status, *payload = self._connection.recv()
        if status == "error":
            raise EngineError(payload[0])
        return payload

    def run(self, text: str, returns_graph: bool, timeout_s: float) -> Outcome:
        return Outcome(*self._call(("run", text, returns_graph), timeout_s))

    def get(self, path: str) -> float:
        return self._call(("get", path), 60)[0]

    def memory(self) -> dict[str, float]:
        return self._call(("memory",), 60)[0]

    @property
    def pid(self) -> int:
        return self._process.pid or 0

    def kill(self) -> None:
        self._process.kill()
        self._process.join(10)
        self._connection.close()

    def stop(self) -> None:
        if not self._process.is_alive():
            return
        with contextlib.suppress(OSError):
            self._connection.send(("stop",))
        self._process.join(30)
        if self._process.is_alive():
            self.kill()


def _load_child(connection: Connection, dataset: str, store_path: str) -> None:
    from graph.store.backends import load_store

    started = time.perf_counter()
    load_store(Path(dataset), Path(store_path))
    connection.send((time.perf_counter() - started, proc_kb(os.getpid(), "status", "VmHWM") / 1024))


def load_store_in_child(dataset: Path, store_path: Path) -> tuple[float, float]:
    """graph.store.backends.load_store in a fresh process: (seconds, peak resident MB of the loader)."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=_load_child, args=(theirs, str(dataset), str(store_path)))
    process.start()
    theirs.close()
    try:
        seconds, peak = ours.recv()
    except EOFError:
        process.join()
        raise RuntimeError(f"loading {dataset} failed (exit code {process.exitcode})") from None
    process.join()
    return seconds, peak
