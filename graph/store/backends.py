"""One interface over the stores the graph can live in: embedded Oxigraph on disk, or a remote
SPARQL 1.1 endpoint (Oxigraph server, Virtuoso, Fuseki, GraphDB, ...), chosen by configuration.
"""

from __future__ import annotations

import gc
import json
import shutil
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from graph.messages import message
from graph.store.deadline import Deadline, WorkCut, checked
from graph.store.derived import derived_folder, forget_version
from graph.store.query_pool import EngineFailure, LongQueries, QueryPool, QueryTimeout
from graph.store.results import Answer, write_boolean, write_solutions, write_triples

__all__ = ["EmbeddedStore", "RemoteStore", "Store", "StoreUnavailable", "load_store", "open_store",
           "write_new_store"]

VIRTUOSO_ASK_COLUMN = "__ASK_RETVAL"


class StoreUnavailable(RuntimeError):
    """The store cannot answer now (missing, unreachable or too slow): HTTP 503."""


class Store(Protocol):
    """What the rest of the code needs of a store; it does not know which kind it talks to."""

    description: str
    kind: str  # "embedded" or "remote": what a client may be told (the description names places)

    def select(self, sparql: str) -> list[dict[str, str]]:
        """Rows of one of our own SELECT queries: variable name to the term's plain value."""

    def construct(self, sparql: str, deadline: Deadline | None = None) -> list[ox.Triple]:
        """Triples of one of our own CONSTRUCT queries; WorkCut once `deadline` has passed (an
        embedded store looks at it while it reads the answer)."""

    def answer(self, text: str, result_format: str, *, max_rows: int, timeout_s: float,
               prefixes: dict[str, str] | None = None, arrived: float | None = None,
               client: str | None = None, stopped: Callable[[], bool] | None = None) -> Answer:
        """A user's query (already checked by the guard), cut off `timeout_s` after `arrived` (a
        `time.monotonic()` reading, now when not given), or as soon as `stopped()` is true where the
        store can stop it (QueryStopped); `client` counts its long queries."""

    def triple_count(self) -> int: ...

    def ping(self) -> None:
        """Return when the store answers a query; raise StoreUnavailable (or QueryTimeout) if not."""

    def close(self) -> None: ...


def _plain_rows(solutions: ox.QuerySolutions) -> list[dict[str, str]]:
    names = [variable.value for variable in solutions.variables]
    return [{name: row[name].value for name in names if row[name] is not None} for row in solutions]


class EmbeddedStore:
    """The on-disk store built by `lshkg build`, opened read-only.

    Our own queries run in-process; users' queries run in killable worker processes.
    """

    def __init__(self, path: Path, query_workers: int = 2, query_workers_max: int = 12,
                 long_queries: LongQueries | None = None) -> None:
        if not (path / "CURRENT").exists():
            # no path in the message: it reaches web clients (the command line names the folder)
            raise StoreUnavailable(message("no store has been built: run `lshkg build` first"))
        self.path = path
        self.kind = "embedded"
        self.description = f"embedded store at {path}"
        self._store = ox.Store.read_only(str(path))
        self._query_workers = (query_workers, query_workers_max, long_queries)
        self._pool: QueryPool | None = None
        self._pool_lock = threading.Lock()

    def select(self, sparql: str) -> list[dict[str, str]]:
        return _plain_rows(self._store.query(sparql))

    def ask(self, sparql: str) -> bool:
        return bool(self._store.query(sparql))

    def quads_matching(self, subject: ox.NamedNode | ox.BlankNode | None = None,
                       predicate: ox.NamedNode | None = None,
                       obj: ox.NamedNode | ox.BlankNode | ox.Literal | None = None) -> Iterator[ox.Quad]:
        """The default graph's quads matching a pattern (None matches any term): the graph our own
        SPARQL queries read. Oxigraph reads these straight from its indexes, without joins, which is
        how the largest reads of the map model and the search index are done (`graph.store.patterns`)."""
        return self._store.quads_for_pattern(subject, predicate, obj, ox.DefaultGraph())

    def construct(self, sparql: str, deadline: Deadline | None = None) -> list[ox.Triple]:
        # Oxigraph makes the answer as it is read: a cut export stops reading it
        answer = self._store.query(sparql)
        try:
            return list(checked(answer, deadline))
        except WorkCut:
            pass
        # dropped here, outside the traceback: Oxigraph's answer may not be freed by another thread
        # (the cut's exception is raised again in the thread that waits for the work)
        del answer
        raise WorkCut("the work was stopped at its deadline")

    def answer(self, text: str, result_format: str, *, max_rows: int, timeout_s: float,
               prefixes: dict[str, str] | None = None, arrived: float | None = None,
               client: str | None = None, stopped: Callable[[], bool] | None = None) -> Answer:
        return self.pool().run(text, result_format, max_rows=max_rows, timeout_s=timeout_s,
                               prefixes=prefixes, arrived=arrived, client=client, stopped=stopped)

    def pool(self) -> QueryPool:
        """The query workers, started on first use (once, whichever thread asks first)."""
        with self._pool_lock:
            if self._pool is None:
                self._pool = QueryPool(str(self.path), *self._query_workers)
            return self._pool

    def triple_count(self) -> int:
        return len(self._store)

    def ping(self) -> None:
        self._store.query("ASK {}")

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        with self._pool_lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None


def _ask_as_boolean(result: ox.QuerySolutions | ox.QueryBoolean) -> ox.QuerySolutions | ox.QueryBoolean:
    """Virtuoso 7.2 answers an ASK as a table of one column, VIRTUOSO_ASK_COLUMN, with a row of 1
    for true and no row for false: read back as the boolean it means."""
    if not isinstance(result, ox.QuerySolutions) or \
            [variable.value for variable in result.variables] != [VIRTUOSO_ASK_COLUMN]:
        return result
    answer = any(row[0] is not None and row[0].value not in ("0", "false") for row in result)
    return ox.parse_query_results(json.dumps({"head": {}, "boolean": answer}).encode(),
                                  format=ox.QueryResultsFormat.JSON)


