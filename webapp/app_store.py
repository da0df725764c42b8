"""The app's one store, opened on first use and closed when the process exits."""

from __future__ import annotations

import atexit
from pathlib import Path

from flask import Flask

from graph.store.backends import Store, open_store
from graph.store.query_pool import LongQueries
from webapp.app_cache import app_cached, forget

_KEY = "lshkg.store"


def _open(app: Flask) -> Store:
    store = open_store(app.config["LSHKG_ENDPOINT"], Path(app.config["LSHKG_STORE_DIR"]),
                       query_workers=app.config["LSHKG_QUERY_WORKERS"],
                       query_workers_max=app.config["LSHKG_QUERY_WORKERS_MAX"],
                       long_queries=LongQueries(app.config["LSHKG_LONG_QUERY_S"],
                                                app.config["LSHKG_LONG_QUERIES"],
                                                app.config["LSHKG_LONG_QUERIES_PER_CLIENT"]),
                       timeout_s=app.config["LSHKG_QUERY_TIMEOUT_S"])
    atexit.register(store.close)
    return store


def get_store() -> Store:
    """The store of the current app (embedded or remote, as configured)."""
    return app_cached(_KEY, _open)


def close_store(app: Flask) -> None:
    store = forget(app, _KEY)
    if store is not None:
        store.close()  # type: ignore[attr-defined]


def init_app(app: Flask) -> None:
    app.extensions.setdefault(_KEY, None)
