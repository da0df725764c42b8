"""The query editor page: YASGUI's editor and result views over our own `/sparql`, all served locally."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, make_response, render_template, request

blueprint = Blueprint("editor", __name__)

# Everything the page loads comes from this server; a stray request elsewhere is refused by the browser.
# Inline styles are allowed because CodeMirror, DataTables and vis-network position elements with them.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])

MAX_GET_URL = 2000  # longer download links are sent as a POST form instead


@blueprint.route("/query")
def page() -> Response:
    response = make_response(render_template(
        "editor/query.html",
        base_iri=current_app.config["LSHKG_BASE_IRI"],
        entity_base=request.script_root + "/id/",
        max_get_url=MAX_GET_URL,
    ))
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response
