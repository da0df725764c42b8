"""`/paths?from=<id>&to=<id>`: how two entities are linked, told as sentences in the page's language,
each hop with its document and quote; `/paths.json` is its twin. Over links between actors unless
`attributes=on` (then shared attributes are told as such); `exclude=<link kind>` (repeatable) leaves
kinds of link out; `k` asks for up to 5 paths through different intermediaries."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from flask_babel import gettext

from graph.insight.sentences import MAX_PATHS, ToldPath, evidence_words, tell_paths
from graph.network.model import MapModel
from webapp.entity_view import Links
from webapp.insight_requests import BadParameter, answer_errors, entity_parameter, language
from webapp.map_state import get_map_model

blueprint = Blueprint("paths", __name__)
answer_errors(blueprint)

def texts() -> dict[str, str]:
    """The paths page's words in the page's language."""
    return {
        "title": gettext("How are they linked?"),
        "none": gettext("No path over links between actors."),
        "try-attributes": gettext("Also through shared places and themes"),
        "path": gettext("Path"),
        "from": gettext("From"),
        "to": gettext("To"),
        "find": gettext("Find"),
        "attribute-note": gettext("passes through a shared attribute, not a link"),
        "paths": gettext("paths"),
        "exclude": gettext("Leave out links of kind"),
    }


def _link_kinds(model: MapModel) -> set[str]:
    """The local names of the predicates that link nodes on the map (memberOf, locatedIn, ...)."""
    kinds = model.cache.get("paths-link-kinds")
    if kinds is None:
        kinds = model.cache["paths-link-kinds"] = {key.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
                                                   for _, _, key in model.graph.edges(keys=True)}
    return kinds


def _arguments(model: MapModel) -> dict:
    lang = language()
    ends = {name: entity_parameter(model, name) for name in ("from", "to")}
    k = request.args.get("k", "1")
    if not (k.isascii() and k.isdigit() and 1 <= int(k) <= MAX_PATHS):
        raise BadParameter("k", gettext("k must be a whole number from 1 to %(n)s", n=MAX_PATHS))
    attributes = request.args.get("attributes", "off")
    if attributes not in ("on", "off"):
        raise BadParameter("attributes", gettext("attributes must be on or off"))
    exclude = [value for value in request.args.getlist("exclude") if value]
    kinds = _link_kinds(model)
    for value in exclude:
        if value not in kinds:
            raise BadParameter("exclude", gettext(
                "exclude=%(value)s is no kind of link here; allowed: %(allowed)s",
                value=repr(value[:60]), allowed=", ".join(sorted(kinds))))
    return {"lang": lang, "source": ends["from"], "target": ends["to"], "limit": int(k),
            "attributes": attributes == "on", "exclude": exclude}


def _path_view(model: MapModel, path: ToldPath, links: Links, lang: str) -> dict:
    return {"nodes": [{"id": model.short_id(n), "label": model.label(n, lang), "href": links.href(n)}
                      for n in path.nodes],
            "through_attribute": path.through_attribute,
            "hops": [{"sentence": hop.sentence, "predicate": hop.predicate.rsplit("#", 1)[-1],
                      "shared_attribute": hop.shared_attribute and model.short_id(hop.shared_attribute),
                      "evidence": evidence_words(hop, model, lang),
                      "sources": [{"id": e["source"]["id"], "quote": e.get("quote")}
                                  for e in hop.evidence if e.get("source")]}
                     for hop in path.hops]}


@blueprint.route("/paths")
@blueprint.route("/paths.json", endpoint="paths_json")
def paths() -> Response:
    model = get_map_model()
    args = _arguments(model)
    lang = args.pop("lang")
    source, target = args.pop("source"), args.pop("target")
    found = tell_paths(model, source, target, lang=lang, **args)
    links = Links(current_app.config["LSHKG_BASE_IRI"], request.script_root)
    view = {"from": {"id": model.short_id(source), "label": model.label(source, lang)},
            "to": {"id": model.short_id(target), "label": model.label(target, lang)},
            "attributes": args["attributes"], "exclude": args["exclude"],
            "paths": [_path_view(model, path, links, lang) for path in found]}
    if request.path.endswith(".json"):
        return jsonify(lang=lang, **view)
    page = render_template("paths/paths.html", lang=lang, text=texts(), view=view, k=args["limit"])
    return Response(page, mimetype="text/html")
