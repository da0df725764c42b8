"""Entity pages: every IRI under the base IRI resolved at `/id/<id>`.

Content negotiation: HTML for browsers; Turtle, JSON-LD, N-Triples or RDF/XML by `Accept` or by
extension (`/id/kite.ttl`, `.jsonld`, `.nt`, `.rdf`); the JSON twin at `/id/kite.json`. A source
document's page also lists every statement it supports (`/sources/<id>` leads there). An unknown
id gets 404 with the closest matches.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext

from graph.entity.facts import EntityFacts, entity_exists, entity_facts, entity_triples
from graph.entity.imported import imports_of
from graph.entity.indexes import source_support
from graph.export.formats import FORMATS
from graph.export.rdf import write_triples
from graph.store.backends import StoreUnavailable
from ontology.namespaces import LSH
from webapp.app_store import get_store
from webapp.entity_insight import entity_insight
from webapp.entity_view import (
    Links,
    approvals_view,
    editor_query,
    groups_view,
    neighbourhood,
    number_quotes,
    pick,
)
from webapp.export import get_network, suggestions
from webapp.i18n import current_language, say
from webapp.search_page import in_language
from webapp.source_view import document_text_path, document_view, supports_page

blueprint = Blueprint("entity", __name__)

RDF_TYPES = {"text/turtle": "ttl", "application/ld+json": "jsonld", "application/n-triples": "nt",
             "application/rdf+xml": "rdfxml"}
EXTENSIONS = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
              "rdf": "application/rdf+xml", "json": "application/json", "html": "text/html"}
OFFERED = ["text/html", "application/xhtml+xml", *RDF_TYPES, "application/json"]
EXPORT_CHOICES = ("ttl", "trig", "jsonld", "graphml", "gexf", "csv", "cyjs", "html")


@blueprint.errorhandler(StoreUnavailable)
def store_unavailable(error: StoreUnavailable) -> tuple[Response, int]:
    return jsonify(error=say(error)), 503


def language() -> str:
    """The page's language: `?lang=`, the cookie, Accept-Language, else English."""
    return current_language()


def _negotiate(ident: str) -> tuple[str, str | None]:
    """The id without its extension, and the media type wanted (None: nothing we offer)."""
    stem, dot, extension = ident.rpartition(".")
    if dot and extension in EXTENSIONS and "/" not in extension:
        return stem, EXTENSIONS[extension]
    if not request.accept_mimetypes:
        return ident, "text/html"
    best = request.accept_mimetypes.best_match(OFFERED)
    return ident, "text/html" if best == "application/xhtml+xml" else best


