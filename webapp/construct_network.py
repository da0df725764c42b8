"""`POST /api/construct-network`: a CONSTRUCT or DESCRIBE query's answer as nodes and edges.

The query runs through the same guard, store and limits as `/sparql`; the editor draws the
answer with vis-network. Like an export it is a slow request (`webapp.slow_work`): a place under
the machine's cap (429 beyond it) and the slow requests' deadline from its arrival (503), at which
its query's worker is killed.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request
from flask_babel import gettext

from graph.messages import message
from graph.network.from_triples import network_from_ntriples
from graph.store.deadline import Deadline
from graph.store.guard import CheckedQuery
from ontology.namespaces import preset_prefixes
from webapp.i18n import say
from webapp.slow_work import SlowRequestRefused, refused, slow_place
from webapp.user_query import UserQueryError, check_user_query, run_user_query

blueprint = Blueprint("network_view", __name__, url_prefix="/api")


def _error(status: int, message: str, **details: object) -> tuple[Response, int]:
    return jsonify(error=say(message), **details), status


def _query_text() -> str | None:
    if request.is_json:
        payload = request.get_json(silent=True)
        query = payload.get("query") if isinstance(payload, dict) else None
        return query if isinstance(query, str) else None
    return request.form.get("query")


@blueprint.route("/construct-network", methods=["POST"])
def construct_network() -> Response | tuple[Response, int]:
    """{nodes: [{id, label, kind, ...}], edges: [{from, to, label, predicate}], truncated, triples}."""
    text = _query_text()
    if text is None:
        return _error(400, gettext('give the query as the form field "query" or as JSON {"query": "..."}'))
    try:
        checked = check_user_query(text)
        if not checked.returns_graph:
            return _error(400, gettext("a %(form)s query gives solutions, not a graph: only CONSTRUCT and "
                                       "DESCRIBE queries can be drawn as a network", form=checked.form))
        place = slow_place(message("the network"))
        try:
            network = place.run(lambda deadline: _network(checked, deadline))
        finally:
            place.end()
    except SlowRequestRefused as error:
        return refused(error)
    except UserQueryError as error:
        response, status = _error(error.status, error.message, line=error.line, column=error.column)
        if error.retry_after_s is not None:
            response.headers["Retry-After"] = str(error.retry_after_s)
        return response, status
    return jsonify(network)


def _network(checked: CheckedQuery, deadline: Deadline) -> dict:
    """The query's answer as nodes and edges (in a slow request's thread, until `deadline`)."""
    config = current_app.config
    answer = run_user_query(checked, "nt", request, cut=lambda: deadline.passed)
    deadline.check()
    base_iri = config["LSHKG_BASE_IRI"]
    network = network_from_ntriples(answer.body, base_iri=base_iri, prefixes=preset_prefixes(base_iri),
                                    entity_base=request.script_root + "/id/")
    network["truncated"] = network["truncated"] or answer.truncated
    network["max_triples"] = config["LSHKG_QUERY_MAX_ROWS"]
    return network
