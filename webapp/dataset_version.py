"""The dataset version (its content hash and date, as `lshkg build` or an import recorded it) for
every page's footer and for the service description and VoID; read afresh per request (a small
file), so that a store replaced under a running server shows its new version at once."""

from __future__ import annotations

from flask import Flask

from graph.store.backends import StoreUnavailable
from graph.store.derived import DatasetVersion
from graph.store.version import store_version
from webapp.app_store import get_store

__all__ = ["current_version", "init_app"]


def current_version() -> DatasetVersion | None:
    """The app's store's dataset version; None for a remote store or one not built yet."""
    try:
        return store_version(get_store())
    except StoreUnavailable:
        return None


def init_app(app: Flask) -> None:
    """Templates get `dataset_version` (base.html's footer shows it)."""
    app.context_processor(lambda: {"dataset_version": current_version()})
