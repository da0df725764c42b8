"""The map's first views settled when the dataset is built: each answers exactly what computing it
answers (but for the force layout's positions), in every language and with any entity's details
open; their positions are a layout, not noise; `lshkg build` writes them and the server serves them."""

from __future__ import annotations

import itertools
import math
import statistics
from dataclasses import replace
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from graph.network.model import MapModel, build_map_model, load_documents
from graph.network.params import ViewError, ViewParams, parse_view_params
from graph.network.projection import load_network
from graph.network.settled import LINKED_DISTANCE, SETTLED, derived_name, settle_views, settled_view
from graph.network.view import compute_view
from graph.store.backends import EmbeddedStore
from graph.store.derived import derived_folder
from ontology.namespaces import DEFAULT_BASE_IRI
from tests.conftest import make_app

CAPS = (60, 500)  # reduced to clusters, and drawn whole


@pytest.fixture(scope="module")
def model(shipped_store: EmbeddedStore) -> MapModel:
    return build_map_model(load_network(shipped_store), DEFAULT_BASE_IRI, load_documents(shipped_store))


@pytest.fixture(scope="module")
def settled(model: MapModel) -> dict:
    return {cap: settle_views(model, cap) for cap in CAPS}


def without_positions(view: dict) -> dict:
    """The view as computing it gives it: the force layout's positions and mark taken out."""
    if view["layout"] != "force":
        return view
    strip = [{k: v for k, v in item.items() if k not in ("x", "y")} for item in view["nodes"]]
    clusters = [{k: v for k, v in item.items() if k not in ("x", "y")} for item in view["clusters"]]
    return {**{k: v for k, v in view.items() if k != "settled"}, "nodes": strip, "clusters": clusters}


def variants(params: ViewParams) -> list[ViewParams]:
    return [params, replace(params, lang="nl"), replace(params, physics=False),
            replace(params, colour="community"), replace(params, select="leiden-bio-science-park"),
            replace(params, lang="nl", select="european-lead-factory")]


@pytest.mark.parametrize("cap", CAPS)
def test_a_settled_view_is_the_computed_view(model: MapModel, settled: dict, cap: int) -> None:
    for params in SETTLED:
        for asked in variants(params):
            answer = settled_view(model, settled[cap], asked, cap)
            assert answer is not None, asked.to_query()
            assert without_positions(answer) == compute_view(model, asked, max_nodes=cap), asked.to_query()
            assert answer["query"] == asked.to_query() and answer["lang"] == asked.lang


def test_the_cap_of_sixty_reduces_the_whole_view(settled: dict) -> None:
    """Else the test above would not show the clusters settled."""
    view = settled[60].views[""]
    assert view["reduced"] and view["clusters"] and len(view["nodes"]) <= 60


def test_other_views_and_other_caps_are_computed(model: MapModel, settled: dict) -> None:
    for query in ({"kind": "company"}, {"focus": "leiden"}, {"lens": "gateways"}, {"at": "2010"},
                  {"show": "city"}, {"open": "kind:company"}, {"from": "leiden", "to": "utrecht"}):
        assert settled_view(model, settled[500], parse_view_params(MultiDict(query)), 500) is None, query
    assert settled_view(model, settled[500], ViewParams(), 499) is None
    assert settled_view(model, None, ViewParams(), 500) is None


def test_an_unknown_entity_asked_for_details_is_refused_as_when_computed(model: MapModel,
                                                                          settled: dict) -> None:
    asked = ViewParams(select="no-such-thing")
    with pytest.raises(ViewError) as computed:
        compute_view(model, asked, max_nodes=500)
    with pytest.raises(ViewError) as answered:
        settled_view(model, settled[500], asked, 500)
    assert (answered.value.param, str(answered.value)) == (computed.value.param, str(computed.value))


def test_a_caller_may_add_to_its_copy(model: MapModel, settled: dict) -> None:
    first = settled_view(model, settled[60], ViewParams(), 60)
    first["nodes"][0]["broker"] = True
    first["clusters"][0]["x"] = 1e9
    first["chosen"]["select"] = []
    again = settled_view(model, settled[60], ViewParams(), 60)
    assert "broker" not in again["nodes"][0] and again["clusters"][0]["x"] != 1e9
    assert "select" not in again["chosen"]


@pytest.mark.parametrize("cap", CAPS)
def test_the_force_layout_places_linked_items_near_and_the_rest_apart(settled: dict, cap: int) -> None:
    view = settled[cap].views[""]
    assert view["settled"] is True
    items = {item["id"]: (item["x"], item["y"]) for item in (*view["nodes"], *view["clusters"])}
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in items.values())
    linked = [math.dist(items[e["from"]], items[e["to"]]) for e in view["edges"] if e["from"] != e["to"]]
    assert statistics.median(linked) == pytest.approx(LINKED_DISTANCE, rel=0.05)
    ids = sorted(items)
    every_pair = [math.dist(items[a], items[b]) for a, b in itertools.pairwise(ids)]
    assert statistics.median(every_pair) > 1.5 * LINKED_DISTANCE  # a layout, not one heap
    assert len(set(items.values())) == len(items)  # no two items on one spot


def test_positions_are_the_same_each_time(model: MapModel, settled: dict) -> None:
    again = settle_views(model, 60)
    assert again.views == settled[60].views


def test_only_the_force_layout_gets_positions_from_here(settled: dict) -> None:
    for key, view in settled[500].views.items():
        if view["layout"] == "hierarchical":
            assert "settled" not in view and all("x" not in node for node in view["nodes"]), key
        if view["layout"] == "geo":  # the geographic layout's own positions, not the force layout's
            assert "settled" not in view and all("x" in node for node in view["nodes"]), key


def test_build_writes_them_and_the_server_answers_from_them(tiny_store: Path) -> None:
    assert (derived_folder(tiny_store) / f"{derived_name(500)}.pickle").is_file()
    app = make_app(str(tiny_store))
    with app.test_client() as client:
        first = client.get("/api/map/view?lang=nl").get_json()
        filtered = client.get("/api/map/view?kind=company").get_json()
    assert first["settled"] is True and first["lang"] == "nl" and first["query"] == "lang=nl"
    assert all("x" in node for node in first["nodes"])
    assert "settled" not in filtered and all("x" not in node for node in filtered["nodes"])
