"""The map's model, read on first use from what `lshkg build` derived beside the store (or built from
the store once, when that is missing or stale) and kept for the process's life; the map's settings."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from graph.insight.prepared import prepared
from graph.network.model import MapModel, build_map_model, load_documents
from graph.network.projection import load_network
from graph.network.settled import SettledViews, derived_name, settle_views
from graph.network.view import node_cap
from graph.store.derived import derived_folder, load_or_build, read_version
from webapp.app_cache import app_cached
from webapp.app_store import get_store
from webapp.vendor import FRONTEND

_KEY = "lshkg.map"
_SETTLED_KEY = "lshkg.map-settled"
SETTING = "map_max_nodes"


def get_map_model() -> MapModel:
    """Built once (network, indexes, centrality, communities, and what `prepared` makes of them):
    never per request."""

    def build(app: Flask) -> MapModel:
        store = get_store()

        def compute() -> MapModel:
            return prepared(build_map_model(load_network(store), app.config["LSHKG_BASE_IRI"],
                                           load_documents(store)))

        if app.config["LSHKG_ENDPOINT"]:
            model = compute()
        else:
            model = load_or_build(derived_folder(Path(app.config["LSHKG_STORE_DIR"])), "map-model", compute)
        return model

    return app_cached(_KEY, build)


def get_settled_views() -> SettledViews | None:
    """The map's first views as `lshkg build` settled them (made once if missing, by one process),
    for an embedded store whose dataset version is recorded; None otherwise: each view is computed."""

    def build(app: Flask) -> SettledViews | bool:
        folder = derived_folder(Path(app.config["LSHKG_STORE_DIR"]))
        if app.config["LSHKG_ENDPOINT"] or read_version(folder) is None:
            return False
        cap = max_nodes()
        return load_or_build(folder, derived_name(cap), lambda: settle_views(get_map_model(), cap))

    return app_cached(_SETTLED_KEY, build) or None


def max_nodes() -> int:
    """Above this many nodes a view is reduced to clusters (LSHKG_MAP_MAX_NODES, at least 20)."""
    return node_cap(current_app.config["LSHKG_MAP_MAX_NODES"])


def outline_file() -> Path:
    """Natural Earth's countries (1:10m) as TopoJSON, from the npm package world-atlas."""
    return FRONTEND / "world-atlas" / "countries-10m.json"
