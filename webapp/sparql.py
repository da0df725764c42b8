"""The Flask side of `/sparql` (read-only): its service description, the editor for a browser, VoID,
and cross-origin reads. Query requests are answered by webapp.sparql_front before Flask; the view
answers one the same way should it get one.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, request, url_for

from graph.messages import reason
from graph.store.backends import StoreUnavailable
from graph.store.results import GRAPH_FORMATS
from graph.store.service import service_description, void_description
from webapp.app_store import get_store
from webapp.dataset_version import current_version
from webapp.i18n import current_language
from webapp.sparql_protocol import (
    CROSS_ORIGIN_HEADERS,
    answer_request,
    choose_format,
    error_response,
    prefers_html,
)

blueprint = Blueprint("sparql", __name__)


def _dataset_iri() -> str:
    return current_app.config["LSHKG_BASE_IRI"] + "dataset"


def _rdf_response(graph, formats=GRAPH_FORMATS) -> Response:
    name = choose_format(request, formats) or "ttl"
    rdflib_format = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[name]
    return Response(graph.serialize(format=rdflib_format), mimetype=formats[name].media_type)


@blueprint.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    answer = answer_request(request, url_for("editor.page"))
    if answer is not None:
        return answer
    if prefers_html(request.headers.get("Accept", ""), "text/turtle"):
        return redirect(url_for("editor.page"))
    config = current_app.config
    return _rdf_response(service_description(
        url_for("sparql.endpoint", _external=True), _dataset_iri(),
        timeout_s=config["LSHKG_QUERY_TIMEOUT_S"], max_rows=config["LSHKG_QUERY_MAX_ROWS"],
        version=current_version()))


@blueprint.route("/.well-known/void")
def void() -> Response:
    try:
        graph = void_description(get_store(), _dataset_iri(), url_for("sparql.endpoint", _external=True),
                                 current_version())
    except StoreUnavailable as unavailable:
        return error_response(503, reason(unavailable), language=current_language())
    return _rdf_response(graph)


@blueprint.after_request
def allow_cross_origin_reads(response: Response) -> Response:
    response.headers.update(CROSS_ORIGIN_HEADERS)
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept, Lshkg-Query-Id"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response
