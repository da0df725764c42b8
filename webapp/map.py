"""The network map: the page at `/` and its JSON API under `/api/map/`.

Every view parameter is checked by `graph.network.params` (HTTP 400 naming the parameter); the map
model (indexes, centrality, communities) is built once per process from the store.
"""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, make_response, render_template, request
from flask_babel import gettext

from graph.insight.sentences import tell_path, told_as_data
from graph.messages import message
from graph.network.details import edge_details, node_details
from graph.network.kinds import FAMILY_KEYS
from graph.network.lenses import available_lenses
from graph.network.options import filter_options
from graph.network.outline import OutlineMissing, outline
from graph.network.params import DEFAULT_AVOID, ViewError, parse_view_params
from graph.network.paths import MAX_PATHS, find_paths, path_hops
from graph.network.settled import settled_view
from graph.network.view import compute_view, node_payload
from graph.store.backends import StoreUnavailable
from graph.store.derived import derived_folder, read_version
from webapp.app_store import get_store
from webapp.i18n import current_language, say
from webapp.map_state import get_map_model, get_settled_views, max_nodes, outline_file
from webapp.map_words import network_words, with_communities
from webapp.security import CONTENT_SECURITY_POLICY
from webapp.slow_work import SlowRequestRefused, refused, run_slow

blueprint = Blueprint("map", __name__)

GZIP_MIN_BYTES = 16_384
EXPORT_FORMATS = ("ttl", "trig", "nt", "jsonld", "rdfxml", "graphml", "gexf", "csv", "cytoscape", "html")


@blueprint.after_request
def compress(response: Response) -> Response:
    """Large views are JSON of a few hundred KB that gzip to a sixth: compress them when the
    browser accepts it (the server does not)."""
    if (response.status_code == 200 and response.mimetype == "application/json"
            and not response.direct_passthrough and "gzip" in request.headers.get("Accept-Encoding", "")
            and "Content-Encoding" not in response.headers):
        body = response.get_data()
        if len(body) > GZIP_MIN_BYTES:
            response.set_data(gzip.compress(body, compresslevel=5))
            response.headers["Content-Encoding"] = "gzip"
            response.vary.add("Accept-Encoding")
    return response


@blueprint.errorhandler(ViewError)
def view_error(error: ViewError) -> tuple[Response, int]:
    """A parameter that cannot be used: 400, naming it."""
    return jsonify(error=f"{error.param}: {say(error.message)}", param=error.param), 400


@blueprint.errorhandler(StoreUnavailable)
def store_unavailable(error: StoreUnavailable) -> tuple[Response, int]:
    return jsonify(error=say(error)), 503


@blueprint.route("/")
def page() -> Response:
    response = make_response(render_template(
        "map/index.html", entity_base=request.script_root + "/id/", export_formats=EXPORT_FORMATS,
        export_api=request.script_root + "/api/export", base_iri=current_app.config["LSHKG_BASE_IRI"]))
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response


@blueprint.route("/api/map/view")
def view() -> Response:
    """The nodes, links (or clusters), counts, legend and layout data of one view (the parameters:
    graph.network.params)."""
    params = parse_view_params(request.args)
    model = get_map_model()
    answer = (settled_view(model, get_settled_views(), params, max_nodes())
              or compute_view(model, params, max_nodes=max_nodes()))
    path = answer["path"]
    if path and path["found"]:  # each hop told as a sentence in the view's language, with its words
        paths = [[model.ids.get(n, n) for n in ids] for ids in path["paths"]]
        path["told"] = told_as_data(model, [tell_path(model, ids, params.lang) for ids in paths])
    if params.colour == "community":
        with_communities(answer, model, params.lang)
    return jsonify(answer)


@blueprint.route("/api/map/words")
def words() -> Response:
    """The network in words for the text beside the map: the most linked actors, the brokers
    between groups and the groups, named as /overview names them (`lang`: en or nl)."""
    return jsonify(network_words(get_map_model(), _language()))


def _language() -> str:
    """`lang` (en or nl) when given, else the page's language."""
    lang = request.args.get("lang", current_language())
    if lang not in ("en", "nl"):
        raise ViewError("lang", gettext("%(value)s is not one of %(choices)s", value=repr(lang[:20]),
                                        choices="en, nl"))
    return lang


def _node(param: str, value: str | None) -> str:
    if not value:
        raise ViewError(param, gettext("missing: give an entity id"))
    iri = get_map_model().resolve(value)
    if iri is None:
        raise ViewError(param, gettext("no entity %(value)s on the map", value=repr(value)))
    return iri


def _whole_number_up_to(text: str, highest: int) -> bool:
    # ASCII digits only ("³" is a digit to str.isdigit, not to int) and short (int() refuses
    # thousands of digits)
    return len(text) <= len(str(highest)) and text.isascii() and text.isdigit() and 1 <= int(text) <= highest


@blueprint.route("/api/map/node/<path:ident>")
def node(ident: str) -> Response | tuple[Response, int]:
    """A node's side panel: kind, facts with evidence, links with evidence."""
    model = get_map_model()
    iri = model.resolve(ident)
    if iri is None:
        return jsonify(error=gettext("no entity %(value)s on the map", value=repr(ident)), param="id"), 404
    return jsonify(node_details(model, iri, get_store()))


