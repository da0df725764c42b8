"""The embedded store: Oxigraph on disk, opened read-only by readers, replaced whole by a build."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pyoxigraph as ox

__all__ = ["EmbeddedStore", "load_store"]


class EmbeddedStore:
    """A read-only view of the on-disk store built by `lshkg build`."""

    def __init__(self, path: Path) -> None:
        if not (path / "CURRENT").exists():
            raise FileNotFoundError(f"no store at {path}: run `lshkg build` first")
        self.path = path
        self._store = ox.Store.read_only(str(path))

    def select(self, sparql: str) -> list[dict[str, str]]:
        """Rows of a SELECT query, each a mapping of variable name to the term's plain value."""
        solutions = self._store.query(sparql)
        names = [variable.value for variable in solutions.variables]
        return [
            {name: solution[name].value for name in names if solution[name] is not None}
            for solution in solutions
        ]

    def ask(self, sparql: str) -> bool:
        return bool(self._store.query(sparql))

    def __len__(self) -> int:
        return len(self._store)


def load_store(dataset_file: Path, path: Path) -> None:
    """Bulk-load the dataset into a new store beside `path`, then swap it in.

    A failed load leaves the previous store as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(path.name + ".new")
    stale = path.with_name(path.name + ".old")
    for leftover in (fresh, stale):
        shutil.rmtree(leftover, ignore_errors=True)
    store = ox.Store(str(fresh))
    try:
        store.bulk_load(path=str(dataset_file), format=ox.RdfFormat.N_TRIPLES)
        store.flush()
    except BaseException:
        del store
        gc.collect()
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    del store
    gc.collect()  # closes the RocksDB handle before the folder is moved
    if path.exists():
        path.rename(stale)
    fresh.rename(path)
    shutil.rmtree(stale, ignore_errors=True)