class RemoteStore:
    """A SPARQL 1.1 endpoint over HTTP; its answers are re-read and written like embedded ones."""

    def __init__(self, endpoint: str, timeout_s: float = 10.0) -> None:
        if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
            raise ValueError(f"endpoint {endpoint!r} is not an http(s) URL")
        self.endpoint = endpoint
        self.timeout_s = timeout_s
        self.kind = "remote"
        self.description = f"remote SPARQL endpoint {endpoint}"

    def _post(self, sparql: str, accept: str, timeout_s: float) -> bytes:
        # a form, not an application/sparql-query body: every server takes forms (Virtuoso 7.2
        # never answers the other, and then stops answering at all)
        request = urllib.request.Request(
            self.endpoint, data=urllib.parse.urlencode({"query": sparql}).encode("ascii"), method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=timeout_s) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500]
            if error.code in (400, 403, 406, 413):
                raise EngineFailure(message("the store refused the query: %(detail)s", detail=detail),
                                    status=400,
                                    syntax=True) from None
            raise StoreUnavailable(message("the store answered HTTP %(code)s: %(detail)s", code=error.code,
                                           detail=detail)) from None
        except TimeoutError:
            raise QueryTimeout(message("the store did not answer within %(s)s s",
                                       s=f"{timeout_s:g}")) from None
        except (urllib.error.URLError, ConnectionError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise StoreUnavailable(message("the store cannot be reached: %(reason)s",
                                           reason=reason)) from None

    def _results(self, sparql: str, timeout_s: float) -> ox.QuerySolutions | ox.QueryBoolean:
        body = self._post(sparql, "application/sparql-results+json", timeout_s)
        return _ask_as_boolean(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))

    def _triples(self, sparql: str, timeout_s: float) -> list[ox.Triple]:
        body = self._post(sparql, "application/n-triples", timeout_s)
        return [quad.triple for quad in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]

    def select(self, sparql: str) -> list[dict[str, str]]:
        return _plain_rows(self._results(sparql, self.timeout_s))

    def construct(self, sparql: str, deadline: Deadline | None = None) -> list[ox.Triple]:
        left = deadline.remaining() if deadline is not None else None
        if deadline is not None:
            deadline.check()
        return self._triples(sparql, self.timeout_s if left is None else max(0.1, min(left, self.timeout_s)))

    def answer(self, text: str, result_format: str, *, max_rows: int, timeout_s: float,
               prefixes: dict[str, str] | None = None, arrived: float | None = None,
               client: str | None = None, stopped: Callable[[], bool] | None = None) -> Answer:
        # a remote server's query cannot be stopped from here: its own time limit ends it
        # the time left of the limit, which runs from the request's arrival
        left_s = timeout_s - (time.monotonic() - arrived) if arrived is not None else timeout_s
        try:
            if left_s <= 0:
                raise QueryTimeout
            if result_format in ("ttl", "nt", "jsonld", "rdfxml"):
                return write_triples(self._triples(text, left_s), result_format, max_rows, prefixes)
            result = self._results(text, left_s)
        except QueryTimeout:
            raise QueryTimeout(message("the store did not answer within %(s)s s",
                                       s=f"{timeout_s:g}")) from None
        if isinstance(result, ox.QueryBoolean):
            return write_boolean(bool(result), result_format)
        return write_solutions(result, result_format, max_rows)

    def triple_count(self) -> int:
        return int(self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"])

    def ping(self) -> None:
        self._results("ASK {}", self.timeout_s)

    def close(self) -> None:
        pass


def open_store(endpoint: str | None, path: Path, *, query_workers: int = 2, query_workers_max: int = 12,
               long_queries: LongQueries | None = None, timeout_s: float = 10.0) -> Store:
    """The remote endpoint when one is configured, else the embedded store at `path`."""
    if endpoint:
        return RemoteStore(endpoint, timeout_s)
    return EmbeddedStore(path, query_workers, query_workers_max, long_queries)


def write_new_store(folder: Path, dataset_file: Path, add: Callable[[ox.Store], None] | None = None) -> None:
    """A new store at `folder`: the dataset bulk-loaded, then what `add` puts in, written, compacted
    and closed (RocksDB's handle let go before the folder is moved or opened). Nothing is left of it
    if a step fails or is interrupted."""
    store = ox.Store(str(folder))
    try:
        store.bulk_load(path=str(dataset_file), format=ox.RdfFormat.N_TRIPLES)
        if add is not None:
            add(store)
        store.flush()
        # a bulk load leaves its files side by side, none merged: every read then looks into each of
        # them. Merged once here (9 s at ten million triples), lookups and SPARQL joins are two to
        # four times faster, which building the map model and the search index gains many times over
        store.optimize()
    except BaseException:
        del store
        gc.collect()
        shutil.rmtree(folder, ignore_errors=True)
        raise
    del store
    gc.collect()


def load_store(dataset_file: Path, path: Path) -> None:
    """Bulk-load the dataset into a new store beside `path`, then swap it in.

    A failed load leaves the previous store as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(path.name + ".new")
    stale = path.with_name(path.name + ".old")
    for leftover in (fresh, stale):
        shutil.rmtree(leftover, ignore_errors=True)
    write_new_store(fresh, dataset_file)
    forget_version(derived_folder(path))
    if path.exists():
        path.rename(stale)
    fresh.rename(path)
    shutil.rmtree(stale, ignore_errors=True)
