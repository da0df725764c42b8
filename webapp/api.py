"""The JSON API the pages use."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request
from flask_babel import gettext

from graph.store.backends import StoreUnavailable
from graph.store.catalogue import gallery_examples, ontology_terms, prefixes
from webapp.app_store import get_store
from webapp.i18n import say

blueprint = Blueprint("api", __name__, url_prefix="/api")


@blueprint.errorhandler(StoreUnavailable)
def store_unavailable(error: StoreUnavailable) -> tuple[Response, int]:
    return jsonify(error=say(error)), 503


@blueprint.route("/gallery")
def gallery() -> Response:
    """The example gallery, in order: [{id, iri, label: {nl, en}, comment: {nl, en}, query}]."""
    return jsonify(gallery_examples(get_store()))


@blueprint.route("/ontology-terms")
def terms() -> Response:
    """Our ontology's terms for completion, and the prefixes the editor presets."""
    return jsonify(terms=ontology_terms(get_store()),
                   prefixes=prefixes(current_app.config["LSHKG_BASE_IRI"]))


MAX_LABELS = 1000


@blueprint.route("/labels", methods=["POST"])
def labels() -> tuple[Response, int] | Response:
    """Names of IRIs for the editor's readable views: JSON {"iris": [...]} (at most 1,000) gives
    {iri: {en, nl}} for those that have names."""
    from graph.entity.indexes import labels_of
    from ontology.namespaces import is_iri

    payload = request.get_json(silent=True)
    iris = payload.get("iris") if isinstance(payload, dict) else None
    if not isinstance(iris, list) or not all(isinstance(iri, str) for iri in iris):
        return jsonify(error='send JSON {"iris": ["https://...", ...]}'), 400
    if len(iris) > MAX_LABELS:
        return jsonify(error=f"at most {MAX_LABELS} IRIs at a time, not {len(iris)}"), 400
    wanted = sorted({iri for iri in iris if is_iri(iri)})
    return jsonify(labels_of(get_store(), wanted) if wanted else {})


@blueprint.route("/search")
def search() -> tuple[Response, int] | Response:
    """Entities matching `q` by Dutch or English name or abbreviation, typos forgiven, ranked.

    Parameters: q (text), lang (nl|en, the label language of the hits), limit (1-50), kind (an lsh:
    class name, repeatable).
    """
    from webapp.search_index import get_search_index

    text = request.args.get("q", "")
    language = request.args.get("lang", "en")
    if language not in ("nl", "en"):
        return jsonify(error=gettext("lang=%(lang)s: use nl or en", lang=repr(language))), 400
    try:
        limit = int(request.args.get("limit", "10"))
    except ValueError:
        limit = 0
    if not 1 <= limit <= 50:
        return jsonify(error=gettext("limit must be a whole number from 1 to %(n)s", n=50)), 400
    if len(text) > 200:
        return jsonify(error="q is longer than 200 characters"), 400
    hits = get_search_index().search(text, language=language, limit=limit,
                                     kinds=request.args.getlist("kind"))
    return jsonify(query=text, hits=[hit.as_dict() for hit in hits])


@blueprint.route("/openapi.json")
def openapi() -> Response:
    """The OpenAPI description of this JSON API (from webapp/openapi.yaml)."""
    from pathlib import Path

    from ruamel.yaml import YAML

    description = YAML(typ="safe").load((Path(__file__).parent / "openapi.yaml").read_text(encoding="utf-8"))
    return jsonify(description)
