"""Paths as sentences over the shipped graph: over links between actors by default, shared
attributes only when asked and told as such, every hop with its document's words."""

from __future__ import annotations

import pytest

from graph.insight.sentences import evidence_words, tell_paths
from graph.network.model import MapModel, build_map_model, load_documents
from graph.network.projection import load_network
from graph.store.backends import EmbeddedStore
from ontology.namespaces import DEFAULT_BASE_IRI

ID = DEFAULT_BASE_IRI


@pytest.fixture(scope="module")
def model(shipped_store: EmbeddedStore) -> MapModel:
    return build_map_model(load_network(shipped_store), ID, load_documents(shipped_store))


def test_kite_and_lumc_are_not_linked_by_sharing_a_theme_or_a_city(model: MapModel) -> None:
    assert tell_paths(model, ID + "kite", ID + "lumc") == []
    [shared] = tell_paths(model, ID + "kite", ID + "lumc", attributes=True)
    assert shared.through_attribute
    assert all(hop.shared_attribute for hop in shared.hops)
    assert shared.hops[-1].sentence == "Janssen and LUMC both have “located in”: Leiden"


def test_each_hop_is_a_fact_told_in_its_own_direction_with_its_quote(model: MapModel) -> None:
    [path] = tell_paths(model, ID + "tno", ID + "radboud-umc")
    assert path.nodes[0] == ID + "tno" and path.nodes[-1] == ID + "radboud-umc"
    assert not path.through_attribute
    first = path.hops[0]
    assert first.sentence == "TNO member of Collaboration Janssen and TNO"
    [words] = evidence_words(first, model, "en")[:1]
    assert "TNO" in words and words.endswith("(Boston by the North Sea)")
    assert all(evidence_words(hop, model, "en") for hop in path.hops)


def test_the_same_path_in_dutch(model: MapModel) -> None:
    [path] = tell_paths(model, ID + "tno", ID + "radboud-umc", lang="nl")
    assert path.hops[0].sentence == "TNO lid van Samenwerking Janssen en TNO"
    assert evidence_words(path.hops[0], model, "nl")[0].endswith("(Boston aan de Noordzee)")


def test_excluded_kinds_of_link_are_not_walked(model: MapModel) -> None:
    assert tell_paths(model, ID + "tno", ID + "radboud-umc", exclude=["memberOf"]) == []


def test_more_paths_go_through_other_intermediaries(model: MapModel) -> None:
    found = tell_paths(model, ID + "kite", ID + "lumc", attributes=True, limit=3)
    assert 1 <= len(found) <= 3
    middles = [set(path.nodes[1:-1]) for path in found]
    assert all(not (a & b) for i, a in enumerate(middles) for b in middles[i + 1:])
