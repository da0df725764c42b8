"""Run the app under Granian, a production server whose HTTP layer is written in Rust (Flask's own
server only with --dev).

Measured beside gunicorn's threaded worker, which it replaced, it took about a quarter of a
millisecond less per request: most of the fixed cost of a small SPARQL query then.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import pkgutil

from flask import Flask
from granian import Granian
from granian.constants import Interfaces

import webapp
from graph import config
from graph.network.settled import derived_name
from graph.network.view import node_cap
from graph.store.derived import derived_folder, preload
from webapp import create_app

__all__ = ["preload_for_workers", "serve", "warmed_app"]


def warmed_app() -> Flask:
    """The app with its store, map model, search index and query workers ready: built in each
    server process before its first request rather than during it (seconds on a large graph)."""
    app = create_app()
    with app.app_context():
        from webapp.app_store import get_store
        from webapp.map_state import get_map_model, get_settled_views
        from webapp.search_index import get_search_index

        try:
            get_map_model()
            get_settled_views()
            get_search_index()
            pool = getattr(get_store(), "pool", None)
            if pool is not None:
                pool()  # the embedded store's query workers, started now
        except Exception:  # a store not reachable yet: requests will say so with a 503
            app.logger.warning("warm-up skipped: the store did not answer")
    # what warm-up built lives as long as the process: out of the collector's sight, so that a full
    # collection (set off by a big export's allocations) does not pause every request to scan it
    gc.freeze()
    return app


def preload_for_workers() -> None:
    """In the server's main process, before Granian forks the workers: the app's modules and what
    `lshkg build` derived (the map model with the answers made from it alone, the map's first views,
    the search index), read once. Each
    worker then starts from them instead of importing and unpickling its own copy (seconds at a
    million triples, on a machine of two cores), and their pages stay shared until written. Never
    the store or the query workers: those are opened in each worker, after the fork."""
    if multiprocessing.get_start_method() != "fork":
        return  # workers started afresh would not inherit any of it
    for module in pkgutil.iter_modules(webapp.__path__):
        importlib.import_module(f"webapp.{module.name}")
    if not config.setting("endpoint"):
        folder = derived_folder(config.store_dir())
        preload(folder, "map-model")
        preload(folder, derived_name(node_cap(config.number("map_max_nodes"))))
        preload(folder, "search-index")
    # out of the collector's sight, in the workers too: a collection would touch every object's
    # header and so copy the pages the workers share
    gc.freeze()


def serve(host: str, port: int, *, workers: int, threads: int) -> None:
    """Serve until SIGTERM or SIGINT; the server stops its processes cleanly."""
    preload_for_workers()
    Granian(
        "webapp.serve:warmed_app", factory=True, interface=Interfaces.WSGI,
        address=host, port=port, workers=workers, blocking_threads=threads,
        log_access=False,  # the app writes one JSON line per request, with its request id
        respawn_failed_workers=True,
        workers_kill_timeout=10,
    ).serve()
