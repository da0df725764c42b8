"""A deadline and a concurrency cap for requests that can take long in the server process itself:
exports (a whole-graph export takes seconds), path searches, CONSTRUCT networks.

- The cap holds per machine: a slow request takes one of `LSHKG_SLOW_REQUESTS` places shared by
  every server process (`graph.store.slots`, files beside the store); one more is answered 429
  with Retry-After at once, so a burst cannot pile up. A process that dies frees its places.
- The deadline runs from the request's arrival: the work runs in a thread of its own while the
  request waits for it until then, and a cut is a 503 with Retry-After.
- Work that takes a `Deadline` (`SlowPlace.run`: exports, CONSTRUCT networks) looks at it in its
  loops and stops at the cut, so its place is given back at once. Work that does not
  (`run_slow`: the path search, which ends in milliseconds to a second) keeps its place until it
  ends, as a thread cannot be stopped from outside.
- A streamed answer (`SlowPlace.stream`) keeps the place while it is sent, under the same
  deadline; its writer ends it with a note when the deadline passes after the first byte.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import TypeVar

from flask import Flask, Response, copy_current_request_context, current_app, jsonify, request

from graph.messages import message
from graph.store.deadline import Deadline, WorkCut
from graph.store.slots import Place, Places
from webapp.i18n import say
from webapp.user_query import arrival

__all__ = ["SlowPlace", "SlowRequestRefused", "init_app", "refused", "run_slow", "slow_place"]

T = TypeVar("T")
EXTENSION = "lshkg.slow_work"


class SlowRequestRefused(Exception):
    """The request is not answered: too many slow requests run (429), or it passed its deadline
    (503); `retry_after_s` says when to try again."""

    def __init__(self, status: int, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after_s = retry_after_s


class _Gate:
    def __init__(self, places: Places, timeout_s: float) -> None:
        self.places = places
        self.timeout_s = timeout_s


def refused(error: SlowRequestRefused) -> tuple[Response, int]:
    """The JSON answer to a slow request cut at its deadline (503) or beyond the cap (429)."""
    response = jsonify(error=say(error.message), status=error.status)
    response.headers["Retry-After"] = str(error.retry_after_s)
    return response, error.status


def init_app(app: Flask) -> None:
    folder = Path(app.config["LSHKG_STORE_DIR"]).parent / "slots"  # where the app may write
    app.extensions[EXTENSION] = _Gate(Places(folder, "slow-requests", int(app.config["LSHKG_SLOW_REQUESTS"])),
                                      float(app.config["LSHKG_SLOW_REQUEST_TIMEOUT_S"]))


class SlowPlace:
    """A slow request's place under the cap and its deadline; `end()` gives the place back."""

    def __init__(self, place: Place, deadline: Deadline, what: str, limit_s: float) -> None:
        self.place = place
        self.deadline = deadline
        self.what = what
        self.limit_s = limit_s

    def end(self) -> None:
        self.place.release()

    def _cut(self) -> SlowRequestRefused:
        return SlowRequestRefused(503, message("%(what)s was stopped at the time limit of %(s)s s: choose a "
                                               "smaller selection or a lighter format", what=self.what,
                                               s=f"{self.limit_s:g}"), max(1, round(self.limit_s)))

    def run(self, work: Callable[[Deadline], T], *, keep_until_done: bool = False) -> T:
        """`work(deadline)` in the current request's context, in a thread, until the deadline;
        SlowRequestRefused (503) at the cut, which also cuts the deadline the work looks at. The
        place is given back at the cut, or once the work ends when `keep_until_done`."""
        request.values  # noqa: B018 -- read the parameters here: the work may outlive the request
        done: Future[T] = Future()

        @copy_current_request_context
        def in_context() -> None:
            try:
                done.set_result(work(self.deadline))
            except BaseException as error:  # handed to the request, which raises it
                done.set_exception(error)
            finally:
                if keep_until_done:
                    self.end()

        threading.Thread(target=in_context, daemon=True, name="lshkg-slow-request").start()
        try:
            return done.result(timeout=self.deadline.remaining())
        except (FutureTimeout, WorkCut):  # WorkCut: the work saw the deadline pass first
            self.deadline.cut()  # cooperative work stops at its next look
            if not keep_until_done:
                self.end()
            raise self._cut() from None

    def stream(self, chunks: Iterable[bytes]) -> _Streamed:
        """The chunks as they are read, the place kept until the last is sent or the client leaves."""
        return _Streamed(chunks, self)


class _Streamed:
    """A streamed body that gives its place back when it ends or is closed: the server closes it
    also when it never reads it (a HEAD request, a client gone at once), where the `finally` of a
    generator that never started would not run."""

    def __init__(self, chunks: Iterable[bytes], place: SlowPlace) -> None:
        self._chunks = chunks
        self._place = place

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._chunks
        finally:
            self._place.end()

    def close(self) -> None:
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()
        self._place.end()


def slow_place(what: str) -> SlowPlace:
    """A place for a slow request that arrived with the current request, or SlowRequestRefused
    (429) when every place on the machine is taken. `what` names the work in the messages."""
    gate: _Gate = current_app.extensions[EXTENSION]
    limit = gate.timeout_s
    deadline = arrival(request) + limit
    place = gate.places.take(deadline)
    if place is None:
        soonest = gate.places.soonest_end(time.monotonic() + limit)
        wait = max(1, math.ceil(soonest - time.monotonic()))
        raise SlowRequestRefused(429, message("too many slow requests at once (at most %(n)s run at a time): "
                                              "try %(what)s again in %(wait)s s", n=gate.places.size,
                                              what=what, wait=wait), wait)
    return SlowPlace(place, Deadline(deadline), what, limit)


def run_slow(work: Callable[[], T], what: str) -> T:
    """`work()` (in the current request's context) within the deadline and the cap; raises
    SlowRequestRefused when it cannot be answered. The work does not look at the deadline: its
    place is kept until it ends."""
    return slow_place(what).run(lambda deadline: work(), keep_until_done=True)
