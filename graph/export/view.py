"""The map's current view as a subgraph to export, from the map's URL parameters: the map's own
view code decides which nodes a view shows (one definition for the page and the export)."""

from __future__ import annotations

from collections.abc import KeysView, Mapping, Sequence

from graph.export.subgraph import ExportError, Subgraph
from graph.network.model import MapModel, build_map_model, load_documents
from graph.network.params import ViewError, parse_view_params
from graph.network.projection import Network
from graph.network.view import view_nodes
from graph.store.backends import Store

__all__ = ["map_model_for", "map_view", "view_subgraph"]


def view_subgraph(network: Network, nodes: set[str], description: str) -> Subgraph:
    """The nodes of a view and the links between them; `description` (e.g. the view's query
    string) names the file."""
    graph = network.graph.subgraph(nodes).copy()
    stem = "".join(c if c.isalnum() else "-" for c in f"view-{description or 'all'}".lower())
    stem = "-".join(part for part in stem.split("-") if part)[:100].strip("-")
    return Subgraph(graph, stem, f"map view: {description or 'everything'} ({len(graph)} nodes)")


class _Args:
    """A mapping of lists seen as the multi-dict the map's parameter reader takes."""

    def __init__(self, params: Mapping[str, Sequence[str]]) -> None:
        self._params = params

    def getlist(self, key: str) -> list[str]:
        return list(self._params.get(key, ()))

    def keys(self) -> KeysView[str]:
        return self._params.keys()


def map_view(model: MapModel, params: Mapping[str, Sequence[str]]) -> Subgraph:
    """The nodes the map itself shows for these parameters."""
    try:
        parsed = parse_view_params(_Args(params), strict=False)
        nodes = view_nodes(model, parsed)
    except ViewError as error:
        message = str(error)
        unknown = "no entity" in message  # an unknown id: 404, as for every other selection
        value = (list(params.get(error.param, ())) or [None])[0]
        raise ExportError(error.param, message, status=404 if unknown else 400,
                          value=value if unknown else None) from None
    return view_subgraph(model.network, set(nodes), parsed.to_query())


def map_model_for(store: Store, network: Network, base_iri: str) -> MapModel:
    """The map's model of the network (for the CLI; the web app keeps one per process)."""
    return build_map_model(network, base_iri, load_documents(store))
