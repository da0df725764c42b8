"""Places counted across every process of one server: a cap that holds per machine, not per process.

A place is a small file in a folder beside the store (`<name>.<n>`, n below the cap) held with an
exclusive `flock`: whichever server process or thread takes it, the others see it taken. The kernel
drops a lock when its holder's file is closed, so a process that crashes or is killed never leaks a
place. Each holder writes into its file when it ends at the latest (a `time.monotonic()` reading,
the same clock for every process of a machine), for the Retry-After of those turned away.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import threading
import time
from pathlib import Path

__all__ = ["Place", "Places", "client_places"]

CLIENT_BUCKETS = 4096  # one client's places live in one of these: a bounded number of files


class Place:
    """One place held; `release()` gives it back (once, from any thread)."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd
        self._lock = threading.Lock()

    def release(self) -> None:
        with self._lock:
            if self._fd is None:
                return
            fd, self._fd = self._fd, None
        os.ftruncate(fd, 0)
        # unlocked before closing: a process forked meanwhile shares the open file and its lock
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None


class Places:
    """At most `size` holders at once among all processes that use the same folder and name."""

    def __init__(self, folder: Path, name: str, size: int) -> None:
        self.folder = Path(folder)
        self.name = name
        self.size = max(1, size)
        self.folder.mkdir(parents=True, exist_ok=True)

    def _path(self, number: int) -> Path:
        return self.folder / f"{self.name}.{number}"

    def take(self, ends_by: float) -> Place | None:
        """A free place, marked as held until `ends_by` at the latest; None when all are taken."""
        # a second look a moment later: `held()` of a process turned away locks a free place for a
        # few microseconds, which must not turn this one away too
        place = self._take(ends_by)
        if place is None:
            time.sleep(0.001)
            place = self._take(ends_by)
        return place

    def _take(self, ends_by: float) -> Place | None:
        for number in range(self.size):
            fd = os.open(self._path(number), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            os.ftruncate(fd, 0)
            os.pwrite(fd, repr(ends_by).encode("ascii"), 0)
            return Place(fd)
        return None

    def held(self) -> list[float]:
        """When each place held now ends at the latest (its holder's word)."""
        ends = []
        for number in range(self.size):
            try:
                fd = os.open(self._path(number), os.O_RDONLY | os.O_CLOEXEC)
            except FileNotFoundError:
                continue
            try:
                try:  # a shared lock is granted only when nobody holds the place
                    fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                except BlockingIOError:
                    text = os.pread(fd, 64, 0).decode("ascii", "replace")
                    try:
                        ends.append(float(text))
                    except ValueError:  # taken this instant, its end not written yet
                        ends.append(time.monotonic())
                else:
                    fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)
        return ends

    def soonest_end(self, otherwise: float) -> float:
        """When the first place held now frees up at the latest (`otherwise` when none is held)."""
        return min(self.held(), default=otherwise)


def client_places(folder: Path, name: str, client: str, size: int) -> Places:
    """The places of one client, kept in one of CLIENT_BUCKETS buckets by a hash of its address (two
    clients in the same bucket share their cap: rare, and only ever stricter)."""
    bucket = int.from_bytes(hashlib.sha256(client.encode("utf-8")).digest()[:4], "big") % CLIENT_BUCKETS
    return Places(folder, f"{name}-client-{bucket:03x}", size)
