"""The app's search index, built from the store on first use and kept for the process's life."""

from __future__ import annotations

import threading

from flask import current_app

from graph.search import SearchIndex, build_search_index
from webapp.store import get_store

_LOCK = threading.Lock()
_KEY = "lshkg.search"


def get_search_index() -> SearchIndex:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    index = app.extensions.get(_KEY)
    if index is None:
        with _LOCK:
            index = app.extensions.get(_KEY)
            if index is None:
                index = build_search_index(get_store())
                app.extensions[_KEY] = index
    return index
