"""The app's one store, opened on first use and closed when the process exits."""

from __future__ import annotations

import atexit
import threading
from pathlib import Path

from flask import Flask, current_app

from graph.store import Store, open_store

_LOCK = threading.Lock()
_KEY = "lshkg.store"


def get_store() -> Store:
    """The store of the current app (embedded or remote, as configured)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    store = app.extensions.get(_KEY)
    if store is None:
        with _LOCK:
            store = app.extensions.get(_KEY)
            if store is None:
                store = open_store(app.config["LSHKG_ENDPOINT"], Path(app.config["LSHKG_STORE_DIR"]),
                                   query_workers=app.config["LSHKG_QUERY_WORKERS"],
                                   query_workers_max=app.config["LSHKG_QUERY_WORKERS_MAX"],
                                   timeout_s=app.config["LSHKG_QUERY_TIMEOUT_S"])
                app.extensions[_KEY] = store
                atexit.register(store.close)
    return store


def close_store(app: Flask) -> None:
    store = app.extensions.pop(_KEY, None)
    if store is not None:
        store.close()


def init_app(app: Flask) -> None:
    app.extensions.setdefault(_KEY, None)
