"""`/timeline?entity=<id>`: the dated facts of an entity and of what it is linked to, in order, each
with its document and words; what has no date is listed as undated. `/timeline.json` is its twin."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from graph.insight.timeline import timeline
from graph.store.backends import StoreUnavailable
from webapp.app_store import get_store
from webapp.entity_view import Links, pick
from webapp.map_state import get_map_model

blueprint = Blueprint("timeline", __name__)

LANGUAGES = ("en", "nl")
TEXTS = {
    "en": {"title": "Timeline", "undated": "Linked, without a date in the sources", "none": "No dated facts.",
           "foundedYear": "founded", "startYear": "started", "endYear": "ended", "year": "took place",
           "general": "general knowledge"},
    "nl": {"title": "Tijdlijn", "undated": "Verbonden, zonder datum in de bronnen",
           "none": "Geen gedateerde feiten.",
           "foundedYear": "opgericht", "startYear": "gestart", "endYear": "beëindigd", "year": "vond plaats",
           "general": "algemene kennis"},
}


class BadParameter(ValueError):
    def __init__(self, parameter: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.parameter, self.status = parameter, status


@blueprint.errorhandler(BadParameter)
def bad_parameter(error: BadParameter) -> tuple[Response, int]:
    if not request.path.endswith(".json"):
        page = render_template("error.html", status=error.status, message=str(error))
        return Response(page, mimetype="text/html"), error.status
    return jsonify(error=str(error), parameter=error.parameter), error.status


@blueprint.errorhandler(StoreUnavailable)
def store_unavailable(error: StoreUnavailable) -> tuple[Response, int]:
    return jsonify(error=str(error)), 503


@blueprint.route("/timeline")
@blueprint.route("/timeline.json", endpoint="timeline_json")
def timeline_page() -> Response:
    lang = request.args.get("lang", "en")
    if lang not in LANGUAGES:
        raise BadParameter("lang", f"lang={lang!r} is not a language here; allowed: en, nl")
    model = get_map_model()
    value = request.args.get("entity", "")[:200]
    if not value:
        raise BadParameter("entity", "entity is missing: give the id of an entity, e.g. entity=janssen")
    entity = model.resolve(value)
    if entity is None:
        raise BadParameter("entity", f"entity={value!r} is no entity on the map", status=404)
    links = Links(current_app.config["LSHKG_BASE_IRI"], request.script_root)
    found = timeline(get_store(), model, entity)
    text = TEXTS[lang]

    def node(iri: str) -> dict:
        return {"id": model.short_id(iri), "label": model.label(iri, lang), "href": links.href(iri)}

    view = {"entity": node(entity),
            "events": [node(e.node) | {"year": e.year, "what": e.what, "what_label": text[e.what],
                                       "relation": pick(e.relation, lang) if e.relation else "",
                                       "evidence": [{"quote": item.get("quote"),
                                                     "source": pick(item.get("source", {}).get("labels", {}),
                                                                    lang) if item.get("source") else None}
                                                    for item in e.evidence]}
                       for e in found.events],
            "undated": [node(n) for n in found.undated]}
    if request.path.endswith(".json"):
        return jsonify(lang=lang, **view)
    return Response(render_template("timeline/timeline.html", lang=lang, text=text, view=view),
                    mimetype="text/html")
