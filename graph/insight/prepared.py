"""The map model with every answer that rests on it alone made at once: what `lshkg build` keeps
beside the store, so that no visitor's request makes them. Made on a first request instead, the
network in words (betweenness and communities of the actors) kept the first visitor of the map
waiting nine seconds at ten million triples, in each server process.

    model = prepared(build_map_model(load_network(store), base_iri, load_documents(store)))
"""

from __future__ import annotations

from graph.insight.overview import overview
from graph.network.dates import time_axis
from graph.network.model import MapModel
from graph.network.options import filter_options
from graph.network.view_index import view_index

__all__ = ["prepared"]


def prepared(model: MapModel) -> MapModel:
    """`model`, its answers kept in `model.cache`: the view index, the dates and year axis, the
    filter choices and the overview (all read, with the model, in a tenth of the time they take to
    make)."""
    view_index(model)
    time_axis(model)
    filter_options(model)
    overview(model)
    return model
