"""`/timeline?entity=<id>`: the dated facts of an entity and of what it is linked to, in order, each
with its document and words; what has no date is listed as undated. `/timeline.json` is its twin."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from flask_babel import gettext

from graph.insight.timeline import timeline
from webapp.app_store import get_store
from webapp.entity_view import Links, pick
from webapp.insight_requests import answer_errors, entity_parameter, language
from webapp.map_state import get_map_model

blueprint = Blueprint("timeline", __name__)
answer_errors(blueprint)

def texts() -> dict[str, str]:
    """The timeline's words in the page's language."""
    return {
        "title": gettext("Timeline"),
        "undated": gettext("Linked, without a date in the sources"),
        "none": gettext("No dated facts."),
        "foundedYear": gettext("founded"),
        "startYear": gettext("started"),
        "endYear": gettext("ended"),
        "year": gettext("took place"),
        "general": gettext("general knowledge"),
    }


@blueprint.route("/timeline")
@blueprint.route("/timeline.json", endpoint="timeline_json")
def timeline_page() -> Response:
    lang = language()
    model = get_map_model()
    entity = entity_parameter(model, "entity")
    links = Links(current_app.config["LSHKG_BASE_IRI"], request.script_root)
    found = timeline(get_store(), model, entity)
    text = texts()

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
