"""The app's search index, built from the store on first use and kept for the process's life."""

from __future__ import annotations

from graph.entity.search import SearchIndex, build_search_index
from webapp.app_cache import app_cached
from webapp.app_store import get_store


def get_search_index() -> SearchIndex:
    return app_cached("lshkg.search", lambda app: build_search_index(get_store()))
