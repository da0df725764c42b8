"""The map knows the kinds of statement the documents make in prose: proposals drawn as proposals,
events and products as nodes, technologies as a filter, and the logistics chain from companies
through hubs to the initiatives there, each link with its quote."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from graph.store.backends import EmbeddedStore
from webapp import create_app


@pytest.fixture(scope="module")
def client(shipped_store: EmbeddedStore) -> Iterator[FlaskClient]:
    app = create_app({"LSHKG_ENDPOINT": None, "LSHKG_STORE_DIR": str(shipped_store.path), "TESTING": True})
    app.extensions["lshkg.store"] = shipped_store
    with app.test_client() as client:
        yield client
    app.extensions.pop("lshkg.store", None)


def get(client: FlaskClient, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def nodes(view: dict) -> dict[str, dict]:
    return {node["id"]: node for node in view["nodes"]}


def test_a_proposal_is_drawn_as_a_proposal_with_proposed_links_not_memberships(client: FlaskClient) -> None:
    view = get(client, "/api/map/view?focus=geneesmiddel-regieorgaan&depth=1")
    drawn = nodes(view)
    assert drawn["geneesmiddel-regieorgaan"]["family"] == "proposal"
    assert drawn["geneesmiddel-regieorgaan"]["kind"] == "Proposal"
    predicates = {e["predicate"] for e in view["edges"] if "geneesmiddel-regieorgaan" in (e["from"], e["to"])}
    assert any(p.endswith("proposedParticipant") for p in predicates)
    assert any(p.endswith("proposedBy") for p in predicates)
    assert not any(p.endswith("memberOf") for p in predicates)
    legend = {family["key"]: family for family in view["legend"]}
    assert legend["proposal"]["labels"]["en"] == "Proposal"


def test_technologies_filter_the_map(client: FlaskClient) -> None:
    options = get(client, "/api/map/options")
    offered = {area["id"] for area in options["areas"]}
    assert {"tech-car-t-cell-therapy", "tech-rna-interference", "area-oncology"} <= offered
    car_t = set(nodes(get(client, "/api/map/view?area=tech-car-t-cell-therapy")))
    assert {"kite", "kite-hoofddorp", "tech-car-t-cell-therapy"} <= car_t
    assert "alnylam" not in car_t
    assert "alnylam" in nodes(get(client, "/api/map/view?area=tech-rna-interference"))
    wrong = get(client, "/api/map/view?area=kite", 400)
    assert wrong["param"] == "area" and "technology" in wrong["error"]


def test_the_logistics_chain_runs_from_companies_through_hubs_to_initiatives(client: FlaskClient) -> None:
    drawn = set(nodes(get(client, "/api/map/view?lens=logistics")))
    assert {"amgen-europe", "schiphol", "haven-rotterdam", "haven-antwerpen"} <= drawn
    assert {"pharma-gateway-amsterdam", "nederlandse-luchtvrachtgemeenschap"} <= drawn
    link = get(client, "/api/map/edge?from=amgen-europe&to=schiphol&predicate=shipsThrough")
    assert any("via Schiphol" in e["quote"] for e in link["evidence"])
    gateway = get(client, "/api/map/edge?from=pharma-gateway-amsterdam&to=schiphol&predicate=locatedIn")
    assert gateway["evidence"]


def test_events_and_approvals_are_on_the_map_with_their_links(client: FlaskClient) -> None:
    view = get(client, "/api/map/view?focus=transatlantic-life-sciences-partnership&depth=1")
    drawn = nodes(view)
    assert drawn["bio-conference"]["family"] == "event"
    assert drawn["webinar-emer-cooke-2021"]["kind"] == "Webinar"
    approval = nodes(get(client, "/api/map/view?focus=ema&depth=1"))
    assert approval["approval-ema-janssen-covid-19-vaccine"]["family"] == "product"
    guest = get(client, "/api/map/edge?from=webinar-emer-cooke-2021&to=emer-cooke&predicate=guest")
    assert any("Emer Cooke" in e["quote"] for e in guest["evidence"])
