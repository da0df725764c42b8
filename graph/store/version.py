"""The version of the dataset a store holds: what `lshkg build` (or an import) recorded beside an
embedded store. A remote endpoint's version is unknown to us: None."""

from __future__ import annotations

from pathlib import Path

from graph.store.derived import DatasetVersion, derived_folder, read_version

__all__ = ["store_version"]


def store_version(store: object) -> DatasetVersion | None:
    """The recorded version of `store`'s dataset, read afresh each time (an import may replace the
    store while a server runs: a cached value would go stale), or None where none is recorded."""
    path = getattr(store, "path", None)
    if getattr(store, "kind", None) != "embedded" or path is None:
        return None
    return read_version(derived_folder(Path(path)))
