"""`/api/export`: a subgraph in the format of the tool a user uses next.

One selection per request: `ego=ID` (with `depth` 1-3 and `kind`), `from=A&to=B` (shortest paths),
`partnership=ID`, `query=CONSTRUCT ...` (GET or POST), the map's view (`view=` with its URL's query
string, or `view=1` with its parameters one by one), or `all=1`; `format` (see
`/api/export/formats`); and `positions`, the map's `{"id": [x, y]}` (its export link posts them).
The answer is a download whose file name says what it holds. A bad request gets 400 (404 for an
unknown entity, with the closest matches) and a JSON body naming the parameter and what is allowed.

An export has a deadline from its arrival and a place under the machine's cap of slow requests
(`webapp.slow_work`): 429 beyond the cap; 503 when the deadline passes before the first byte. The
selection and the reading of what it holds come before the first byte; N-Triples and CSV are then
streamed, and a stream the deadline cuts ends with a note that says it is incomplete (a comment line
in N-Triples, a `-INCOMPLETE.txt` file in the zip), as its status line has been sent already.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from flask import Blueprint, Response, current_app, jsonify, request
from flask_babel import gettext
from werkzeug.datastructures import MultiDict

from graph.entity.indexes import KindTree, kind_tree
from graph.export.appearance import read_positions
from graph.export.formats import FORMATS, Exported, export, format_named
from graph.export.select import ego, partnership, paths, run_construct, whole
from graph.export.subgraph import ExportError, Subgraph
from graph.export.view import map_view
from graph.messages import message
from graph.network.projection import Network
from graph.store.backends import StoreUnavailable
from graph.store.deadline import Deadline
from webapp.app_cache import app_cached
from webapp.app_store import get_store
from webapp.entity_view import Links
from webapp.i18n import say
from webapp.map_state import get_map_model, max_nodes
from webapp.search_index import get_search_index
from webapp.slow_work import SlowRequestRefused, refused, slow_place
from webapp.sparql_protocol import TRUNCATED_HEADER
from webapp.user_query import arrival

__all__ = ["SELECTIONS", "blueprint", "export_error_response", "get_kind_tree", "get_network", "suggestions"]

blueprint = Blueprint("export", __name__, url_prefix="/api")

SELECTIONS = ("ego", "from", "partnership", "query", "view", "all")


def get_network() -> Network:
    """The network projection of the app's store: the one the map's model holds (built once)."""
    return get_map_model().network


def get_kind_tree() -> KindTree:
    """Our classes with their hierarchy and counts, read on first use and kept."""
    return app_cached("lshkg.kinds", lambda app: kind_tree(get_store()))


def suggestions(text: str, limit: int = 5) -> list[dict]:
    """The entities whose names are closest to `text` (an id's hyphens read as spaces)."""
    words = text.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ")
    links = Links(current_app.config["LSHKG_BASE_IRI"], request.script_root)
    return [{**hit.as_dict(), "id": links.entity_id(hit.iri) or hit.iri,
             "href": links.href(hit.iri) or hit.iri}
            for hit in get_search_index().search(words, limit=limit)]


def export_error_response(error: ExportError) -> tuple[Response, int]:
    """An export's (or a bundle's) error as JSON: suggestions for an unknown id, Retry-After when cut."""
    body = error.as_dict(say)
    if error.status == 404 and error.value:
        body["suggestions"] = suggestions(error.value)
    response = jsonify(body)
    if error.retry_after_s is not None:
        response.headers["Retry-After"] = str(error.retry_after_s)
    return response, error.status


def _view(args: MultiDict) -> Subgraph:
    """The map's view: its parameters packed into `view` (as the map's URL holds them, which is
    what the map's export link sends), or given one by one beside `view=1`."""
    params = {k: args.getlist(k) for k in args if k not in ("view", "format")}
    for key, values in parse_qs(args.get("view", ""), keep_blank_values=True).items():
        if key not in ("view", "format"):
            params.setdefault(key, []).extend(values)
    return map_view(get_map_model(), params, max_nodes=max_nodes())


def select_subgraph(args: MultiDict, deadline: Deadline | None = None) -> Subgraph:
    """The one selection the parameters ask for (a CONSTRUCT query is stopped at `deadline`)."""
    if "view" in args:
        return _view(args)  # the map's own parameters (from, to, kind, depth, ...) then describe it
    chosen = [name for name in SELECTIONS if args.get(name)]
    if args.get("path") and not args.get("from"):
        chosen.append("from")  # path=A&to=B reads as from=A&to=B
    if len(chosen) != 1:
        said = gettext("give exactly one selection: ego=ID, from=ID&to=ID, partnership=ID, "
                       "query=CONSTRUCT..., view=1 or all=1")
        if chosen:
            said = gettext("give exactly one selection (given: %(given)s): ego=ID, from=ID&to=ID, "
                           "partnership=ID, query=CONSTRUCT..., view=1 or all=1", given=", ".join(chosen))
        raise ExportError("selection", said, allowed=list(SELECTIONS))
    network, tree = get_network(), get_kind_tree()
    config = current_app.config
    base_iri = config["LSHKG_BASE_IRI"]
    selection = chosen[0]
    if selection == "ego":
        return ego(network, tree, base_iri, args["ego"], args.get("depth", "1"), args.getlist("kind"))
    if selection == "from":
        return paths(network, base_iri, args.get("from") or args.get("path"), args.get("to", ""))
    if selection == "partnership":
        return partnership(network, tree, base_iri, args["partnership"])
    if selection == "query":
        return run_construct(get_store(), args["query"], network, base_iri=base_iri,
                             max_bytes=config["LSHKG_QUERY_MAX_BYTES"],
                             max_rows=config["LSHKG_QUERY_MAX_ROWS"],
                             timeout_s=config["LSHKG_QUERY_TIMEOUT_S"], arrived=arrival(request),
                             client=request.remote_addr, stopped=deadline and (lambda: deadline.passed))
    return whole(network)


@blueprint.route("/export", methods=["GET", "POST"])
def export_subgraph() -> Response | tuple[Response, int]:
    args = request.values  # GET parameters and POST form fields (a long query is POSTed)
    try:
        chosen = format_named(args.get("format", "ttl"))
        base_iri = current_app.config["LSHKG_BASE_IRI"]
        # the positions the map showed (its export link posts them), for GEXF, GraphML and HTML
        positions = read_positions(args.get("positions"), get_map_model().resolve)

        def selected_and_written(deadline: Deadline) -> tuple[Subgraph, Exported]:
            subgraph = select_subgraph(args, deadline)
            subgraph.extra["positions"] = positions
            deadline.check()
            return subgraph, export(subgraph, chosen.name, get_store(), base_iri, deadline=deadline)

        # a whole graph takes seconds: within a deadline and a cap on how many run at once
        place = slow_place(message("the export"))
        try:
            subgraph, exported = place.run(selected_and_written)
        except BaseException:
            place.end()
            raise
    except ExportError as error:
        return export_error_response(error)
    except SlowRequestRefused as error:
        return refused(error)
    except StoreUnavailable as error:
        return jsonify(error=say(error)), 503
    if exported.streamed:  # the place is kept while the stream is sent
        body = place.stream(exported.chunks)
    else:
        place.end()
        body = exported.body
    response = Response(body, mimetype=exported.media_type.split(";")[0])
    if "charset" in exported.media_type:
        response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    if subgraph.truncated:
        # a CONSTRUCT answer cut at the row limit: said as the endpoint says it
        response.headers[TRUNCATED_HEADER] = str(current_app.config["LSHKG_QUERY_MAX_ROWS"])
    return response


@blueprint.route("/export/formats")
def formats() -> Response:
    """The export formats and selections, for the buttons that offer them."""
    return jsonify(formats=[{"name": f.name, "mediaType": f.media_type, "extension": f.extension,
                             "description": say(f.description)} for f in FORMATS.values()],
                   selections=list(SELECTIONS))
