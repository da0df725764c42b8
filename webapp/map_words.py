"""The map's network in words: the groups (communities) it colours by, named as /overview names
them (city, theme and most linked member), and who is central and who brokers between groups, as
data the map's page tells in sentences beside the canvas (`/api/map/words`)."""

from __future__ import annotations

from graph.insight.overview import overview
from graph.network.model import MapModel
from webapp.overview import group_name

__all__ = ["network_words", "with_communities"]

TOP = 3


def _groups(model: MapModel, lang: str) -> list[dict]:
    found = overview(model)
    return [{"number": g.number + 1, "name": group_name(model, g, lang), "size": len(g.members),
             "lead": model.short_id(g.members[0])} for g in found.groups]


def network_words(model: MapModel, lang: str) -> dict:
    """Who is most linked (with how many actors), who links groups (betweenness) and the groups."""
    found = overview(model)

    def ref(iri: str) -> dict:
        actor = found.actors[iri]
        return {"id": model.short_id(iri), "label": model.label(iri, lang), "links": actor.links,
                "betweenness": round(actor.betweenness, 4),
                "group": actor.group + 1 if actor.group >= 0 else None}

    return {"central": [ref(n) for n in found.central[:TOP]],
            "brokers": [ref(n) | {"groups": [g + 1 for g in linked]} for n, linked in found.brokers[:TOP]],
            "groups": _groups(model, lang), "actors": len(found.actors)}


def with_communities(view: dict, model: MapModel, lang: str) -> None:
    """Colour by community: each drawn node's group (from the actors' network, as /overview finds
    them; 0 for what is in none: places, themes, actors without links), the brokers between groups
    marked, and the named groups drawn."""
    found = overview(model)
    brokers = {iri for iri, _ in found.brokers}
    shown: dict[int, int] = {}
    for node in view["nodes"]:
        iri = model.ids.get(node["id"], node["id"])
        actor = found.actors.get(iri)
        number = actor.group + 1 if actor is not None and actor.group >= 0 else 0
        node["community"] = number
        if iri in brokers:
            node["broker"] = True  # links groups that otherwise stand apart (betweenness)
        shown[number] = shown.get(number, 0) + 1
    view["communities"] = [group | {"shown": shown[group["number"]]} for group in _groups(model, lang)
                           if group["number"] in shown]
    view["communities"].append({"number": 0, "name": None, "shown": shown.get(0, 0)})
