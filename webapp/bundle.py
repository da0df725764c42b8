"""`/api/bundle`: a reproducible bundle (zip) of one selection, with the same parameters as
`/api/export` (without `format`): `ego=ID` (with `depth`, `kind`), `from=A&to=B`, `partnership=ID`,
`query=` a CONSTRUCT, DESCRIBE or SELECT query (GET or POST), the map's view (`view=`, with
`positions` as the map's export posts them), or `all=1`. The map, entity pages and the editor link
here; `lshkg bundle verify` checks what it gives.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request

from graph.export.appearance import read_positions
from graph.export.bundle import Bundle, make_bundle
from graph.export.selection import Sources, run_selection, selection_from_args
from graph.export.subgraph import ExportError
from graph.messages import message
from graph.store.backends import StoreUnavailable
from graph.store.deadline import Deadline
from graph.store.version import store_version
from webapp.app_store import get_store
from webapp.export import export_error_response, get_kind_tree, get_network
from webapp.i18n import say
from webapp.map_state import get_map_model, max_nodes
from webapp.slow_work import SlowRequestRefused, refused, slow_place
from webapp.user_query import arrival

__all__ = ["blueprint"]

blueprint = Blueprint("bundle", __name__, url_prefix="/api")


def _sources(deadline: Deadline) -> Sources:
    config = current_app.config
    return Sources(get_store(), config["LSHKG_BASE_IRI"], get_network, get_kind_tree, get_map_model,
                   {"max_bytes": config["LSHKG_QUERY_MAX_BYTES"], "max_rows": config["LSHKG_QUERY_MAX_ROWS"],
                    "timeout_s": config["LSHKG_QUERY_TIMEOUT_S"], "arrived": arrival(request),
                    "client": request.remote_addr, "stopped": lambda: deadline.passed}, max_nodes())


@blueprint.route("/bundle", methods=["GET", "POST"])
def bundle() -> Response | tuple[Response, int]:
    args = request.values
    try:
        selection = selection_from_args({key: args.getlist(key) for key in args})
        if selection.kind == "view":  # the map's node cap decides what it draws: kept for verify
            selection.params["max_nodes"] = max_nodes()
        positions = read_positions(args.get("positions"), get_map_model().resolve)

        def made(deadline: Deadline) -> Bundle:
            store = get_store()
            subgraph = run_selection(selection, _sources(deadline))
            subgraph.extra["positions"] = positions  # the map's layout, for GEXF and the HTML map
            deadline.check()
            return make_bundle(selection, subgraph, store, current_app.config["LSHKG_BASE_IRI"],
                               version=store_version(store), say=say, deadline=deadline)

        # a whole graph takes seconds: within a deadline (the writers stop at it, and its place is
        # free at once) and a cap on how many run at once
        place = slow_place(message("the bundle"))
        try:
            found = place.run(made)
        finally:
            place.end()
    except ExportError as error:
        return export_error_response(error)
    except SlowRequestRefused as error:
        return refused(error)
    except StoreUnavailable as error:
        return jsonify(error=say(error)), 503
    response = Response(found.body, mimetype=found.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{found.filename}"'
    return response
