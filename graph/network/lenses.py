"""Ready-made lenses: one click (and one shareable URL, `?lens=<id>`) to a part of the ecosystem.

A lens is a set of nodes built from a few seed entities of the records; a graph without those seeds
(a user's own) simply does not offer it. Filters still apply on top of a lens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from graph.network.model import PLACE_FAMILIES, SHIPS_THROUGH, MapModel, in_places

__all__ = ["LENSES", "Lens", "available_lenses", "lens_nodes"]

CONTEXT_FAMILIES = frozenset({"area", "concept", "region", "city", "hotspot"})
LOGISTICS_KINDS = frozenset({"ProductionSite", "DistributionCentre", "ColdStore", "LogisticsCompany"})


@dataclass(frozen=True)
class Lens:
    id: str
    labels: dict[str, str]
    descriptions: dict[str, str]
    seeds: tuple[str, ...]
    build: Callable[[MapModel, list[str]], set[str]]
    params: dict[str, str] = field(default_factory=dict)  # the layout that suits it

    def query(self) -> str:
        return "&".join([f"lens={self.id}", *(f"{k}={v}" for k, v in self.params.items())])


def partnership_lens(model: MapModel, seeds: list[str]) -> set[str]:
    """The partnerships, everything directly linked to them, the initiatives they belong to with
    their participants, and the city of each participant."""
    nodes = set(seeds)
    for seed in seeds:
        nodes.update(model.links.neighbors(seed))
        for other in list(model.links.neighbors(seed)):
            if model.family[other].key in ("partnership", "programme"):
                nodes.update(model.participants.get(other, ()))
    for node in list(nodes):
        if model.family[node].key not in CONTEXT_FAMILIES and model.city.get(node):
            nodes.add(model.city[node])
    return nodes


def place_lens(model: MapModel, seeds: list[str]) -> set[str]:
    """Everything in the hotspots' cities, and the partnerships and parent organisations of the
    organisations there."""
    nodes = in_places(model, seeds)
    for node in list(nodes):
        for other in model.links.neighbors(node):
            if model.family[other].key in ("partnership", "company", "umc", "university", "institute"):
                nodes.add(other)
    return nodes


def logistics_lens(model: MapModel, seeds: list[str]) -> set[str]:
    """Production sites, distribution centres, cold stores and logistics companies, the airports
    and seaports, the companies that ship through them, the cities they are in, and the gateways
    (with who formed them and who takes part) the hubs are in."""
    nodes = set(seeds)
    for node, family in model.family.items():
        if family.key == "logistics-hub" or model.graph.nodes[node].get("kind") in LOGISTICS_KINDS:
            nodes.add(node)
    for hub in list(nodes):  # companies -> hubs: who ships through them
        nodes.update(s for s, _, key in model.graph.in_edges(hub, keys=True) if key == SHIPS_THROUGH)
    for node in list(nodes):
        for other in model.links.neighbors(node):
            if model.family[other].key in ("partnership",):
                nodes.add(other)
                nodes.update(model.participants.get(other, ()))
    for node in list(nodes):
        if model.family[node].key not in PLACE_FAMILIES | CONTEXT_FAMILIES and model.city.get(node):
            nodes.add(model.city[node])
    return nodes


LENSES: tuple[Lens, ...] = (
    Lens("european-lead-factory", {"en": "European Lead Factory", "nl": "European Lead Factory"},
         {"en": "The drug-discovery consortium: its coordinator, members, funders and their cities.",
          "nl": "Het consortium voor geneesmiddelenonderzoek: coördinator, leden, financiers en hun steden."},
         ("european-lead-factory",), partnership_lens),
    Lens("regmed-xb", {"en": "RegMed XB", "nl": "RegMed XB"},
         {"en": "Regenerative medicine across borders: partners, treaty and therapeutic areas.",
          "nl": "Regeneratieve geneeskunde over de grens: partners, verdrag en therapeutische gebieden."},
         ("regmed-xb",), partnership_lens),
    Lens("gateways", {"en": "Pharma and Vaccines Gateways", "nl": "Pharma en Vaccines Gateways"},
         {"en": "Pharma Gateway Amsterdam and Vaccines Gateway Netherlands: the air-cargo community.",
          "nl": "Pharma Gateway Amsterdam en Vaccines Gateway Netherlands: de luchtvrachtgemeenschap."},
         ("pharma-gateway-amsterdam", "vaccines-gateway-netherlands"), partnership_lens),
    Lens("hotspot-leiden", {"en": "Leiden hotspot", "nl": "Hotspot Leiden"},
         {"en": "Everything in Leiden and its Bio Science Park, with their partners and parents.",
          "nl": "Alles in Leiden en op het Bio Science Park, met partners en moederbedrijven."},
         ("hotspot-leiden",), place_lens),
    Lens("hotspot-oss-nijmegen", {"en": "Oss-Nijmegen hotspot", "nl": "Hotspot Oss-Nijmegen"},
         {"en": "Everything in Oss and Nijmegen (Pivot Park, Radboud), with their partners and parents.",
          "nl": "Alles in Oss en Nijmegen (Pivot Park, Radboud), met partners en moederbedrijven."},
         ("hotspot-oss-nijmegen",), place_lens),
    Lens("logistics", {"en": "Logistics chain", "nl": "Logistieke keten"},
         {"en": "From production sites and cold stores to Schiphol and the seaports, on the map.",
          "nl": "Van productielocaties en koelhuizen naar Schiphol en de zeehavens, op de kaart."},
         ("schiphol", "haven-rotterdam", "haven-amsterdam"), logistics_lens, {"layout": "geo"}),
)


def available_lenses(model: MapModel) -> list[Lens]:
    """The lenses whose seeds are all in this graph."""
    return [lens for lens in LENSES if all(model.resolve(seed) for seed in lens.seeds)]


def lens_nodes(model: MapModel, lens_id: str) -> set[str] | None:
    """The nodes of a lens, or None when this graph has no such lens."""
    for lens in available_lenses(model):
        if lens.id == lens_id:
            seeds = [model.resolve(seed) for seed in lens.seeds]
            return lens.build(model, [s for s in seeds if s])
    return None
