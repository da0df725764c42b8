"""Worker processes that run user queries and are killed at their deadline.

Neither Oxigraph nor rdflib can interrupt a running query from Python, so each user query runs in
a process of its own; at the deadline the process is killed and the server goes on answering.

- The deadline runs from the moment the request arrived: waiting for a worker, a worker's start
  and the run itself all count, so an answer leaves by the limit whatever the load.
- `size` idle workers are kept warm as spares: a query that takes one starts a successor in the
  background (up to `max_size` in all), so a kill or a busy pool never leaves a cheap query to
  wait for a worker to start.
- A query still running after `LongQueries.after_s` is long: it is moved to the lowest CPU
  priority, so that cheap queries keep the cores, and only `LongQueries.total` long queries (and
  `per_client` of one client) run at once on the machine, counted across every server process
  over the same store (`graph.store.slots`); one more is stopped at once with `TooManyLongQueries`
  (HTTP 429 with Retry-After). So at most `total` workers are ever held by runaways, and the rest
  of the pool is a lane for cheap queries.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import spawn
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from graph.messages import message
from graph.store.query_worker import serve_queries
from graph.store.results import Answer
from graph.store.slots import Place, Places, client_places

__all__ = ["EngineFailure", "LongQueries", "QueryPool", "QueryStopped", "QueryTimeout", "TooManyLongQueries"]

STARTUP_TIMEOUT_S = 60.0
WORKER_NAME = "lshkg-query-worker"
LONG_QUERY_NICENESS = 19  # the lowest priority: a runaway only gets the CPU nobody else wants
WAIT_STEP_S = 0.02  # how often a query waiting for a worker looks again
STOP_CHECK_S = 0.1  # how often a running query asks whether it was stopped


_preparation_data = spawn.get_preparation_data


def _preparation_without_main(name: str) -> dict:
    """What a new process is told to prepare, without the main module for a query worker: the
    worker needs only its own module (preloaded in the fork server), and importing the main module
    again (`lshkg`'s imports the whole app) made each worker start in 0.6-0.8 s instead of 0.06 s."""
    data = _preparation_data(name)
    if name == WORKER_NAME:
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
    return data


# multiprocessing reads it from the module on every start; other processes are left as they were
spawn.get_preparation_data = _preparation_without_main


class QueryTimeout(RuntimeError):
    """The query ran past the time limit and was stopped (HTTP 503)."""


class QueryStopped(RuntimeError):
    """The query was stopped on request before it finished; its worker was killed and replaced."""


class TooManyLongQueries(RuntimeError):
    """Too many long queries run already, in all or of this client: this one was stopped (HTTP
    429); `retry_after_s` says when a long query's place frees up at the latest."""

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class EngineFailure(RuntimeError):
    """The engine failed to answer (HTTP 503 for a worker that died, 400 for a bad query)."""

    def __init__(self, message: str, status: int = 503, *, syntax: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.syntax = syntax  # the engine could not parse the query: worth wording with its position


@dataclass(frozen=True)
class LongQueries:
    """When a query counts as long, and how many long ones may run at once."""

    after_s: float = 0.5
    total: int = 4
    per_client: int = 2


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    connection: Connection
    discarded: bool = False  # guarded by the pool's lock: killed once, its pipe closed once


class QueryPool:
    """Up to `max_size` worker processes over one on-disk store, `size` of them idle and warm.

    The long queries' places are files in `places_dir` (by default `slots/` beside the store):
    every pool that uses the same folder shares the caps.
    """

    def __init__(self, store_path: str, size: int = 2, max_size: int = 12,
                 long_queries: LongQueries | None = None, places_dir: str | Path | None = None) -> None:
        self.store_path = store_path
        self.size = max(1, size)
        self.max_size = max(self.size, max_size)
        self.long_queries = long_queries or LongQueries()
        self._places_dir = Path(places_dir) if places_dir else Path(store_path).parent / "slots"
        self._long = Places(self._places_dir, "long-queries", self.long_queries.total)
        # forked from a server process that has imported the worker's code already: a new worker
        # starts in tens of milliseconds even while runaway queries hold the CPU
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["graph.store.query_worker"])
        # last in, first out: a lone client's queries go to the worker whose caches they warmed
        # (measured a few percent faster than taking turns on the 1M-triple store)
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._workers: set[_Worker] = set()  # guarded by _lock
        self._starting = 0  # guarded by _lock: workers being started
        self._waiting = 0  # guarded by _lock: queries waiting for a worker
        self._lock = threading.Lock()
        self._closed = False
        # the first workers open the store at the same time: the pool is ready a store opening sooner
        # per worker (about 60 ms each at a million triples)
        launched = [self._launch() for _ in range(self.size)]
        try:
            for worker in launched:
                self._idle.put(self._ready(worker))
        except EngineFailure:
            for worker in launched:  # none left running behind a pool that did not start
                self._discard(worker)
            raise

    def __len__(self) -> int:
        with self._lock:
            return len(self._workers)

    # ---------- workers ----------

    def _start(self) -> _Worker:
        """A new worker, returned once it has opened the store."""
        return self._ready(self._launch())

    def _launch(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=serve_queries, args=(theirs, self.store_path),
                                        daemon=True, name=WORKER_NAME)
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _ready(self, worker: _Worker) -> _Worker:
        """The worker once it says it has opened the store."""
        try:
            if not worker.connection.poll(STARTUP_TIMEOUT_S):
                raise EOFError
            worker.connection.recv()
        except (EOFError, OSError):
            self._discard(worker)
            raise EngineFailure(message("a query worker could not start (is the store readable?)")) from None
        return worker

    def _top_up(self) -> None:
        """Start workers in the background while fewer are idle or coming than the spares wanted
        plus the queries waiting, within `max_size`."""
        while True:
            with self._lock:
                wanted = self.size + self._waiting
                if self._closed or self._idle.qsize() + self._starting >= wanted or \
                        len(self._workers) + self._starting >= self.max_size:
                    return
                self._starting += 1
            threading.Thread(target=self._start_spare, daemon=True, name="lshkg-query-spare").start()

    def _start_spare(self) -> None:
        try:
            worker = self._start()
        except EngineFailure:
            return  # the queries waiting time out with their own message
        finally:
            with self._lock:
                self._starting -= 1
        if self._closed:
            self._discard(worker)
        else:
            self._idle.put(worker)

    def _discard(self, worker: _Worker, *, wait: bool = False) -> None:
        """Kill a worker; it stops counting at once, and unless `wait` the killing itself happens
        in the background (joining a killed process can take a while on a busy machine)."""
        with self._lock:
            self._workers.discard(worker)
            if worker.discarded:
                return
            worker.discarded = True

        def kill() -> None:
            worker.process.kill()
            worker.process.join(timeout=5)
            worker.connection.close()

        if wait:
            kill()
        else:
            threading.Thread(target=kill, daemon=True, name="lshkg-query-kill").start()

    def _acquire(self, timeout_s: float) -> _Worker:
        """An idle worker, waiting at most `timeout_s` while spares start or workers come free."""
        deadline = time.monotonic() + timeout_s
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            worker = None
        if worker is not None:
            self._top_up()  # a successor for the spare just taken
            return worker
        with self._lock:
            self._waiting += 1
        try:
            while True:
                self._top_up()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise QueryTimeout(message("every query worker stayed busy for %(s)s s",
                                               s=f"{timeout_s:g}"))
                try:
                    return self._idle.get(timeout=min(remaining, WAIT_STEP_S))
                except queue.Empty:
                    continue
        finally:
            with self._lock:
                self._waiting -= 1

    def _release(self, worker: _Worker) -> None:
        """Back to the idle workers, or stopped when more than the spares wanted are idle."""
        if self._idle.qsize() >= self.size:
            self._discard(worker)
        else:
            self._idle.put(worker)

    # ---------- long queries ----------

    def _admit_long(self, client: str | None, deadline: float, timeout_s: float) -> list[Place]:
        """The places of a query that turned out long (one of all, one of its client's), or
        TooManyLongQueries when either cap is reached on this machine."""
        limits = self.long_queries
        held = self._long.take(deadline)
        if held is None:
            full, whose = self._long, message("%(n)s in all", n=limits.total)
        elif client is None:
            return [held]
        else:
            mine = client_places(self._places_dir, "long-queries", client, limits.per_client)
            own = mine.take(deadline)
            if own is not None:
                return [held, own]
            held.release()
            full, whose = mine, message("%(n)s of yours", n=limits.per_client)
        wait = max(1, math.ceil(full.soonest_end(time.monotonic() + timeout_s) - time.monotonic()))
        raise TooManyLongQueries(message(
            "too many long queries at once (%(whose)s run past %(s)s s now; at most %(per_client)s per "
            "client and %(total)s in all): try again in %(wait)s s, or narrow the query down",
            whose=whose, s=f"{limits.after_s:g}", per_client=limits.per_client, total=limits.total,
            wait=wait), wait)

    # ---------- running ----------

    def run(self, text: str, result_format: str, *, max_rows: int, timeout_s: float,
            prefixes: dict[str, str] | None = None, arrived: float | None = None,
            client: str | None = None, stopped: Callable[[], bool] | None = None) -> Answer:
        """Run a checked query; QueryTimeout when it is not answered within `timeout_s` of
        `arrived` (a `time.monotonic()` reading; now when not given), TooManyLongQueries when it
        runs long while too many long queries of `client` or in all run already, QueryStopped as
        soon as `stopped()` says so (asked every STOP_CHECK_S while the query runs)."""
        deadline = (time.monotonic() if arrived is None else arrived) + timeout_s
        try:
            worker = self._acquire(deadline - time.monotonic())
        except QueryTimeout:
            raise QueryTimeout(message("no query worker came free within the limit of %(s)s s",
                                        s=f"{timeout_s:g}")) from None
        long: list[Place] = []
        try:
            worker.connection.send((text, result_format, max_rows, prefixes))
            first = min(deadline, time.monotonic() + self.long_queries.after_s) - time.monotonic()
            if not _answered(worker, first, stopped):
                if time.monotonic() < deadline:
                    long = self._admit_long(client, deadline, timeout_s)  # raises when there is no room
                    # the lowest priority: cheap queries in other workers keep the cores
                    os.setpriority(os.PRIO_PROCESS, worker.process.pid, LONG_QUERY_NICENESS)
                if not _answered(worker, deadline - time.monotonic(), stopped):
                    raise QueryTimeout(message("the query took longer than the limit of %(s)s s and was "
                                               "stopped",
                                               s=f"{timeout_s:g}"))
            status, payload = worker.connection.recv()
        except (QueryTimeout, TooManyLongQueries, QueryStopped):
            self._discard(worker)
            self._top_up()
            raise
        except (EOFError, OSError):
            self._discard(worker)
            self._top_up()
            raise EngineFailure(message("the query engine stopped unexpectedly; try again")) from None
        finally:
            for place in long:
                place.release()
        if long:
            self._discard(worker)  # at the lowest priority for good: a fresh one replaces it
            self._top_up()
        else:
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
            self._discard(worker, wait=True)


def _answered(worker: _Worker, seconds: float, stopped: Callable[[], bool] | None) -> bool:
    """Whether the worker answers within `seconds`; QueryStopped as soon as `stopped()` is true."""
    if stopped is None:
        return worker.connection.poll(max(0.0, seconds))
    end = time.monotonic() + seconds
    while True:
        remaining = end - time.monotonic()
        if worker.connection.poll(max(0.0, min(remaining, STOP_CHECK_S))):
            return True
        if stopped():
            raise QueryStopped(message("the query was stopped before it finished"))
        if remaining <= STOP_CHECK_S:
            return False
