"""The network in words over the shipped graph: only links between actors count, groups are named
after their members, places and themes, and two entities are compared by what they share."""

from __future__ import annotations

import pytest

from graph.insight.overview import ACTOR_FAMILIES, actor_network, compare, overview
from graph.network.model import MapModel, build_map_model, load_documents
from graph.network.projection import load_network
from graph.store.backends import EmbeddedStore
from ontology.namespaces import DEFAULT_BASE_IRI

ID = DEFAULT_BASE_IRI


@pytest.fixture(scope="module")
def model(shipped_store: EmbeddedStore) -> MapModel:
    return build_map_model(load_network(shipped_store), ID, load_documents(shipped_store))


def test_places_and_themes_never_link_actors(model: MapModel) -> None:
    actors = actor_network(model)
    assert all(model.family[node].key in ACTOR_FAMILIES for node in actors)
    assert ID + "netherlands" not in actors and ID + "leiden" not in actors
    # every link kept is a link of the full network between two actors
    assert all(model.links.has_edge(u, v) for u, v in actors.edges())


def test_the_most_linked_actors_are_ranked_by_their_links_with_actors(model: MapModel) -> None:
    found = overview(model)
    links = [found.actors[n].links for n in found.central]
    assert links == sorted(links, reverse=True) and links[0] > 1
    actors = actor_network(model)
    assert all(found.actors[n].links == actors.degree(n) for n in found.central)
    msd = found.actors[ID + "msd"]
    assert msd.family == "company" and msd.rank_in_kind == 1 and msd.of_kind > 20


def test_groups_are_named_after_their_place_and_theme(model: MapModel) -> None:
    found = overview(model)
    assert len(found.groups) > 3
    sizes = [len(group.members) for group in found.groups]
    assert sizes == sorted(sizes, reverse=True)
    leiden = next(g for g in found.groups if ID + "janssen" in g.members)
    assert leiden.city == ID + "leiden"
    for broker, linked in found.brokers:
        assert len(linked) > 1 and found.actors[broker].betweenness > 0


def test_partnerships_are_ranked_by_the_organisations_they_bind(model: MapModel) -> None:
    counts = [count for _, count in overview(model).binding]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 4
    assert ID + "european-lead-factory" in dict(overview(model).binding)


def test_compare_names_what_two_entities_share(model: MapModel) -> None:
    shared = compare(model, ID + "janssen", ID + "lumc")
    assert ID + "leiden" in shared["places"]
    assert shared["linked"] == []
    assert compare(model, ID + "kite", ID + "lumc")["partners"] == []
