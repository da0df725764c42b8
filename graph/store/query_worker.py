"""Run one checked query on Oxigraph and write the answer: the code a query worker process runs.

Kept free of heavy imports: a replacement worker starts while a user waits.
"""

from __future__ import annotations

import os
from multiprocessing.connection import Connection

import pyoxigraph as ox

from graph.store.results import Answer, FormatUnsupported, write_boolean, write_solutions, write_triples

__all__ = ["answer_query", "serve_queries"]


def answer_query(store: ox.Store, text: str, result_format: str, max_rows: int,
                 prefixes: dict[str, str] | None = None) -> Answer:
    """Run a query that passed the guard and write its answer in `result_format`."""
    result = store.query(text)
    if isinstance(result, ox.QuerySolutions):
        return write_solutions(result, result_format, max_rows)
    if isinstance(result, ox.QueryBoolean):
        return write_boolean(bool(result), result_format)
    return write_triples(result, result_format, max_rows, prefixes)


def serve_queries(connection: Connection, store_path: str) -> None:
    """A worker's loop: receive (query, format, row cap, prefixes), send back the outcome."""
    store = ox.Store.read_only(store_path)
    connection.send(("ready", None))
    # below the web server's priority from now on: runaway queries must not starve the threads that
    # answer everyone else, nor new workers starting up
    os.nice(10)
    while True:
        try:
            text, result_format, max_rows, prefixes = connection.recv()
        except EOFError:
            return
        try:
            outcome = ("ok", answer_query(store, text, result_format, max_rows, prefixes))
        except SyntaxError as error:
            outcome = ("syntax", str(error))
        except FormatUnsupported as error:
            outcome = ("format", str(error))
        except RuntimeError as error:
            # Oxigraph's evaluation errors that the query itself causes (an extension function it
            # does not know): the client's to fix
            outcome = ("refused", str(error)) if "not supported" in str(error) else \
                ("error", f"{type(error).__name__}: {error}")
        except Exception as error:  # reported to the caller, the worker lives on
            outcome = ("error", f"{type(error).__name__}: {error}")
        connection.send(outcome)
