"""A deadline that long work checks in its own loops, so that work cut at its deadline stops.

Python cannot stop a thread from outside, and neither Oxigraph nor rdflib takes a deadline of
their own in-process: the work that selects and writes an export therefore asks its `Deadline`
every few thousand items (`checked`) and ends with `WorkCut` once it has passed or was cut.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

__all__ = ["CHECK_EVERY", "Deadline", "WorkCut", "checked"]

T = TypeVar("T")
CHECK_EVERY = 2000  # items between two looks at the clock: a few milliseconds of work at most


class WorkCut(RuntimeError):
    """The work passed its deadline or was cut, and stopped."""


class Deadline:
    """When work must end (a `time.monotonic()` reading, or None for never), and a cut that ends it
    earlier: `check()` raises WorkCut once either has come."""

    def __init__(self, at: float | None = None) -> None:
        self.at = at
        self._cut = threading.Event()

    def cut(self) -> None:
        """End the work at its next check, whatever the time."""
        self._cut.set()

    @property
    def passed(self) -> bool:
        return self._cut.is_set() or (self.at is not None and time.monotonic() >= self.at)

    def remaining(self) -> float | None:
        return None if self.at is None else max(0.0, self.at - time.monotonic())

    def check(self) -> None:
        if self.passed:
            raise WorkCut("the work was stopped at its deadline")


def checked(items: Iterable[T], deadline: Deadline | None, every: int = CHECK_EVERY) -> Iterator[T]:
    """The items, with a look at `deadline` before the first and after every `every` of them.

    >>> list(checked(range(3), Deadline()))
    [0, 1, 2]
    >>> passed = Deadline(0.0)
    >>> list(checked(range(3), passed))
    Traceback (most recent call last):
    ...
    graph.store.deadline.WorkCut: the work was stopped at its deadline
    """
    if deadline is None:
        yield from items
        return
    deadline.check()
    for number, item in enumerate(items, 1):
        yield item
        if number % every == 0:
            deadline.check()
