"""The map's current view as a subgraph to export, from the map's URL parameters: the map's own
view code decides which nodes a view draws (one definition for the page and the export), so the
file holds exactly the nodes and links on the screen."""

from __future__ import annotations

from collections.abc import KeysView, Mapping, Sequence
from dataclasses import replace

from graph.export.subgraph import ExportError, Subgraph
from graph.messages import message
from graph.network.lenses import LENSES
from graph.network.model import MapModel, build_map_model, load_documents
from graph.network.params import ViewError, ViewParams, parse_view_params
from graph.network.projection import Network
from graph.network.view import DEFAULT_MAX_NODES, view_nodes
from graph.store.backends import Store

__all__ = ["describe_view", "map_model_for", "map_view", "view_subgraph"]


def view_subgraph(network: Network, nodes: set[str], description: str, title: str = "") -> Subgraph:
    """The nodes of a view and the links between them; `description` (e.g. the view's query
    string) names the file, `title` says in words which view it is."""
    graph = network.graph.subgraph(nodes).copy()
    stem = "".join(c if c.isalnum() else "-" for c in f"view-{description or 'all'}".lower())
    stem = "-".join(part for part in stem.split("-") if part)[:100].strip("-")
    counts = f"{len(graph)} nodes, {graph.number_of_edges()} links"
    return Subgraph(graph, stem, f"map view: {title or description or 'everything'} ({counts})")


def describe_view(model: MapModel, params: ViewParams) -> str:
    """The view in words, for a file's title: "around Kite (1 step); in Leiden; kinds: company"."""
    def name(value: str) -> str:
        iri = model.resolve(value)
        return model.label(iri) if iri else value

    parts = []
    if params.lens:
        lens = next((lens for lens in LENSES if lens.id == params.lens), None)
        parts.append(f"lens {lens.labels['en'] if lens else params.lens}")
    if params.focus:
        parts.append(f"around {name(params.focus)} ({params.depth} step{'s' if params.depth > 1 else ''})")
    for field, words in (("place", "in"), ("partnership", "in"), ("area", "area")):
        parts.extend(f"{words} {name(v)}" for v in getattr(params, field))
    if params.kind:
        parts.append("kinds: " + ", ".join(params.kind))
    if params.year_from is not None or params.year_to is not None:
        parts.append(f"years {params.year_from or '...'} to {params.year_to or '...'}")
    if params.at is not None:
        parts.append(f"as it stood in {params.at}" + ("" if params.undated else ", dated only"))
    if params.show:
        parts.append("with shared attributes: " + ", ".join(params.show))
    parts.extend(f"neighbours of {name(v)}" for v in params.expand)
    if params.path_from and params.path_to:
        parts.append(f"paths {name(params.path_from)} → {name(params.path_to)}")
    return "; ".join(parts) or "the first view"


class _Args:
    """A mapping of lists seen as the multi-dict the map's parameter reader takes."""

    def __init__(self, params: Mapping[str, Sequence[str]]) -> None:
        self._params = params

    def getlist(self, key: str) -> list[str]:
        return list(self._params.get(key, ()))

    def keys(self) -> KeysView[str]:
        return self._params.keys()


def map_view(model: MapModel, params: Mapping[str, Sequence[str]], *,
             max_nodes: int = DEFAULT_MAX_NODES) -> Subgraph:
    """The nodes the map itself draws for these parameters (above `max_nodes`, those drawn one by
    one, as on the page) and the links between them."""
    try:
        parsed = parse_view_params(_Args(params), strict=False)
        nodes = view_nodes(model, parsed, max_nodes=max_nodes)
    except ViewError as error:
        said = message("%(param)s: %(reason)s", param=error.param, reason=error.message)
        unknown = "no entity" in said  # an unknown id: 404, as for every other selection
        value = (list(params.get(error.param, ())) or [None])[0]
        raise ExportError(error.param, said, status=404 if unknown else 400,
                          value=value if unknown else None) from None
    # which entity's details are open changes nothing in the file: not in its name either
    named = replace(parsed, select=None).to_query()
    subgraph = view_subgraph(model.network, set(nodes), named, describe_view(model, parsed))
    subgraph.extra["degree"] = {node: model.degree[node] for node in nodes}  # sized as on the map
    return subgraph


def map_model_for(store: Store, network: Network, base_iri: str) -> MapModel:
    """The map's model of the network (for the CLI; the web app keeps one per process)."""
    return build_map_model(network, base_iri, load_documents(store))
