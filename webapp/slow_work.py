"""A deadline and a concurrency cap for requests that can take long in the server process itself:
exports (a whole-graph export takes seconds), path searches, CONSTRUCT networks.

The work runs in a thread of its own while the request waits for it until the deadline, which
runs from the request's arrival; then the answer is a 503 with Retry-After and the work is
abandoned. Python cannot stop a thread, so an abandoned piece of work keeps its place until it
ends: at most `LSHKG_SLOW_REQUESTS` run at once per server process, and one more is answered 429
with Retry-After at once, so a burst cannot pile up.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

from flask import Flask, Response, copy_current_request_context, current_app, jsonify, request

from webapp.user_query import arrival

__all__ = ["SlowRequestRefused", "init_app", "refused", "run_slow"]

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
    def __init__(self, places: int, timeout_s: float) -> None:
        self.places = threading.BoundedSemaphore(places)
        self.size = places
        self.timeout_s = timeout_s
        self.ends: dict[int, float] = {}  # when each running piece of work must end at the latest
        self.lock = threading.Lock()


def refused(error: SlowRequestRefused) -> tuple[Response, int]:
    """The JSON answer to a slow request cut at its deadline (503) or beyond the cap (429)."""
    response = jsonify(error=error.message, status=error.status)
    response.headers["Retry-After"] = str(error.retry_after_s)
    return response, error.status


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = _Gate(max(1, int(app.config["LSHKG_SLOW_REQUESTS"])),
                                      float(app.config["LSHKG_SLOW_REQUEST_TIMEOUT_S"]))


def run_slow(work: Callable[[], T], what: str) -> T:
    """`work()` (in the current request's context) within the deadline and the cap; raises
    SlowRequestRefused when it cannot be answered. `what` names the work in the messages."""
    gate: _Gate = current_app.extensions[EXTENSION]
    limit = gate.timeout_s
    if not gate.places.acquire(blocking=False):
        with gate.lock:
            soonest = min(gate.ends.values(), default=time.monotonic() + limit)
        wait = max(1, math.ceil(soonest - time.monotonic()))
        raise SlowRequestRefused(429, f"too many slow requests at once (at most {gate.size} run at a "
                                 f"time): try {what} again in {wait} s", wait)
    deadline = arrival(request) + limit
    request.values  # noqa: B018 -- read the parameters here: the work may outlive the request
    done: Future[T] = Future()
    key = id(done)
    with gate.lock:
        gate.ends[key] = deadline

    @copy_current_request_context
    def in_context() -> None:
        try:
            done.set_result(work())
        except BaseException as error:  # handed to the request, which raises it
            done.set_exception(error)
        finally:
            with gate.lock:
                gate.ends.pop(key, None)
            gate.places.release()

    threading.Thread(target=in_context, daemon=True, name="lshkg-slow-request").start()
    try:
        return done.result(timeout=max(0.0, deadline - time.monotonic()))
    except FutureTimeout:
        raise SlowRequestRefused(503, f"{what} was stopped at the time limit of {limit:g} s: choose "
                                 "a smaller selection or a lighter format", max(1, round(limit))) from None
