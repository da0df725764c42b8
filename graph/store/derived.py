"""What is costly to derive from the dataset (the map model, the search index) kept beside the store,
keyed by the dataset's version and the code that made it, so that a server process reads it at start
instead of computing it.

`lshkg build` writes the dataset's version (a content hash and the build date) and the derived
files. A process that finds a file missing or made from another version builds it once, under a
lock, so that one process builds and the others read what it wrote; never on a visitor's request.
The files are pickles of our own objects, written and read only by this program in its own data
folder (never accepted from elsewhere).
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import functools
import gc
import hashlib
import json
import pickle
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TypeVar

from graph.records.build import write_atomically

__all__ = ["DatasetVersion", "collector_paused", "compute_version", "derived_folder", "forget_version",
           "load_or_build", "preload", "read_version", "write_version"]

T = TypeVar("T")
VERSION_FILE = "version.json"
# read by a server's main process before it forks its workers: (folder, name) -> (dataset hash, object)
_PRELOADED: dict[tuple[str, str], tuple[str, object]] = {}


@dataclass(frozen=True)
class DatasetVersion:
    """The dataset's content hash (SHA-256 of the N-Triples file, first 16 hex digits) and the date
    it was built."""

    hash: str
    date: str

    def __str__(self) -> str:
        return f"{self.date}-{self.hash[:8]}"


def derived_folder(store_dir: Path) -> Path:
    """Where the derived files of a store live: `derived/` beside it."""
    return Path(store_dir).parent / "derived"


def compute_version(dataset_file: Path, date: datetime.date | None = None) -> DatasetVersion:
    digest = hashlib.sha256()
    with open(dataset_file, "rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return DatasetVersion(digest.hexdigest()[:16], (date or datetime.date.today()).isoformat())




def write_version(folder: Path, version: DatasetVersion) -> None:
    write_atomically(folder / VERSION_FILE, json.dumps(asdict(version)).encode())


def forget_version(folder: Path) -> None:
    """The store is about to change: what was derived from it no longer counts."""
    (folder / VERSION_FILE).unlink(missing_ok=True)


def read_version(folder: Path) -> DatasetVersion | None:
    try:
        return DatasetVersion(**json.loads((folder / VERSION_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


@functools.cache
def program_hash() -> str:
    """The code of `graph/` that derives the files, hashed: a file made by other code (an older
    release, whose pickled objects may lack what this code reads) is made again, as a file made
    from another dataset is."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).resolve().parent.parent.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while many lasting objects are made at once: each collection
    would scan all those made so far again (at a million triples it made reading the map model and
    the search index three to eight times slower)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _read(path: Path, version: DatasetVersion) -> object | None:
    try:
        # read whole, then unpickled: unpickling from the file object took half as long again
        stored = path.read_bytes()
        with collector_paused():
            made_from, made_by, value = pickle.loads(stored)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError):
        return None
    return value if (made_from, made_by) == (version.hash, program_hash()) else None


def _key(folder: Path, name: str) -> tuple[str, str]:
    return str(Path(folder).resolve()), name


def preload(folder: Path, name: str) -> object | None:
    """Read the derived object `name` now, if a file made from the recorded version is there: a
    server's main process does so before it forks its workers, which then find it in memory (its
    pages shared until written) instead of each reading and unpickling the file."""
    version = read_version(folder)
    found = _read(folder / f"{name}.pickle", version) if version is not None else None
    if found is not None:
        _PRELOADED[_key(folder, name)] = (version.hash, found)  # type: ignore[union-attr]
        # kept for the process's life: out of the collector's sight at once, or its next pass would
        # scan every object just made (a second at ten million triples, before the next file is read)
        gc.freeze()
    return found


def load_or_build(folder: Path, name: str, build: Callable[[], T]) -> T:
    """The derived object `name` for the dataset version recorded in `folder`: the one preloaded
    from that version, else read if a file made from that version is there, else built (by one
    process at a time) and written for the next. Without a recorded version (a remote store), it is
    built and not kept."""
    version = read_version(folder)
    if version is None:
        return build()
    held = _PRELOADED.get(_key(folder, name))
    if held is not None and held[0] == version.hash:
        return held[1]  # type: ignore[return-value]
    path = folder / f"{name}.pickle"
    found = _read(path, version)
    if found is not None:
        return found  # type: ignore[return-value]
    try:
        lock = open(folder / f".{name}.lock", "w")  # noqa: SIM115 (held across the build)
    except OSError:  # a folder this process may not write: build, keep nothing
        return build()
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the others wait here, then read what the first wrote
        found = _read(path, version)
        if found is not None:
            return found  # type: ignore[return-value]
        value = build()
        with contextlib.suppress(OSError):  # a full disk loses the shortcut, not the answer
            write_atomically(path, pickle.dumps((version.hash, program_hash(), value),
                                                protocol=pickle.HIGHEST_PROTOCOL))
        return value
