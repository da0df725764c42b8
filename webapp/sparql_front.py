"""SPARQL queries answered in front of Flask.

Oxigraph answers a small query in a tenth of a millisecond; Flask's request context, routing, hooks
and header checks added more than that again to every request. So query requests to `/sparql` are
answered by this plain WSGI app, with what the hooks give every other route: the request id,
the rate limit, the security and cross-origin headers, one access-log line, and a 500 that shows
nothing internal. The answer itself is webapp.sparql_protocol's, as in the Flask view; every other
request (the service description, OPTIONS, other paths) goes on to Flask.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request, Response

from webapp import observability, ratelimit, security
from webapp.i18n import language_of
from webapp.sparql_protocol import CROSS_ORIGIN_HEADERS, NO_QUERY, answer_request, error_response
from webapp.user_query import mark_arrival

__all__ = ["SparqlFront"]

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
PATH = "/sparql"
EVERY_ANSWER = (*CROSS_ORIGIN_HEADERS.items(), *security.HEADERS.items())


def _asks_a_query(request: Request) -> bool:
    """A POST, or a GET with a query (an update, to be refused); not a GET for the description."""
    if request.method == "POST":
        return True
    return request.method in ("GET", "HEAD") and ("query" in request.args or "update" in request.args)


class SparqlFront:
    """A WSGI app that answers `/sparql` queries itself and passes every other request on."""

    def __init__(self, app: Flask, downstream: WsgiApp) -> None:
        self.app = app
        self.downstream = downstream
        self.editor_path = app.url_map.bind("localhost").build("editor.page")

        class LimitedRequest(Request):
            # the limits Flask's own requests have (a body beyond them is a 413)
            max_content_length = app.config["MAX_CONTENT_LENGTH"]
            max_form_memory_size = app.config["MAX_FORM_MEMORY_SIZE"]
            max_form_parts = app.config["MAX_FORM_PARTS"]

        self.request_class = LimitedRequest

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        mark_arrival(environ)  # every request: a query's time limit runs from here
        if environ.get("PATH_INFO") != PATH:
            return self.downstream(environ, start_response)
        request = self.request_class(environ)
        if not _asks_a_query(request):
            return self.downstream(environ, start_response)
        started = time.perf_counter()
        request_id = observability.request_id_from(request.headers.get(observability.REQUEST_ID_HEADER, ""))
        try:
            with self.app.app_context():
                response = self._answer(request, request_id)
        except Exception:  # as Flask's error handler: logged with its traceback, never shown
            observability.log_failure(request_id, request.method, request.path)
            response = error_response(500, observability.internal_error_text(request_id))
        body = b"" if request.method == "HEAD" else response.get_data()
        observability.log_access(
            request_id=request_id, client=request.remote_addr, method=request.method, path=PATH,
            status=response.status_code, duration_ms=(time.perf_counter() - started) * 1000,
            size=response.calculate_content_length())
        # a plain list: werkzeug's Headers checks every value it is given, a tenth of a millisecond
        start_response(response.status, [*response.headers.to_wsgi_list(),
                                         (observability.REQUEST_ID_HEADER, request_id), *EVERY_ANSWER])
        return [body]

    def _answer(self, request: Request, request_id: str) -> Response:
        limiter = self.app.extensions.get(ratelimit.EXTENSION)
        if limiter is not None:
            refused = limiter.refusal(request.remote_addr or "unknown", PATH)
            if refused is not None:
                return ratelimit.too_many(*refused, request_id=request_id, as_json=False)
        try:
            # a GET here asks a query (or an update), so there is always an answer
            return answer_request(request, request.script_root + self.editor_path) or \
                error_response(400, NO_QUERY, language=language_of(request))
        except HTTPException as error:  # a body over the size limit, a form that cannot be read
            return error_response(error.code or 400, error.description or error.name)