@blueprint.route("/api/map/edge")
def edge() -> Response | tuple[Response, int]:
    """One link (from, to, predicate): what it is, and which documents say so in which words."""
    source, target = _node("from", request.args.get("from")), _node("to", request.args.get("to"))
    predicate = request.args.get("predicate", "")
    if not predicate or len(predicate) > 500:
        raise ViewError("predicate", gettext("missing: give the link's property (e.g. memberOf)"))
    details = edge_details(get_map_model(), source, target, predicate)
    if details is None:
        message = gettext("no %(predicate)s link from %(source)s to %(target)s", predicate=predicate,
                          source=request.args["from"], target=request.args["to"])
        return jsonify(error=message, param="predicate"), 404
    return jsonify(details)


@blueprint.route("/api/map/expand")
def expand() -> Response:
    """A node's neighbours, most connected first (at most `limit`), and its links to them."""
    model = get_map_model()
    iri = _node("node", request.args.get("node"))
    limit_text = request.args.get("limit", str(max_nodes()))
    if not _whole_number_up_to(limit_text, max_nodes()):
        raise ViewError("limit", gettext("a whole number from 1 to %(n)s", n=max_nodes()))
    neighbours = sorted(model.links.neighbors(iri), key=model.ranked_index.__getitem__)
    shown = neighbours[:int(limit_text)]
    links = [link for other in shown for link in path_hops(model, [iri, other])[0]["links"]]
    return jsonify(node=model.short_id(iri), nodes=[node_payload(model, n) for n in shown], links=links,
                   total=len(neighbours), more=len(neighbours) - len(shown))


@blueprint.route("/api/map/path")
def path() -> Response:
    """The shortest paths between two entities (from, to), each hop with its evidence. `avoid`
    (repeatable family, or none) keeps paths out of nodes of those families; by default the shared
    attributes (places, areas, themes), so that a path runs over links between actors."""
    model = get_map_model()
    source, target = _node("from", request.args.get("from")), _node("to", request.args.get("to"))
    if source == target:
        raise ViewError("to", gettext("the same entity as from"))
    avoid: tuple[str, ...] = DEFAULT_AVOID
    if "avoid" in request.args:
        avoid = tuple(a for a in request.args.getlist("avoid") if a and a != "none")
        for family in avoid:
            if family not in FAMILY_KEYS:
                raise ViewError("avoid", gettext("%(value)s is not a family (%(families)s) or none",
                                                 value=repr(family), families=", ".join(FAMILY_KEYS)))
    limit_text = request.args.get("limit", str(MAX_PATHS))
    if not _whole_number_up_to(limit_text, MAX_PATHS):
        raise ViewError("limit", gettext("a whole number from 1 to %(n)s", n=MAX_PATHS))
    lang = _language()

    def found() -> dict:
        paths = find_paths(model, source, target, avoid=avoid, limit=int(limit_text))
        return dict(found=bool(paths), length=len(paths[0]) - 1 if paths else None,
                    paths=[[model.short_id(n) for n in p] for p in paths],
                    hops=[path_hops(model, p) for p in paths], avoid=list(avoid),
                    told=told_as_data(model, [tell_path(model, p, lang) for p in paths]))

    try:  # on a big graph a search can take long: within a deadline and a cap
        return jsonify(run_slow(found, message("the path search")))
    except SlowRequestRefused as error:
        return refused(error)


@blueprint.route("/api/map/lenses")
def lenses() -> Response:
    """The ready-made lenses this graph offers, each with the view parameters of its URL."""
    root = request.script_root
    return jsonify([{"id": lens.id, "labels": lens.labels, "descriptions": lens.descriptions,
                     "query": lens.query(), "url": f"{root}/?{lens.query()}"}
                    for lens in available_lenses(get_map_model())])


def _about() -> dict:
    """What the map shows, in one line above it: the source documents, when the store was built
    (the date and content hash `lshkg build` recorded, else the embedded store's date; unknown for
    a remote endpoint) and the version of lsh-kg."""
    model = get_map_model()
    documents = sorted(({"id": model.short_id(iri), "labels": doc["labels"]}
                        for iri, doc in model.documents.items()), key=lambda d: d["id"])
    built = dataset = None
    store_dir = Path(current_app.config.get("LSHKG_STORE_DIR") or "")
    if not current_app.config.get("LSHKG_ENDPOINT") and store_dir.is_dir():
        recorded = read_version(derived_folder(store_dir))  # what `lshkg build` recorded
        if recorded is not None:
            built, dataset = recorded.date, recorded.hash[:8]
        else:
            built = datetime.fromtimestamp(store_dir.stat().st_mtime, tz=UTC).date().isoformat()
    try:
        version = metadata.version("lsh-kg")
    except metadata.PackageNotFoundError:
        version = None
    return {"documents": documents, "built": built, "dataset": dataset, "version": version}


@blueprint.route("/api/map/options")
def options() -> Response:
    """What the filters can be set to: families and kinds, places, partnerships, areas, years; and
    `about`, the line that says what the data is."""
    return jsonify(filter_options(get_map_model()) | {"maxNodes": max_nodes(), "about": _about(),
                                                       "exportFormats": list(EXPORT_FORMATS)})


@blueprint.route("/api/map/outline")
def map_outline() -> Response | tuple[Response, int]:
    """The Netherlands and its neighbours as GeoJSON (Natural Earth), with the map's projection."""
    try:
        response = jsonify(outline(outline_file()))
    except OutlineMissing as missing:
        # the full message (with the file's path) for the server's log, not for the client
        current_app.logger.warning("map outline unavailable: %s", missing)
        return jsonify(error="the outline of the Netherlands is not installed on the server: "
                       "install the front-end packages (make install)"), 503
    response.cache_control.max_age = 86400
    return response
