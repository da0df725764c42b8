"""Which nodes a view shows: scope (everything, a lens, a focus's neighbourhood), then the filters,
which combine (each narrows the others), then what the visitor asked to see on top (expanded
neighbours, a path between two entities; a path asked for on its own is the whole view). Shared
attributes (places, areas, themes) are left off unless shown or named by a filter or lens."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain

from graph.messages import message
from graph.network.dates import stood_at
from graph.network.kinds import ATTRIBUTE_FAMILIES
from graph.network.lenses import lens_nodes
from graph.network.model import INITIATIVE_FAMILIES, LOCATED_IN, TOPIC_FAMILIES, MapModel, in_places
from graph.network.params import ViewError, ViewParams
from graph.network.paths import find_paths
from graph.network.view_index import view_index

__all__ = ["Selection", "hidden_attributes", "resolve", "select_nodes", "sources_of"]

PLACE_PARAM_FAMILIES = frozenset({"city", "hotspot", "region", "science-park", "logistics-hub"})
ALL_ATTRIBUTES = frozenset(ATTRIBUTE_FAMILIES)


@dataclass
class Selection:
    nodes: set[str]
    pinned: list[str] = field(default_factory=list)  # kept one by one when the view is reduced
    focus: str | None = None
    expanded: list[str] = field(default_factory=list)
    paths: list[list[str]] = field(default_factory=list)
    path_ends: tuple[str, str] | None = None


def resolve(model: MapModel, values: Iterable[str], param: str,
            families: frozenset[str] | None = None, what: str = "") -> list[str]:
    """The nodes the ids stand for; a clear error for an unknown id or one of the wrong kind."""
    found = []
    for value in values:
        iri = model.resolve(value)
        if iri is None:
            raise ViewError(param, message("no entity %(value)s on the map", value=repr(value)))
        if families is not None and model.family[iri].key not in families:
            raise ViewError(param, message("%(value)s is a %(kind)s, not %(expected)s", value=repr(value),
                                            kind=model.family[iri].key, expected=what))
        found.append(iri)
    return found


def _in_years(model: MapModel, start: int | None, end: int | None) -> set[str]:
    """Entities dated (founded, started, year of a deal) within the range, and the undated entities
    they link to (the parties of a deal, the city of a site), which give them meaning."""
    low, high = start if start is not None else -10_000, end if end is not None else 10_000
    dated = {node for node, year in model.year.items() if low <= year <= high}
    context = {other for node in dated for other in model.links.neighbors(node) if other not in model.year}
    return dated | context


def _filtered(model: MapModel, params: ViewParams, nodes: set[str]) -> set[str]:
    if params.kind:
        wanted = set(params.kind)
        nodes = {n for n in nodes if model.family[n].key in wanted
                 or model.graph.nodes[n].get("kind") in wanted}
    if params.place:
        nodes &= in_places(model, resolve(model, params.place, "place", PLACE_PARAM_FAMILIES,
                                          message("a city, hotspot, region, science park or hub")))
    if params.partnership:
        chosen = resolve(model, params.partnership, "partnership", INITIATIVE_FAMILIES,
                         message("a partnership or programme"))
        nodes &= set(chosen).union(*(model.participants.get(p, set()) for p in chosen))
    if params.area:
        chosen = resolve(model, params.area, "area", TOPIC_FAMILIES,
                         message("a therapeutic area or technology"))
        nodes &= set().union(*(model.area_members[a] for a in chosen))
    if params.source:
        wanted = set(params.source)
        nodes = {n for n in nodes if wanted & set(sources_of(model, n))}
    if params.year_from is not None or params.year_to is not None:
        nodes &= _in_years(model, params.year_from, params.year_to)
    return nodes


def sources_of(model: MapModel, node: str) -> list[str]:
    """Where a node comes from: "shipped" (our records) and the names of the users' imports that
    describe it."""
    data = model.graph.nodes[node]
    return (["shipped"] if data.get("shipped", True) else []) + sorted(data.get("imports", []))


def hidden_attributes(params: ViewParams) -> frozenset[str]:
    """The attribute families left off this view: all of them unless shown (`show`) or asked for
    as a kind."""
    return frozenset(ATTRIBUTE_FAMILIES) - set(params.show) - set(params.kind)


def _attributes_kept(model: MapModel, params: ViewParams) -> set[str]:
    """The attributes a view is about, drawn even when attributes are off: the places and areas its
    filters name (a hotspot with its cities), and those a lens was made with (a partnership's cities)."""
    kept = set(lens_nodes(model, params.lens) or ()) if params.lens else set()
    for value in (*params.place, *params.area):
        iri = model.resolve(value)
        if iri is not None:
            kept.add(iri)
            if model.family[iri].key == "area":  # with its narrower areas, which it covers
                kept.update(a for a in model.area_members.get(iri, ()) if model.family[a].key == "area")
            if model.family[iri].key == "hotspot":
                kept.update(p for _, p, key in model.graph.out_edges(iri, keys=True) if key == LOCATED_IN)
    return kept


def _hidden_nodes(model: MapModel, hidden: frozenset[str]) -> frozenset[str]:
    index = view_index(model)
    if hidden == ALL_ATTRIBUTES:  # most views: made once
        return index.attributes
    return frozenset().union(*(index.family_members.get(family, ()) for family in hidden))


def _neighbourhood(model: MapModel, focus: str, depth: int, hidden: frozenset[str]) -> set[str]:
    """The nodes within `depth` links of `focus` over the links drawn: not through a hidden city or
    area (breadth first, a step at a time as set operations: networkx's filtered views cost a hub's
    neighbourhood at a million triples about 10 ms more). With every attribute hidden (most views),
    over the links between actors alone: half the links, and none to take away after each step."""
    index = view_index(model)
    if hidden == ALL_ATTRIBUTES:
        neighbours, left_out = index.actor_neighbours, frozenset()
    else:
        neighbours, left_out = index.neighbours, _hidden_nodes(model, hidden)
    reached, frontier = {focus}, {focus}
    for _ in range(depth):
        step = set(chain.from_iterable(map(neighbours.__getitem__, frontier)))
        step -= reached
        frontier = step - left_out if left_out else step
        reached |= frontier
    return reached


def select_nodes(model: MapModel, params: ViewParams) -> Selection:
    """Everything the view shows, before any reduction to the node cap."""
    hidden = hidden_attributes(params)
    lens: set[str] | None = None
    if params.lens:
        lens = lens_nodes(model, params.lens)
        if lens is None:
            raise ViewError("lens", message("no lens %(lens)s for this graph (see /api/map/lenses)",
                                            lens=repr(params.lens)))
    focus = resolve(model, [params.focus], "focus")[0] if params.focus else None
    if focus:  # the neighbourhood within the lens, if any (not the whole graph's nodes, then narrowed)
        nodes = _neighbourhood(model, focus, params.depth, hidden)
        if lens is not None:
            nodes &= lens
    else:
        nodes = lens if lens is not None else set(model.graph.nodes)
    nodes = _filtered(model, params, nodes)
    if hidden:
        kept = _attributes_kept(model, params)
        nodes = nodes - (_hidden_nodes(model, hidden) - kept)
    pinned: list[str] = []
    if focus:
        nodes.add(focus)
        pinned.append(focus)
    expanded = resolve(model, params.expand, "expand")
    for node in expanded:
        # expanding shows every neighbour, whatever the filters: the visitor asked for them
        neighbours = sorted(model.links.neighbors(node), key=model.ranked_index.__getitem__)
        nodes.add(node)
        nodes.update(neighbours)
        pinned.extend([node, *neighbours])
    if params.at is not None:  # the network as it stood then: what began later is not drawn
        nodes = stood_at(model, nodes, params.at, undated=params.undated)
        pinned = [node for node in pinned if node in nodes]
        expanded = [node for node in expanded if node in nodes]
        focus = focus if focus in nodes else None
    if params.select:
        resolve(model, [params.select], "select")  # an unknown id is an error, as for focus
    selection = Selection(nodes, pinned, focus, expanded)
    if params.path_from and params.path_to:
        source = resolve(model, [params.path_from], "from")[0]
        target = resolve(model, [params.path_to], "to")[0]
        if source == target:
            raise ViewError("to", message("the same entity as from"))
        selection.path_ends = (source, target)
        selection.paths = find_paths(model, source, target, avoid=params.avoid)
        if not (params.lens or focus or expanded or params.has_filters):
            nodes.clear()  # asked only "how are these two connected?": the answer is the view
        for path in selection.paths:
            nodes.update(path)
        on_paths = list(dict.fromkeys(n for path in selection.paths for n in path))
        selection.pinned[:0] = on_paths or [source, target]
        nodes.update((source, target))
    return selection
