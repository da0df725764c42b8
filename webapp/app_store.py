"""The app's one store, opened on first use and closed when the process exits; reopened when an
import (or a build) swaps a new store in, so that the server serves new data without a restart."""

from __future__ import annotations

import atexit
import threading
from pathlib import Path

from flask import Flask, current_app

from graph.store.backends import Store, open_store
from graph.store.imports import store_mark
from graph.store.query_pool import LongQueries
from webapp.app_cache import app_cached, forget, forget_all

_KEY = "lshkg.store"
_MARK = "lshkg.store-mark"
CLOSE_REPLACED_AFTER_S = 60.0  # requests still running on a replaced store finish on it first


def _open(app: Flask) -> Store:
    app.extensions[_MARK] = store_mark(Path(app.config["LSHKG_STORE_DIR"]))
    store = open_store(app.config["LSHKG_ENDPOINT"], Path(app.config["LSHKG_STORE_DIR"]),
                       query_workers=app.config["LSHKG_QUERY_WORKERS"],
                       query_workers_max=app.config["LSHKG_QUERY_WORKERS_MAX"],
                       long_queries=LongQueries(app.config["LSHKG_LONG_QUERY_S"],
                                                app.config["LSHKG_LONG_QUERIES"],
                                                app.config["LSHKG_LONG_QUERIES_PER_CLIENT"]),
                       timeout_s=app.config["LSHKG_QUERY_TIMEOUT_S"])
    atexit.register(store.close)
    return store


def refresh_if_replaced(app: Flask) -> None:
    """One stat per request: when the store folder is another one than the one opened, drop the store
    and everything made from it (map model, search index, ...); they are made again on first use."""
    if app.config["LSHKG_ENDPOINT"] or app.extensions.get(_KEY) is None:
        return
    mark = store_mark(Path(app.config["LSHKG_STORE_DIR"]))
    if mark is None or mark == app.extensions.get(_MARK):
        return  # missing only between two renames of a swap: keep answering from the one open
    if app.extensions.get(_MARK) is None:  # a store put in place by other means: it is the one open
        app.extensions[_MARK] = mark
        return
    for value in forget_all(app):
        close = getattr(value, "close", None)
        if callable(close):
            timer = threading.Timer(CLOSE_REPLACED_AFTER_S, close)
            timer.daemon = True
            timer.start()


def get_store() -> Store:
    """The store of the current app (embedded or remote, as configured)."""
    refresh_if_replaced(current_app._get_current_object())  # type: ignore[attr-defined]
    return app_cached(_KEY, _open)


def close_store(app: Flask) -> None:
    store = forget(app, _KEY)
    if store is not None:
        store.close()  # type: ignore[attr-defined]


def init_app(app: Flask) -> None:
    app.extensions.setdefault(_KEY, None)
    app.before_request(lambda: refresh_if_replaced(app))
