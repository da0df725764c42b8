"""`/overview`: the ecosystem told in words (who is central and why, the brokers between groups,
the groups named after their members, places and themes, the partnerships that bind most), and
`/compare?a=<id>&b=<id>`: what two entities share. Each has a JSON twin (`.json`)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from flask_babel import force_locale

from graph.insight.overview import Group, Overview, compare, overview
from graph.network.model import MapModel
from webapp.entity_view import Links
from webapp.insight_requests import answer_errors, entity_parameter, language
from webapp.map_state import get_map_model
from webapp.overview_texts import texts

blueprint = Blueprint("overview", __name__)
answer_errors(blueprint)


class _Words:
    """Names and links of the model's nodes in one language."""

    def __init__(self, model: MapModel, lang: str) -> None:
        self.model, self.lang = model, lang
        self.links = Links(current_app.config["LSHKG_BASE_IRI"], request.script_root)

    def node(self, iri: str) -> dict:
        return {"iri": iri, "id": self.links.entity_id(iri), "label": self.model.label(iri, self.lang),
                "href": self.links.href(iri), "kind": self.model.family[iri].labels.get(self.lang, "")}

    def group_name(self, group: Group) -> str:
        return group_name(self.model, group, self.lang)


def group_name(model: MapModel, group: Group, lang: str) -> str:
    """A group named after its city, theme and most linked member: "around Leiden · Oncology (Janssen)"
    (also the map's names of its communities)."""
    with force_locale(lang):  # the language asked for, also where it is not the page's
        text = texts()
    parts = [model.label(x, lang) for x in (group.city, group.area) if x]
    lead = model.label(group.members[0], lang)
    return f"{text['around']} {' · '.join(parts)} ({lead})" if parts else f"{text['around']} {lead}"


def _overview_view(words: _Words, found: Overview, top: int = 3) -> dict:
    groups = {g.number: {"number": g.number + 1, "name": words.group_name(g), "size": len(g.members),
                         "members": [words.node(m) for m in g.members[:5]],
                         "city": words.node(g.city) if g.city else None,
                         "area": words.node(g.area) if g.area else None} for g in found.groups}
    ranks: dict[str, list[dict]] = {}
    for actor in sorted(found.actors.values(), key=lambda a: (a.family, a.rank_in_kind)):
        if actor.rank_in_kind <= top:
            row = {"links": actor.links, "rank": actor.rank_in_kind, "of": actor.of_kind}
            ranks.setdefault(actor.family, []).append(words.node(actor.iri) | row)
    return {
        "central": [words.node(n) | {"links": found.actors[n].links,
                                     "group": groups.get(found.actors[n].group, {}).get("number")}
                    for n in found.central],
        "brokers": [words.node(n) | {"betweenness": round(found.actors[n].betweenness, 4),
                                     "groups": [groups[g]["name"] for g in linked]}
                    for n, linked in found.brokers],
        "groups": list(groups.values()),
        "binding": [words.node(n) | {"organisations": count} for n, count in found.binding],
        "ranks": [{"kind": rows[0]["kind"], "top": rows} for rows in ranks.values()],
        "method": found.method,
    }


@blueprint.route("/overview")
@blueprint.route("/overview.json", endpoint="overview_json")
def overview_page() -> Response:
    lang = language()
    model = get_map_model()
    view = _overview_view(_Words(model, lang), overview(model))
    if request.path.endswith(".json"):
        return jsonify(lang=lang, **view)
    return Response(render_template("overview/overview.html", lang=lang, text=texts(), view=view,
                                    method=texts()["method-text"].format(
                                        actors=view["method"]["actors"], links=view["method"]["links"],
                                        sources=view["method"]["betweenness_sources"],
                                        seed=view["method"]["seed"])), mimetype="text/html")


@blueprint.route("/compare")
@blueprint.route("/compare.json", endpoint="compare_json")
def compare_page() -> Response:
    lang = language()
    model = get_map_model()
    first, second = entity_parameter(model, "a"), entity_parameter(model, "b")
    words = _Words(model, lang)
    shared = compare(model, first, second)
    view = {"a": words.node(first), "b": words.node(second), "linked": bool(shared.pop("linked")),
            **{key: [words.node(iri) for iri in values] for key, values in shared.items()}}
    if request.path.endswith(".json"):
        return jsonify(lang=lang, **view)
    return Response(render_template("overview/compare.html", lang=lang, text=texts(), view=view),
                    mimetype="text/html")
