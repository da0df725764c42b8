"""Worker processes that run user queries and are killed at their deadline.

Neither Oxigraph nor rdflib can interrupt a running query from Python, so each user query runs in
a process of its own; at the time limit the process is killed and a fresh one started, and the
server goes on answering. `size` workers are kept warm; when all are busy (a few runaway queries)
the pool grows up to `max_size`, so a cheap query does not queue behind them, and shrinks again.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from graph.store.query_worker import serve_queries
from graph.store.results import Answer

__all__ = ["EngineFailure", "QueryPool", "QueryTimeout"]

STARTUP_TIMEOUT_S = 60.0


class QueryTimeout(RuntimeError):
    """The query ran past the time limit and was stopped (HTTP 503)."""


class EngineFailure(RuntimeError):
    """The engine failed to answer (HTTP 503 for a worker that died, 400 for a bad query)."""

    def __init__(self, message: str, status: int = 503, *, syntax: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.syntax = syntax  # the engine could not parse the query: worth wording with its position


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    connection: Connection


class QueryPool:
    """Between `size` and `max_size` worker processes over one on-disk store."""

    def __init__(self, store_path: str, size: int = 2, max_size: int = 12) -> None:
        self.store_path = store_path
        self.size = size
        self.max_size = max(size, max_size)
        # forked from a server process that has imported the worker's code already: a new worker
        # starts in milliseconds even while runaway queries hold the CPU
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["graph.store.query_worker"])
        # last in, first out: a lone client's queries go to the worker whose caches they warmed
        # (measured a few percent faster than taking turns on the 1M-triple store)
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._workers: set[_Worker] = set()  # guarded by _lock
        self._starting = 0  # guarded by _lock: workers being started
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._start())

    def __len__(self) -> int:
        with self._lock:
            return len(self._workers)

    def _acquire(self, timeout_s: float) -> _Worker:
        """An idle worker, or a new one while the pool may grow, else the first to come free."""
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                return self._idle.get_nowait()
            except queue.Empty:
                pass
            with self._lock:
                grow = len(self._workers) + self._starting < self.max_size
                if grow:
                    self._starting += 1
            if grow:
                try:
                    return self._start()
                finally:
                    with self._lock:
                        self._starting -= 1
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise QueryTimeout(f"every query worker stayed busy for {timeout_s:g} s")
            try:
                # short waits: a killed worker frees a place to grow into, not an idle worker
                return self._idle.get(timeout=min(remaining, 0.05))
            except queue.Empty:
                continue

    def _release(self, worker: _Worker) -> None:
        """Back to the idle workers, or stopped when the pool has more than its warm size idle."""
        if self._idle.qsize() >= self.size:
            self._stop(worker)
        else:
            self._idle.put(worker)

    def _start(self) -> _Worker:
        """A new worker, returned once it has opened the store: its start-up is not counted
        against the time limit of the query it will run."""
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=serve_queries, args=(theirs, self.store_path),
                                        daemon=True, name="lshkg-query-worker")
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        with self._lock:
            self._workers.add(worker)
        try:
            if not ours.poll(STARTUP_TIMEOUT_S):
                raise EOFError
            ours.recv()
        except (EOFError, OSError):
            self._stop(worker)
            raise EngineFailure("a query worker could not start (is the store readable?)") from None
        return worker

    def _stop(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(timeout=5)
        worker.connection.close()
        with self._lock:
            self._workers.discard(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and, below the warm size, start a successor in the background: the caller
        answers at once."""
        self._stop(worker)
        with self._lock:
            needed = len(self._workers) + self._starting < self.size
            if needed:
                self._starting += 1
        if not needed:
            return

        def restart() -> None:
            try:
                if not self._closed:
                    self._idle.put(self._start())
            finally:
                with self._lock:
                    self._starting -= 1

        threading.Thread(target=restart, daemon=True).start()

    def run(self, text: str, result_format: str, *, max_rows: int, timeout_s: float,
            prefixes: dict[str, str] | None = None) -> Answer:
        """Run a checked query; QueryTimeout when it runs past `timeout_s`, or when no worker frees
        up within twice that while the pool is at its largest."""
        # waiting for a worker is bounded too, more loosely: runaway queries free theirs at the limit
        worker = self._acquire(2 * timeout_s)
        deadline = time.monotonic() + timeout_s  # the limit is on running
        try:
            worker.connection.send((text, result_format, max_rows, prefixes))
            if not worker.connection.poll(max(0.0, deadline - time.monotonic())):
                self._replace(worker)
                raise QueryTimeout(f"the query ran longer than the limit of {timeout_s:g} s "
                                   "and was stopped")
            status, payload = worker.connection.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise EngineFailure("the query engine stopped unexpectedly; try again") from None
        self._release(worker)
        if status == "syntax":
            raise EngineFailure(f"the engine could not parse the query: {payload}", status=400, syntax=True)
        if status == "refused":
            raise EngineFailure(f"the query cannot run here: {payload}", status=400)
        if status == "format":
            raise EngineFailure(str(payload), status=406)
        if status != "ok":
            raise EngineFailure(f"the query failed: {payload}", status=500)
        return payload

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            self._stop(worker)