def _html(body: str) -> Response:
    # the app's security headers (webapp/security.py) add the strict Content-Security-Policy
    response = Response(body, mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response


def _not_found(ident: str, media: str) -> tuple[Response, int]:
    close = suggestions(ident)
    message = gettext("no entity with id %(id)s", id=repr(ident))
    if media == "application/json":
        return jsonify(error=message, parameter="id", suggestions=close), 404
    if media in RDF_TYPES:
        lines = [message] + [gettext("did you mean %(id)s (%(label)s)?", id=hit["id"], label=hit["label"])
                             for hit in close]
        return Response("\n".join(lines) + "\n", mimetype="text/plain"), 404
    html = render_template("entity/not_found.html", ident=ident, lang=language(),
                           suggestions=[in_language(hit, language()) for hit in close])
    return _html(html), 404


@blueprint.route("/id/<path:ident>")
def page(ident: str) -> Response | tuple[Response, int]:
    ident, media = _negotiate(ident)
    if media is None:
        offered = ", ".join(t for t in OFFERED if t != "application/xhtml+xml")
        return Response(f"cannot answer in the media types asked for; offered: {offered}\n",
                        status=406, mimetype="text/plain")
    base_iri = current_app.config["LSHKG_BASE_IRI"]
    iri = base_iri + ident
    store = get_store()
    if not ident or not entity_exists(store, iri):
        return _not_found(ident, media)
    if media in RDF_TYPES:
        body = write_triples(entity_triples(store, iri), base_iri, RDF_TYPES[media])
        response = Response(body, mimetype=media)
        response.headers["Vary"] = "Accept"
        return response
    entity = entity_facts(store, iri)
    supports = source_support(store, iri) if entity.kind == "SourceDocument" else None
    imported = imports_of(store, [iri], base_iri).get(iri, [])  # users' imports that describe it
    if media == "application/json":
        body = entity.as_dict()
        body["id"] = ident
        body["imported"] = imported
        if supports is not None:
            body["supports"] = supports
        response = jsonify(body)
        response.headers["Vary"] = "Accept"
        return response
    return _html(_render(ident, entity, supports, imported))


def _render(ident: str, entity: EntityFacts, supports: list[dict] | None, imported: list[str]) -> str:
    lang = language()
    root = request.script_root
    links = Links(current_app.config["LSHKG_BASE_IRI"], root)
    in_network = entity.iri in get_network().graph
    groups = groups_view(entity, links, lang)
    document = None
    if supports is not None:  # a source document: described at the top; its file name is ours only
        for group in groups:
            group["facts"] = [f for f in group["facts"] if f["predicate"] != str(LSH.fileName)]
        groups = [group for group in groups if group["facts"]]
        text = document_text_path(entity, current_app.config["LSHKG_SEEDS_DIR"])
        document = document_view(entity, links, lang,
                                 url_for("entity.source_text", ident=ident) if text else None)
    return render_template(
        "entity/entity.html", ident=ident, entity=entity, lang=lang, label=entity.label(lang),
        kind_label=pick(entity.kind_labels, lang, entity.kind),
        kind_href=f"{root}/kinds/{entity.kind}" if entity.kind else None,
        groups=groups, quotes=number_quotes(groups), network=neighbourhood(entity, links, lang),
        approvals=approvals_view(entity, links, lang),
        document=document, supports=supports_page(supports, get_store(), links, lang, _page_number())
        if supports is not None else None,
        map_href=f"{root}/?focus={ident}" if in_network else None,
        query_href=editor_query(entity.iri, root), in_network=in_network,
        export_formats=[FORMATS[name] for name in EXPORT_CHOICES],
        rdf_links=[(ext, f"{root}/id/{ident}.{ext}") for ext in ("ttl", "jsonld", "nt", "rdf", "json")],
        insight=entity_insight(get_store(), entity.iri, ident, links, lang), imported=imported)


def _page_number() -> int:
    try:
        return int(request.args.get("page", "1"))
    except ValueError:
        return 1


@blueprint.route("/sources/<ident>/text")
def source_text(ident: str) -> Response:
    """The text of a source document as it was read for the graph (where this deployment has it)."""
    iri = current_app.config["LSHKG_BASE_IRI"] + ident
    store = get_store()
    if not entity_exists(store, iri):
        abort(404)
    entity = entity_facts(store, iri)
    path = document_text_path(entity, current_app.config["LSHKG_SEEDS_DIR"]) \
        if entity.kind == "SourceDocument" else None
    if path is None:
        abort(404)
    return Response(path.read_text(encoding="utf-8"), mimetype="text/plain")


@blueprint.route("/sources")
def sources() -> Response:
    return redirect(url_for("kinds.kind", name="SourceDocument"))


@blueprint.route("/sources/<path:ident>")
def source(ident: str) -> Response:
    """A source document's page is its entity page, which lists what it supports."""
    # the parameters go on as a query string, never as url_for's keyword arguments: a client's
    # `endpoint`, `_method` or `_anchor` would be read as url_for's own
    query = urlencode(list(request.args.items(multi=True)))
    return redirect(url_for("entity.page", ident=ident) + (f"?{query}" if query else ""))
