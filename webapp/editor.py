"""The query editor page: YASGUI's editor and result views over our own `/sparql`, all served locally."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, make_response, render_template, request

blueprint = Blueprint("editor", __name__)

MAX_GET_URL = 2000  # longer download links are sent as a POST form instead


@blueprint.route("/query")
def page() -> Response:
    return make_response(render_template(
        "editor/query.html",
        base_iri=current_app.config["LSHKG_BASE_IRI"],
        entity_base=request.script_root + "/id/",
        max_get_url=MAX_GET_URL,
    ))
