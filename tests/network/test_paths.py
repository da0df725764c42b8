"""The one path search behind the map's path finder, /paths and `lshkg paths`, on the shipped graph."""

from __future__ import annotations

import doctest

import pytest

import graph.network.paths
from graph.insight.sentences import tell_paths
from graph.network.kinds import ACTOR_FAMILIES, ATTRIBUTE_PATH_AVOID
from graph.network.model import MapModel, build_map_model, load_documents
from graph.network.params import parse_view_params
from graph.network.paths import find_paths
from graph.network.projection import load_network
from graph.network.view import compute_view
from graph.store.backends import EmbeddedStore
from ontology.namespaces import DEFAULT_BASE_IRI

ID = DEFAULT_BASE_IRI


@pytest.fixture(scope="module")
def model(shipped_store: EmbeddedStore) -> MapModel:
    return build_map_model(load_network(shipped_store), ID, load_documents(shipped_store))


def test_docstring_examples() -> None:
    assert doctest.testmod(graph.network.paths).failed == 0


def test_paths_run_over_links_between_actors_by_default(model: MapModel) -> None:
    found = find_paths(model, ID + "tno", ID + "radboud-umc")
    assert found and all(model.family[n].key in ACTOR_FAMILIES for path in found for n in path)
    assert find_paths(model, ID + "kite", ID + "lumc") == []  # they share only places and themes


def test_shared_attributes_only_when_asked_and_never_a_region(model: MapModel) -> None:
    found = find_paths(model, ID + "kite", ID + "lumc", avoid=ATTRIBUTE_PATH_AVOID)
    assert found and all(model.family[n].key != "region" for path in found for n in path[1:-1])
    assert any(model.family[n].key not in ACTOR_FAMILIES for n in found[0][1:-1])


def test_the_shortest_first_then_other_intermediaries(model: MapModel) -> None:
    found = find_paths(model, ID + "kite", ID + "lumc", avoid=ATTRIBUTE_PATH_AVOID, limit=3)
    assert len(found[0]) == min(len(path) for path in found)
    middles = [set(path[1:-1]) for path in found]
    assert all(not (a & b) for i, a in enumerate(middles) for b in middles[i + 1:])


def test_excluded_kinds_of_link_are_not_walked(model: MapModel) -> None:
    assert find_paths(model, ID + "tno", ID + "radboud-umc", exclude=["memberOf"]) == []


def test_the_map_and_the_sentences_take_the_same_paths(model: MapModel) -> None:
    for ends, asked in ((("tno", "radboud-umc"), {}), (("kite", "lumc"), {"avoid": "region"})):
        view = compute_view(model, parse_view_params({"from": ends[0], "to": ends[1], **asked}))
        told = tell_paths(model, ID + ends[0], ID + ends[1], attributes=bool(asked), limit=5)
        assert view["path"]["paths"] == [[model.short_id(n) for n in path.nodes] for path in told]
