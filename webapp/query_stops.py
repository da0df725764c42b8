"""Stopping a running query on request: the editor's Stop button.

A query sent with an `Lshkg-Query-Id` header is registered while it runs; `POST
/api/queries/<id>/stop` marks it stopped, and the thread waiting for its worker process sees the
mark within a tenth of a second, kills the worker and answers 499. The marks are files beside the
store, so a stop reaches the query whichever server process runs it. An id is the client's own
random value: whoever knows it may stop that query, nothing more.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify

__all__ = ["QUERY_ID_HEADER", "blueprint", "running_query", "valid_query_id"]

QUERY_ID_HEADER = "Lshkg-Query-Id"
_QUERY_ID = re.compile(r"\A[A-Za-z0-9-]{8,64}\Z")

blueprint = Blueprint("query_stops", __name__, url_prefix="/api")


def valid_query_id(text: str | None) -> bool:
    return bool(text) and _QUERY_ID.match(text or "") is not None


def _folder() -> Path:
    folder = Path(current_app.config["LSHKG_STORE_DIR"]).parent / "running-queries"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def running_query(query_id: str | None) -> Iterator[Callable[[], bool] | None]:
    """While the query `query_id` runs: a function that says whether it was asked to stop (None
    for a query without a valid id, which cannot be stopped)."""
    if not valid_query_id(query_id):
        yield None
        return
    folder = _folder()
    running, stop = folder / f"{query_id}.running", folder / f"{query_id}.stop"
    running.touch()
    try:
        yield stop.exists
    finally:
        running.unlink(missing_ok=True)
        stop.unlink(missing_ok=True)


@blueprint.route("/queries/<query_id>/stop", methods=["POST"])
def stop(query_id: str) -> Response | tuple[Response, int]:
    """Stop the running query sent with this id: 202 when it was running, 404 when not (finished,
    or never sent)."""
    if not valid_query_id(query_id):
        return jsonify(error="a query id is 8 to 64 letters, digits or hyphens"), 400
    folder = _folder()
    if not (folder / f"{query_id}.running").exists():
        return jsonify(error=f"no query with the id {query_id} is running"), 404
    (folder / f"{query_id}.stop").touch()
    return jsonify(stopped=query_id), 202
