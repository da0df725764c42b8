"""The JSON API the pages use."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from graph.catalogue import gallery_examples, ontology_terms, prefixes
from graph.store import StoreUnavailable
from webapp.store import get_store

blueprint = Blueprint("api", __name__, url_prefix="/api")


@blueprint.errorhandler(StoreUnavailable)
def store_unavailable(error: StoreUnavailable) -> tuple[Response, int]:
    return jsonify(error=str(error)), 503


@blueprint.route("/gallery")
def gallery() -> Response:
    """The example gallery, in order: [{id, iri, label: {nl, en}, comment: {nl, en}, query}]."""
    return jsonify(gallery_examples(get_store()))


@blueprint.route("/ontology-terms")
def terms() -> Response:
    """Our ontology's terms for completion, and the prefixes the editor presets."""
    return jsonify(terms=ontology_terms(get_store()),
                   prefixes=prefixes(current_app.config["LSHKG_BASE_IRI"]))
