"""Imports in the store: each a named graph of its own, beside the shipped data.

The default graph holds everything the app reads (the shipped dataset and every import's triples);
each import's named graph holds its own triples again, with its provenance, so that `GRAPH` queries,
the list, the badges and removal can tell it apart. The store is never changed in place: a new one is
built beside it and swapped in by rename (`replace_store`), so a refused or killed import leaves the
store in use as it was, byte for byte. One import runs at a time (`import_lock`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.store.backends import write_new_store
from graph.store.derived import derived_folder, forget_version

__all__ = ["ImportBusy", "ImportInfo", "import_lock", "imported_quads", "list_imports", "replace_store",
           "store_mark", "versioned_dataset"]

DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
PAUSE_HOOK = "LSHKG_TEST_PAUSE_IMPORT"  # tests only: a file to touch, then wait there to be killed


class ImportBusy(RuntimeError):
    """Another import (or removal) is running."""


@dataclass(frozen=True)
class ImportInfo:
    """One import as the list shows it."""

    name: str
    graph: str
    file: str
    checksum: str
    time: str
    who: str
    triples: int


@contextlib.contextmanager
def import_lock(data_dir: Path, *, wait: bool = False) -> Iterator[None]:
    """Held while an import or removal builds and swaps the store; a second one waits (`wait`) or
    gets ImportBusy at once. The lock is the kernel's: a killed holder releases it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / ".import.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise ImportBusy("another import or removal is running; try again when it has finished "
                             "(or pass --wait)") from None
        yield


def _open(store_dir: Path) -> ox.Store | None:
    return ox.Store.read_only(str(store_dir)) if (store_dir / "CURRENT").exists() else None


def list_imports(store_dir: Path, base_iri: str) -> list[ImportInfo]:
    """The imports in the store, oldest first, with their provenance and size."""
    store = _open(store_dir)
    if store is None:
        return []
    query = f"""SELECT ?g ?title ?file ?sum ?time ?who (COUNT(*) AS ?n) WHERE {{
        GRAPH ?g {{ ?g <{DCTERMS}title> ?title ; <{DCTERMS}source> ?file ; <{DCTERMS}identifier> ?sum ;
                     <{PROV}generatedAtTime> ?time ; <{DCTERMS}creator> ?who . ?s ?p ?o }}
        FILTER(STRSTARTS(STR(?g), "{base_iri}import/"))
    }} GROUP BY ?g ?title ?file ?sum ?time ?who ORDER BY ?time ?title"""
    found = [ImportInfo(row["title"].value, row["g"].value, row["file"].value,
                        row["sum"].value, row["time"].value, row["who"].value, int(row["n"].value))
             for row in store.query(query)]
    del store
    return found


def imported_quads(store_dir: Path, base_iri: str, *, leave_out: Iterable[str] = ()) -> list[ox.Quad]:
    """Every quad of every import's named graph (but those of the graphs in `leave_out`): what a
    rebuilt store carries over."""
    store = _open(store_dir)
    if store is None:
        return []
    skipped = set(leave_out)
    quads = [quad for graph in store.named_graphs()
             if isinstance(graph, ox.NamedNode) and graph.value.startswith(f"{base_iri}import/")
             and graph.value not in skipped
             for quad in store.quads_for_pattern(None, None, None, graph)]
    del store
    return quads


def _pause_for_tests(stage: str) -> None:
    marker = os.environ.get(PAUSE_HOOK)
    if marker:
        Path(marker).write_text(stage, encoding="utf-8")
        while True:  # a test kills the process here, with part of the new store written
            time.sleep(0.1)


def _generations(store_dir: Path) -> list[Path]:
    return sorted(store_dir.parent.glob(f"{store_dir.name}.g*"))


def replace_store(dataset_file: Path, store_dir: Path, quads: Iterable[ox.Quad]) -> None:
    """A new store of the shipped dataset plus `quads` (each also in the default graph), built beside
    the one in use, then swapped in at once: `store_dir` is a symbolic link to a generation folder
    (`store.g<time>`) and a new link replaces it by rename. Until then the store in use is untouched;
    the previous generation is kept for the processes that still read it."""
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = store_dir.with_name(f"{store_dir.name}.g{time.time_ns()}")

    def add_imports(store: ox.Store) -> None:
        _pause_for_tests("shipped data written to the new store")
        listed = list(quads)
        store.bulk_extend(listed)
        store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in listed)

    write_new_store(fresh, dataset_file, add_imports)
    previous = store_dir.resolve() if store_dir.is_symlink() else None
    if store_dir.exists() and not store_dir.is_symlink():  # a store `lshkg build` wrote: a generation now
        kept = store_dir.with_name(f"{store_dir.name}.g0")
        shutil.rmtree(kept, ignore_errors=True)
        store_dir.rename(kept)
        previous = kept
    link = store_dir.with_name(f".{store_dir.name}.link")
    link.unlink(missing_ok=True)
    link.symlink_to(fresh.name)
    forget_version(derived_folder(store_dir))
    os.replace(link, store_dir)  # the swap: one rename
    for old in _generations(store_dir):
        if old not in (fresh, previous):
            shutil.rmtree(old, ignore_errors=True)


def store_mark(store_dir: Path) -> tuple[int, int] | None:
    """What changes when a store is swapped in (the folder's inode): a server compares it to reopen."""
    try:
        found = os.stat(store_dir)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def versioned_dataset(dataset_file: Path, quads: Iterable[ox.Quad]) -> Path:
    """The file the dataset's version is computed from: the shipped dataset alone, or with the
    imports' quads after it (sorted, so the same imports always give the same version)."""
    lines = sorted({str(quad) + " .\n" for quad in quads})
    if not lines:
        return dataset_file
    combined = dataset_file.with_name(dataset_file.stem + "-with-imports.nq")
    with open(combined, "wb") as out:
        with open(dataset_file, "rb") as shipped:
            shutil.copyfileobj(shipped, out)
        out.write("".join(lines).encode("utf-8"))
    return combined
