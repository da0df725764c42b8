"""Run a user's SPARQL query: checked by the guard, run on the store within the limits, every
failure turned into one error with its HTTP status (400, 413, 503, ...)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app
from werkzeug.wrappers import Request

from graph.messages import message, reason
from graph.store.backends import StoreUnavailable
from graph.store.deadline import WorkCut
from graph.store.engine_errors import syntax_error
from graph.store.guard import CheckedQuery, QueryRefused, check_query
from graph.store.query_pool import EngineFailure, QueryStopped, QueryTimeout, TooManyLongQueries
from graph.store.results import Answer, FormatUnsupported
from ontology.namespaces import PREFIXES, preset_prefixes
from webapp.app_store import get_store
from webapp.query_stops import QUERY_ID_HEADER, running_query

__all__ = ["ARRIVED", "UserQueryError", "arrival", "check_user_query", "mark_arrival", "run_user_query"]

ARRIVED = "lshkg.arrived"  # the WSGI environ's key for when the request arrived (time.monotonic())


def mark_arrival(environ: dict[str, Any]) -> None:
    """Note when a request arrived: the time limit of its query runs from then."""
    environ.setdefault(ARRIVED, time.monotonic())


def arrival(request: Request) -> float:
    return request.environ.get(ARRIVED) or time.monotonic()


@dataclass
class UserQueryError(Exception):
    status: int
    message: str  # a graph.messages.Message where it can be said in the reader's language
    line: int | None = None
    column: int | None = None
    retry_after_s: int | None = None  # sent as Retry-After (a 429, or a 503 that may pass)

    def __str__(self) -> str:
        return self.message


def check_user_query(text: str) -> CheckedQuery:
    try:
        config = current_app.config
        return check_query(text, max_bytes=config["LSHKG_QUERY_MAX_BYTES"],
                           presets=preset_prefixes(config["LSHKG_BASE_IRI"]))
    except QueryRefused as refused:
        raise UserQueryError(refused.status, refused.said(), refused.line, refused.column) from None


def run_user_query(checked: CheckedQuery, result_format: str, request: Request,
                   cut: Callable[[], bool] | None = None) -> Answer:
    """The answer in `result_format`, capped at the row limit, stopped at the time limit counted
    from the request's arrival, or when the query named by the request's Lshkg-Query-Id is asked to
    stop (webapp.query_stops); a long query beyond the caps is stopped early (429). WorkCut as
    soon as `cut()` says so (a slow request's deadline)."""
    config = current_app.config
    limit = config["LSHKG_QUERY_TIMEOUT_S"]
    try:
        with running_query(request.headers.get(QUERY_ID_HEADER)) as asked:
            stopped = asked if cut is None else (lambda: cut() or bool(asked and asked()))
            return get_store().answer(checked.text, result_format, max_rows=config["LSHKG_QUERY_MAX_ROWS"],
                                      timeout_s=limit, prefixes=PREFIXES, arrived=arrival(request),
                                      client=request.remote_addr or "unknown", stopped=stopped)
    except QueryStopped as stopped_early:
        if cut is not None and cut():
            raise WorkCut(str(stopped_early)) from None
        raise UserQueryError(499, message("%(reason)s (asked by the client)",
                                          reason=reason(stopped_early))) from None
    except QueryTimeout as timeout:
        raise UserQueryError(503, message("query stopped: %(reason)s. Narrow it down or add a LIMIT.",
                                          reason=reason(timeout)),
                             retry_after_s=max(1, round(limit))) from None
    except TooManyLongQueries as busy:
        raise UserQueryError(429, reason(busy), retry_after_s=busy.retry_after_s) from None
    except StoreUnavailable as unavailable:
        raise UserQueryError(503, reason(unavailable), retry_after_s=max(1, round(limit))) from None
    except FormatUnsupported as unsupported:  # a remote store's answer, written here
        raise UserQueryError(406, reason(unsupported)) from None
    except EngineFailure as failure:
        if failure.syntax:  # the engine's syntax error: worded with the position
            worded = syntax_error(checked, str(failure),
                                  known_prefixes=preset_prefixes(config["LSHKG_BASE_IRI"]))
            if worded is not None:
                raise UserQueryError(worded.status, worded.said(), worded.line, worded.column) from None
        raise UserQueryError(failure.status, reason(failure)) from None
