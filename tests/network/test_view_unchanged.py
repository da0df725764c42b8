"""The map's views computed by the current code are those the code before the numbered neighbourhood
computed (tests/network/view_before.py), to the byte of their JSON: over the shipped graph and a small
synthetic one, around hubs and typical nodes, at every depth, with filters, both cluster modes, opened
clusters, expanded nodes, paths, lenses, the year slider and every layout, at several node caps."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from graph.network.kinds import ATTRIBUTE_FAMILIES
from graph.network.lenses import available_lenses
from graph.network.model import MapModel, build_map_model
from graph.network.params import parse_view_params
from graph.network.projection import load_network
from graph.network.view import compute_view, view_nodes
from graph.store.backends import EmbeddedStore, load_store
from ontology.namespaces import DEFAULT_BASE_IRI
from tests.network import view_before

CAPS = (40, 150, 500)


@pytest.fixture(scope="module")
def shipped_model(shipped_store: EmbeddedStore) -> MapModel:
    return build_map_model(load_network(shipped_store), DEFAULT_BASE_IRI)


@pytest.fixture(scope="module")
def synthetic_model(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MapModel]:
    from bench.synthetic import generate

    folder: Path = tmp_path_factory.mktemp("synthetic")
    generate(400, folder / "lsh-kg.nt", seed=3)
    load_store(folder / "lsh-kg.nt", folder / "store")
    store = EmbeddedStore(folder / "store")
    yield build_map_model(load_network(store), DEFAULT_BASE_IRI)
    store.close()


def _actors(model: MapModel) -> list[str]:
    return [node for node in model.ranked if model.family[node].key not in ATTRIBUTE_FAMILIES]


def _views(model: MapModel) -> list[MultiDict]:
    """Query strings of many views of `model`: hubs and typical nodes at every depth, filters, both
    cluster modes, opened clusters (found in the views themselves), layouts, paths and years."""
    actors = _actors(model)
    hubs, typical = actors[:3], [actors[len(actors) // 2], actors[len(actors) * 3 // 4]]
    city = next(node for node in model.ranked if model.family[node].key == "city")
    short = model.short_id
    views: list[list[tuple[str, str]]] = [[], [("cluster", "city")], [("layout", "geo")],
                                          [("layout", "hierarchical")], [("kind", "company")],
                                          [("show", "city")], [("show", "city"), ("show", "area")],
                                          [("kind", "company"), ("kind", "university")],
                                          [("place", short(city))],
                                          [("year_from", "2005"), ("year_to", "2018")],
                                          [("at", "2012")], [("at", "2012"), ("undated", "off")],
                                          [("colour", "community")], [("lang", "nl")]]
    for focus in (*hubs, *typical, city):
        for depth in ("1", "2", "3"):
            around = [("focus", short(focus)), ("depth", depth)]
            views += [around, [*around, ("cluster", "city")], [*around, ("layout", "geo")],
                      [*around, ("layout", "hierarchical")], [*around, ("kind", "company")],
                      [*around, ("show", "city")], [*around, ("cluster", "city"), ("layout", "geo")]]
        views.append([("focus", short(focus)), ("depth", "2"), ("expand", short(typical[0])),
                      ("expand", short(hubs[-1]))])
        views.append([("focus", short(focus)), ("depth", "2"), ("at", "2010")])
        views.append([("focus", short(focus)), ("depth", "2"), ("place", short(city))])
    views.append([("from", short(hubs[0])), ("to", short(typical[1]))])
    views.append([("focus", short(hubs[1])), ("depth", "2"), ("from", short(hubs[0])),
                  ("to", short(typical[1]))])
    views.append([("expand", short(hubs[0]))])
    for lens in available_lenses(model)[:3]:
        views += [[("lens", lens.id)], [("lens", lens.id), ("focus", short(hubs[0])), ("depth", "2")]]
    return [MultiDict(view) for view in views]


def _opened(model: MapModel, views: list[MultiDict]) -> list[MultiDict]:
    """The same views again with clusters opened: the first, the last and a split one (both facets)."""
    found = []
    for args in views[:60]:
        clusters = view_before.compute_view(model, parse_view_params(args), max_nodes=40)["clusters"]
        keys = [c["key"] for c in clusters if c["openable"]]
        if not keys:
            continue
        wanted = [keys[0], keys[-1]]
        opened = view_before.compute_view(model, parse_view_params(MultiDict([*args.items(multi=True),
                                                                               ("open", keys[0])])),
                                          max_nodes=40)["clusters"]
        wanted += [c["key"] for c in opened if "/" in c["key"]][:1]
        for key in dict.fromkeys(wanted):
            found.append(MultiDict([*args.items(multi=True), ("open", key)]))
        found.append(MultiDict([*args.items(multi=True), *(("open", key) for key in keys[:3])]))
    return found


def _same(model: MapModel, args: MultiDict, cap: int) -> None:
    params = parse_view_params(args)
    before = view_before.compute_view(model, params, max_nodes=cap)
    now = compute_view(model, params, max_nodes=cap)
    if now != before:
        differ = [key for key in before if before[key] != now.get(key)]
        pytest.fail(f"{params.to_query()} at cap {cap}: {differ} differ")
    assert json.dumps(now) == json.dumps(before), f"{params.to_query()}: the order of keys differs"
    assert view_nodes(model, params, max_nodes=cap) == view_before.view_nodes(model, params, max_nodes=cap)


@pytest.mark.parametrize("graph", ["shipped", "synthetic"])
def test_every_view_is_what_it_was(graph: str, request: pytest.FixtureRequest) -> None:
    model = request.getfixturevalue(f"{graph}_model")
    views = _views(model)
    views += _opened(model, views)
    assert len(views) > 150
    for args in views:
        for cap in CAPS:
            _same(model, args, cap)
