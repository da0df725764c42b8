"""Request ids, one structured (JSON) access-log line per request, and error answers that never
show a traceback or a file path: a 500 is logged with its request id, which the answer shows."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

from webapp.status_words import error_text, internal_error

__all__ = ["INTERNAL_ERROR", "REQUEST_ID_HEADER", "init_app", "internal_error_text", "log_access",
           "log_failure", "request_id_from"]

REQUEST_ID_HEADER = "X-Request-Id"
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

access_log = logging.getLogger("lshkg.access")
error_log = logging.getLogger("lshkg.error")


def _configure_logging() -> None:
    for logger in (access_log, error_log):
        if not logger.handlers:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(message)s"))
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
            logger.propagate = False


INTERNAL_ERROR = "Something went wrong on our side. If it happens again, tell us the request id."


def request_id_from(given: str) -> str:
    """The client's request id when it is a plain token (it is echoed and logged), else a new one."""
    return given if _VALID_ID.match(given) else uuid.uuid4().hex[:16]


def log_access(*, request_id: str, client: str | None, method: str, path: str, status: int,
               duration_ms: float, size: int | None) -> None:
    """One JSON line for one request."""
    access_log.info(json.dumps({
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "request_id": request_id, "client": client,
        "method": method, "path": path, "status": status, "duration_ms": round(duration_ms, 1),
        "bytes": size,
    }))


def internal_error_text(request_id: str) -> str:
    """A 500's plain-text answer: what to tell us, nothing internal."""
    return f"{INTERNAL_ERROR} Request id: {request_id}"


def log_failure(request_id: str, method: str, path: str) -> None:
    """The exception being handled, with its traceback, in the error log (never in the answer)."""
    error_log.exception("request %s failed: %s %s", request_id, method, path)


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path.endswith(".json") or \
        request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"


def _error_answer(status: int, message: str) -> Response:
    request_id = getattr(g, "request_id", "")
    if _wants_json():
        response = jsonify(error=message, status=status, request_id=request_id)
    elif request.path == "/sparql":
        text = internal_error_text(request_id) if status == 500 else message
        response = Response(f"{text}\n", mimetype="text/plain")
    else:
        from flask import render_template

        response = Response(render_template("error.html", status=status, message=message,
                                            request_id=request_id), mimetype="text/html")
    response.status_code = status
    return response


def init_app(app: Flask) -> None:
    _configure_logging()

    @app.before_request
    def start() -> None:
        g.request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER, ""))
        g.started = time.perf_counter()

    @app.after_request
    def finish(response: Response) -> Response:
        response.headers[REQUEST_ID_HEADER] = g.get("request_id", "")
        duration_ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        log_access(request_id=g.get("request_id", ""), client=request.remote_addr, method=request.method,
                   path=request.path, status=response.status_code, duration_ms=duration_ms,
                   # a streamed body's length is not known yet: asking for it would read it all
                   size=None if response.is_streamed else response.calculate_content_length())
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        if error.code in (301, 302, 303, 307, 308):
            return error.get_response()
        answer = _error_answer(error.code or 500, error_text(error))
        for header in ("Retry-After", "Allow"):
            if error.get_response().headers.get(header):
                answer.headers[header] = error.get_response().headers[header]
        return answer

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        log_failure(g.get("request_id", ""), request.method, request.path)
        return _error_answer(500, internal_error())
