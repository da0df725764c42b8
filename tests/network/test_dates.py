"""The network over time on the shipped graph: each node's first year from the documents' dated
facts, links no older than their ends, the undated kept (or left out on request), never guessed."""

from __future__ import annotations

import pytest

from graph.export.view import map_view
from graph.network.dates import link_since, model_dates, stood_at, time_axis
from graph.network.model import MapModel, build_map_model, load_documents
from graph.network.params import ViewError, parse_view_params
from graph.network.projection import load_network
from graph.network.view import compute_view
from graph.store.backends import EmbeddedStore
from ontology.namespaces import DEFAULT_BASE_IRI

ID = DEFAULT_BASE_IRI


@pytest.fixture(scope="module")
def model(shipped_store: EmbeddedStore) -> MapModel:
    return build_map_model(load_network(shipped_store), ID, load_documents(shipped_store))


def test_dates_come_from_founded_started_and_deal_years(model: MapModel) -> None:
    dates = model_dates(model)
    assert dates.since[ID + "pivot-park"] == 2012  # "Pivot Park is in 2012 opgericht"
    assert dates.since[ID + "european-lead-factory"] == 2013  # "opgericht in 2013"
    assert dates.since[ID + "janssen-radboud-samenwerking"] == 2019
    assert dates.undated(ID + "msd")  # no source dates MSD: undated, not guessed


def test_a_link_begins_when_its_later_end_began(model: MapModel) -> None:
    dates = model_dates(model)
    assert link_since(dates, ID + "janssen", ID + "janssen-radboud-samenwerking") == 2019
    assert link_since(dates, ID + "msd", ID + "lumc") is None


def test_the_network_as_it_stood_in_a_year(model: MapModel) -> None:
    nodes = {ID + "pivot-park", ID + "msd", ID + "european-lead-factory"}
    assert stood_at(model, nodes, 2011) == {ID + "msd"}
    assert stood_at(model, nodes, 2012) == {ID + "msd", ID + "pivot-park"}
    assert stood_at(model, nodes, 2013, undated=False) == {ID + "pivot-park", ID + "european-lead-factory"}
    axis = time_axis(model)
    assert axis is not None and 2012 in axis["years"] and axis["undated"] > 0


def test_a_view_and_its_export_at_a_year_lack_what_began_later(model: MapModel) -> None:
    later = compute_view(model, parse_view_params({"at": "2012"}))
    earlier = compute_view(model, parse_view_params({"at": "2011"}))
    assert "pivot-park" in {n["id"] for n in later["nodes"]}
    assert "pivot-park" not in {n["id"] for n in earlier["nodes"]}
    assert all(edge.get("since", 0) <= 2011 for edge in earlier["edges"])
    assert earlier["time"]["at"] == 2011 and earlier["query"] == "at=2011"
    exported = map_view(model, {"at": ["2011"]})
    assert ID + "pivot-park" not in exported.graph and ID + "msd" in exported.graph
    dated_only = compute_view(model, parse_view_params({"at": "2011", "undated": "off"}))
    assert all("since" in n for n in dated_only["nodes"])


def test_a_year_that_is_not_one_is_refused() -> None:
    with pytest.raises(ViewError, match="at"):
        parse_view_params({"at": "20x1"})
    with pytest.raises(ViewError, match="undated"):
        parse_view_params({"undated": "maybe"})
