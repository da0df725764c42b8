"""The SPARQL 1.1 Protocol endpoint `/sparql` (read-only), its service description and VoID."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, redirect, request, url_for
from werkzeug.datastructures import MIMEAccept, MultiDict
from werkzeug.http import parse_accept_header

from graph.results import GRAPH_FORMATS, SOLUTION_FORMATS, ResultFormat
from graph.service import service_description, void_description
from graph.sparql_guard import QueryRefused
from graph.store import StoreUnavailable
from webapp.store import get_store
from webapp.user_query import UserQueryError, check_user_query, run_user_query

blueprint = Blueprint("sparql", __name__)

# media types each format answers to, beyond its own
ALIASES = {"json": ["application/json"], "xml": ["application/xml", "text/xml"],
           "ttl": ["application/x-turtle"], "nt": ["text/plain"], "jsonld": ["application/json"],
           "rdfxml": ["application/xml", "text/xml"]}
TRUNCATED_HEADER = "Lshkg-Truncated"
ALL_FORMATS = {**SOLUTION_FORMATS, **GRAPH_FORMATS}


def _error(status: int, message: str) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def _offered(formats: dict[str, ResultFormat]) -> list[tuple[str, str]]:
    pairs = [(fmt.media_type, name) for name, fmt in formats.items()]
    pairs += [(alias, name) for name in formats for alias in ALIASES.get(name, [])]
    return pairs


# other names clients send in `format` (SPARQLWrapper, Virtuoso habits)
FORMAT_NAMES = {"turtle": "ttl", "n3": "ttl", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld",
                "rdf": "rdfxml", "rdf+xml": "rdfxml", "rdf/xml": "rdfxml"}


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


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _parameters() -> MultiDict[str, str]:
    """The query string's parameters, with the body's fields when the body is a form (a
    `application/sparql-query` body is not read for them)."""
    return request.values if request.mimetype in FORM_TYPES else request.args


def choose_format(formats: dict[str, ResultFormat]) -> str | None:
    """The `format` parameter if given, else the best match of the Accept header (None: 406)."""
    asked = _parameters().get("format")
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


def _query_text() -> str | None:
    """The query of a GET, a form POST or an application/sparql-query POST."""
    if request.method == "GET":
        if "update" in request.args:
            raise QueryRefused("updates are not allowed: this endpoint is read-only")
        return request.args.get("query")
    mimetype = request.mimetype
    if mimetype == "application/sparql-query":
        return request.get_data(as_text=True)
    if mimetype == "application/sparql-update" or (mimetype in FORM_TYPES and "update" in request.form):
        raise QueryRefused("updates are not allowed: this endpoint is read-only")
    if mimetype in FORM_TYPES:
        return request.form.get("query")
    raise QueryRefused(f"unsupported Content-Type {mimetype or '(none)'}: send "
                       "application/x-www-form-urlencoded or application/sparql-query", status=415)


def _dataset_iri() -> str:
    return current_app.config["LSHKG_BASE_IRI"] + "dataset"


def _rdf_response(graph, formats=GRAPH_FORMATS) -> Response:
    name = choose_format(formats) or "ttl"
    rdflib_format = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[name]
    return Response(graph.serialize(format=rdflib_format), mimetype=formats[name].media_type)


@blueprint.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    config = current_app.config
    try:
        text = _query_text()
        if text is None:
            if request.accept_mimetypes.best_match(["text/turtle", "text/html"]) == "text/html":
                return redirect(url_for("editor.page"))
            return _rdf_response(service_description(
                url_for("sparql.endpoint", _external=True), _dataset_iri(),
                timeout_s=config["LSHKG_QUERY_TIMEOUT_S"], max_rows=config["LSHKG_QUERY_MAX_ROWS"]))
        checked = check_user_query(text)
        for parameter in ("default-graph-uri", "named-graph-uri"):
            for iri in _parameters().getlist(parameter):
                raise QueryRefused(f"{parameter} <{iri}> is not a graph of this store")
    except (QueryRefused, UserQueryError) as refused:
        return _error(refused.status, str(refused))
    if request.method == "GET" and "format" not in request.args and \
            request.accept_mimetypes.best_match(["application/sparql-results+json", "text/html"]) \
            == "text/html":
        return redirect(url_for("editor.page") + "?" + urlencode({"query": text}))
    formats = GRAPH_FORMATS if checked.returns_graph else SOLUTION_FORMATS
    result_format = choose_format(formats)
    if result_format is None:
        allowed = ", ".join(f"{f.media_type} (format={n})" for n, f in formats.items())
        return _error(406, f"a {checked.form} query can answer in: {allowed}")
    try:
        answer = run_user_query(checked, result_format)
    except UserQueryError as error:
        return _error(error.status, error.message)
    response = Response(answer.body, mimetype=answer.media_type)
    if answer.truncated:
        response.headers[TRUNCATED_HEADER] = str(config["LSHKG_QUERY_MAX_ROWS"])
    if _parameters().get("download"):
        extension = formats[result_format].extension
        response.headers["Content-Disposition"] = f'attachment; filename="query-results.{extension}"'
    return response


@blueprint.route("/.well-known/void")
def void() -> Response:
    try:
        graph = void_description(get_store(), _dataset_iri(), url_for("sparql.endpoint", _external=True))
    except StoreUnavailable as unavailable:
        return _error(503, str(unavailable))
    return _rdf_response(graph)


@blueprint.after_request
def allow_cross_origin_reads(response: Response) -> Response:
    """Other tools (YASGUI, notebooks, other sites) may query; the endpoint is read-only."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = TRUNCATED_HEADER
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response
