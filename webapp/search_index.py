"""The app's search index, read on first use from what `lshkg build` derived beside the store (or
built from the store once, when that is missing or stale) and kept for the process's life."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from graph.entity.search import SearchIndex, build_search_index
from graph.store.derived import derived_folder, load_or_build
from webapp.app_cache import app_cached
from webapp.app_store import get_store


def get_search_index() -> SearchIndex:
    def build(app: Flask) -> SearchIndex:
        store = get_store()
        if app.config["LSHKG_ENDPOINT"]:
            return build_search_index(store)
        folder = derived_folder(Path(app.config["LSHKG_STORE_DIR"]))
        return load_or_build(folder, "search-index", lambda: build_search_index(store))

    return app_cached("lshkg.search", build)
