"""The timeline of an entity over the shipped graph: dated facts in order with the words that give
the year; what has no date stays undated."""

from __future__ import annotations

import pytest

from graph.insight.timeline import timeline
from graph.network.model import MapModel, build_map_model, load_documents
from graph.network.projection import load_network
from graph.store.backends import EmbeddedStore
from ontology.namespaces import DEFAULT_BASE_IRI

ID = DEFAULT_BASE_IRI


@pytest.fixture(scope="module")
def model(shipped_store: EmbeddedStore) -> MapModel:
    return build_map_model(load_network(shipped_store), ID, load_documents(shipped_store))


def test_events_are_in_order_each_with_the_words_that_give_its_year(shipped_store: EmbeddedStore,
                                                                   model: MapModel) -> None:
    found = timeline(shipped_store, model, ID + "janssen")
    years = [event.year for event in found.events]
    assert years == sorted(years) and 2018 in years and 2020 in years
    collaboration = next(e for e in found.events if e.node == ID + "janssen-radboud-samenwerking")
    assert collaboration.year == 2019 and collaboration.what == "startYear"
    assert any("2019" in (item.get("quote") or "") for item in collaboration.evidence)
    assert collaboration.relation["en"] == "member of"


def test_what_has_no_date_is_undated_not_guessed(shipped_store: EmbeddedStore, model: MapModel) -> None:
    found = timeline(shipped_store, model, ID + "msd")
    dated = {event.node for event in found.events}
    assert found.undated and not dated & set(found.undated)
    assert ID + "msd" in found.undated or ID + "msd" in dated
