"""The SPARQL 1.1 Protocol's query operation on one werkzeug Request: the query's text, the
parameters, the result format, and the answer. Needs an app context but no request context, so that
webapp.sparql_front can answer in front of Flask and the Flask view can answer the same way.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlencode

from flask import current_app
from werkzeug.datastructures import MIMEAccept, MultiDict
from werkzeug.http import parse_accept_header
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from graph.messages import message
from graph.store.download_names import download_name
from graph.store.guard import QueryRefused
from graph.store.results import GRAPH_FORMATS, SOLUTION_FORMATS, ResultFormat
from webapp.i18n import language_of, say
from webapp.user_query import UserQueryError, check_user_query, run_user_query

__all__ = ["ALL_FORMATS", "CROSS_ORIGIN_HEADERS", "TRUNCATED_HEADER", "answer_query",
           "answer_request", "choose_format", "error_response", "parameters", "prefers_html",
           "query_text"]

# media types each format answers to, beyond its own
ALIASES = {"json": ["application/json"], "xml": ["application/xml", "text/xml"],
           "ttl": ["application/x-turtle"], "nt": ["text/plain"], "jsonld": ["application/json"],
           "rdfxml": ["application/xml", "text/xml"]}
TRUNCATED_HEADER = "Lshkg-Truncated"
ALL_FORMATS = {**SOLUTION_FORMATS, **GRAPH_FORMATS}
# other tools (YASGUI, notebooks, other sites) may query: the endpoint is read-only
CROSS_ORIGIN_HEADERS = {"Access-Control-Allow-Origin": "*",
                        "Access-Control-Expose-Headers": TRUNCATED_HEADER}

# other names clients send in `format` (SPARQLWrapper, Virtuoso habits)
FORMAT_NAMES = {"turtle": "ttl", "n3": "ttl", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld",
                "rdf": "rdfxml", "rdf+xml": "rdfxml", "rdf/xml": "rdfxml"}
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
NO_QUERY = message("no query: send it as the form field `query` or as an application/sparql-query body")
READ_ONLY = message("updates are not allowed: this endpoint is read-only")


def error_response(status: int, message: str, retry_after_s: int | None = None,
                   language: str = "en") -> Response:
    """A refusal as plain text in `language`, with its status (and Retry-After when given)."""
    response = Response(say(message, language) + "\n", status=status, mimetype="text/plain")
    if retry_after_s is not None:
        response.headers["Retry-After"] = str(retry_after_s)
    return response


def _offered(formats: dict[str, ResultFormat]) -> list[tuple[str, str]]:
    pairs = [(fmt.media_type, name) for name, fmt in formats.items()]
    pairs += [(alias, name) for name in formats for alias in ALIASES.get(name, [])]
    return pairs


def _named_format(asked: str, formats: dict[str, ResultFormat]) -> str | None:
    asked = asked.strip().lower()
    if asked in formats:
        return asked
    graph_answer = "ttl" in formats
    if graph_answer and asked in ("json", "xml"):
        return {"json": "jsonld", "xml": "rdfxml"}[asked]
    if asked in FORMAT_NAMES and FORMAT_NAMES[asked] in formats:
        return FORMAT_NAMES[asked]
    by_media = {media: name for media, name in _offered(formats)}
    return by_media.get(asked)


def parameters(request: Request) -> MultiDict[str, str]:
    """The query string's parameters, with the body's fields when the body is a form (a
    `application/sparql-query` body is not read for them)."""
    return request.values if request.mimetype in FORM_TYPES else request.args


def choose_format(request: Request, formats: dict[str, ResultFormat]) -> str | None:
    """The `format` parameter if given, else the best match of the Accept header (None: 406)."""
    asked = parameters(request).get("format")
    if asked:
        return _named_format(asked, formats)
    return _best_offered(request.headers.get("Accept", ""), tuple(formats))


@lru_cache(maxsize=512)
def _best_offered(accept: str, names: tuple[str, ...]) -> str | None:
    """Which of the formats `names` an Accept header asks for; cached, as a client sends the
    same header each time (parsing it is a tenth of a millisecond)."""
    formats = {name: ALL_FORMATS[name] for name in names}
    accepted = parse_accept_header(accept, MIMEAccept)
    if not accepted:
        return next(iter(formats))
    offered = _offered(formats)
    best = accepted.best_match([media for media, _ in offered])
    return dict(offered)[best] if best else None


@lru_cache(maxsize=512)
def prefers_html(accept: str, other: str) -> bool:
    """Whether an Accept header ranks a web page above `other` (a browser's navigation)."""
    return parse_accept_header(accept, MIMEAccept).best_match([other, "text/html"]) == "text/html"


def query_text(request: Request) -> str | None:
    """The query of a GET, a form POST or an application/sparql-query POST."""
    if request.method in ("GET", "HEAD"):
        if "update" in request.args:
            raise QueryRefused(READ_ONLY)
        return request.args.get("query")
    mimetype = request.mimetype
    if mimetype == "application/sparql-query":
        return request.get_data(as_text=True)
    if mimetype == "application/sparql-update" or (mimetype in FORM_TYPES and "update" in request.form):
        raise QueryRefused(READ_ONLY)
    if mimetype in FORM_TYPES:
        return request.form.get("query")
    raise QueryRefused(message("unsupported Content-Type %(type)s: send application/x-www-form-urlencoded "
                               "or application/sparql-query", type=mimetype or "(none)"), status=415)


def answer_request(request: Request, editor_path: str) -> Response | None:
    """The answer to a query request, refusals included; None for a GET that asks no query (the
    service description's to answer)."""
    try:
        text = query_text(request)
    except QueryRefused as refused:
        return error_response(refused.status, refused.said(), language=language_of(request))
    if text is None:
        return None if request.method in ("GET", "HEAD") else \
            error_response(400, NO_QUERY, language=language_of(request))
    return answer_query(request, text, editor_path)


def answer_query(request: Request, text: str, editor_path: str) -> Response:
    """The answer to the query `text` of `request` (a browser's GET goes to the editor at
    `editor_path` instead); every refusal as a text/plain error with its status."""
    given = parameters(request)
    language = language_of(request)
    try:
        checked = check_user_query(text)
        for parameter in ("default-graph-uri", "named-graph-uri"):
            for iri in given.getlist(parameter):
                raise QueryRefused(message("%(parameter)s <%(iri)s> is not a graph of this store",
                                           parameter=parameter, iri=iri))
    except QueryRefused as refused:
        return error_response(refused.status, refused.said(), language=language)
    except UserQueryError as refused:
        return error_response(refused.status, refused.message, language=language)
    accept = request.headers.get("Accept", "")
    if request.method == "GET" and "format" not in request.args and \
            prefers_html(accept, "application/sparql-results+json"):
        return redirect(editor_path + "?" + urlencode({"query": text}))
    formats = GRAPH_FORMATS if checked.returns_graph else SOLUTION_FORMATS
    result_format = choose_format(request, formats)
    if result_format is None:
        allowed = ", ".join(f"{f.media_type} (format={n})" for n, f in formats.items())
        return error_response(406, message("a %(form)s query can answer in: %(allowed)s", form=checked.form,
                                           allowed=allowed), language=language)
    try:
        answer = run_user_query(checked, result_format, request)
    except UserQueryError as error:
        return error_response(error.status, error.message, error.retry_after_s, language)
    response = Response(answer.body, mimetype=answer.media_type)
    if answer.truncated:
        response.headers[TRUNCATED_HEADER] = str(current_app.config["LSHKG_QUERY_MAX_ROWS"])
    if given.get("download"):
        # named after the query: `name` (the editor sends a gallery example's id), its comment or form
        filename = download_name(text, formats[result_format].extension, name=given.get("name"))
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
