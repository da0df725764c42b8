"""The map model and the network modules on their own, without the web app."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["kinds", "params", "layout", "outline"])
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(f"graph.network.{name}"))
    assert result.failed == 0 and result.attempted > 0


def test_map_model_of_a_graph_smaller_than_the_betweenness_sample(tmp_path) -> None:
    """Regression: a graph of fewer nodes than the betweenness sample size raised ValueError."""
    from graph.network.model import build_map_model
    from graph.network.projection import load_network
    from graph.store.backends import EmbeddedStore
    from ontology.namespaces import DEFAULT_BASE_IRI
    from tests.conftest import TINY_RECORDS
    from tests.servers import build_store

    build_store(TINY_RECORDS, tmp_path)
    store = EmbeddedStore(tmp_path / "store")
    model = build_map_model(load_network(store), DEFAULT_BASE_IRI)
    store.close()
    assert 0 < len(model.ranked) < 8


@pytest.mark.parametrize("places", [[], [3], [3, 0], [1, 2, 3]])
def test_the_link_pickers_pick_and_are_kept_with_the_model(places: list[int]) -> None:
    """The view index is pickled with the map model: a graph with fewer than two links between
    actors (no `itemgetter` then) must be kept as well as a larger one."""
    import pickle

    from graph.network.view_index import _picker

    items = [10, 11, 12, 13]
    picker = pickle.loads(pickle.dumps(_picker(places)))
    assert picker(items) == tuple(items[place] for place in places)
