"""Entity pages show the kinds of statement the documents make in prose, on both sides, each with
its quote: approvals, proposals, events, logistics, reasons and technologies."""

from __future__ import annotations

from flask.testing import FlaskClient

from ontology.namespaces import DEFAULT_BASE_IRI as ID

LSH = "https://w3id.org/lsh-kg/ontology#"


def groups_of(client: FlaskClient, entity: str) -> dict[str, list[dict]]:
    response = client.get(f"/id/{entity}.json")
    assert response.status_code == 200
    return {group["group"]: group["facts"] for group in response.get_json()["groups"]}


def facts(groups: dict[str, list[dict]], group: str, predicate: str, direction: str) -> dict[str, list]:
    """The far ends of one kind of link in one group, each with its quotes."""
    return {f["value"]["iri"][len(ID):]: [e["quote"] for e in f["evidence"]]
            for f in groups.get(group, [])
            if f["predicate"] == LSH + predicate and f["direction"] == direction}


def test_an_approval_shows_on_the_authoritys_page_and_the_products(client: FlaskClient) -> None:
    ema = facts(groups_of(client, "ema"), "decisions", "decidedBy", "in")
    assert set(ema) >= {"approval-ema-janssen-covid-19-vaccine", "approval-ema-kite-second-cell-therapy"}
    assert any("voorwaardelijke goedkeuring" in q for q in ema["approval-ema-janssen-covid-19-vaccine"])
    vaccine = groups_of(client, "janssen-covid-19-vaccine")
    assert "approval-ema-janssen-covid-19-vaccine" in facts(vaccine, "decisions", "product", "in")
    assert "janssen" in facts(vaccine, "decisions", "manufacturer", "out")
    janssen = facts(groups_of(client, "janssen"), "decisions", "manufacturer", "in")
    assert "janssen-covid-19-vaccine" in janssen


def test_a_proposal_shows_on_the_proposers_page_and_its_participants_never_as_members(
        client: FlaskClient) -> None:
    vig = facts(groups_of(client, "vig"), "proposals", "proposedBy", "in")
    assert {"geneesmiddel-regieorgaan", "nationale-regietafel-biotechnologie-en-medicijnen"} <= set(vig)
    vnci = groups_of(client, "vnci")
    assert "geneesmiddel-regieorgaan" in facts(vnci, "proposals", "proposedParticipant", "in")
    assert not facts(vnci, "works-with", "memberOf", "out")
    regieorgaan = client.get("/id/geneesmiddel-regieorgaan").get_data(as_text=True)
    assert "Proposals" in regieorgaan and "proposed participant" in regieorgaan


def test_an_event_shows_on_the_pages_of_everyone_taking_part(client: FlaskClient) -> None:
    guest = facts(groups_of(client, "emer-cooke"), "events", "guest", "in")
    assert any("webinar was hosted with Emer Cooke" in q for q in guest["webinar-emer-cooke-2021"])
    assert "mit-hackathon-beat-the-pandemic" in facts(groups_of(client, "mit"), "events", "organiser", "in")


def test_logistics_reasons_and_technologies_with_their_quotes(client: FlaskClient) -> None:
    amgen = groups_of(client, "amgen-europe")
    assert set(facts(amgen, "logistics", "shipsThrough", "out")) >= {"schiphol", "haven-rotterdam"}
    schiphol = groups_of(client, "schiphol")
    assert "amgen-europe" in facts(schiphol, "logistics", "shipsThrough", "in")
    assert "kite" in facts(schiphol, "reasons", "attractedBy", "in")
    kite = facts(groups_of(client, "kite"), "technologies", "technology", "out")
    assert any("CAR T-celtherapie" in q for q in kite["tech-car-t-cell-therapy"])


def test_a_reference_is_marked_as_such_on_the_page(client: FlaskClient) -> None:
    page = client.get("/id/actieplan-infectieziekten").get_data(as_text=True)
    assert "(a reference in the document's links, not its text)" in page


def test_a_companys_page_shows_the_approvals_of_its_products(client: FlaskClient) -> None:
    body = client.get("/id/kite.json").get_json()
    approvals = {a["decision"]["iri"][len(ID):]: a for a in body["productApprovals"]}
    kite = approvals["approval-ema-kite-second-cell-therapy"]
    assert kite["product"]["iri"] == ID + "kite-second-cell-therapy"
    assert kite["authority"]["iri"] == ID + "ema" and kite["year"] == 2020
    assert kite["yearBasis"] == "GeneralKnowledge"
    assert kite["decision"]["kind"] == "Approval"
    assert any("nu de EMA onze tweede celtherapie heeft goedgekeurd" in e["quote"] for e in kite["evidence"])
    janssen = client.get("/id/janssen.json").get_json()["productApprovals"]
    assert [(a["decision"]["kind"], a["year"]) for a in janssen] == [("ConditionalApproval", 2021)]
    page = client.get("/id/janssen").get_data(as_text=True)
    section = page[page.index('id="product-approvals"'):]
    assert "Approvals of its products" in section and "2021 <span class=\"general-knowledge\">" in section
    assert "voorwaardelijke goedkeuring" in section and "EMA" in section
    assert 'id="product-approvals"' not in client.get("/id/msd").get_data(as_text=True)


def test_the_map_vaccines_are_products_of_the_companies_beside_them(client: FlaskClient) -> None:
    for vaccine, makers in {"astrazeneca-vaccin": {"astrazeneca", "halix"},
                            "curevac-vaccin": {"curevac", "wacker"}}.items():
        body = client.get(f"/id/{vaccine}.json").get_json()
        assert body["kind"] == "Vaccine"
        groups = {group["group"]: group["facts"] for group in body["groups"]}
        assert set(facts(groups, "decisions", "manufacturer", "out")) == makers
        assert not facts(groups, "works-with", "member", "in")
    halix = facts(groups_of(client, "halix"), "decisions", "manufacturer", "in")
    assert halix["astrazeneca-vaccin"] == ["Halix AstraZeneca vaccin"]


def test_the_award_leads_to_its_foundation_and_its_announcement(client: FlaskClient) -> None:
    award = groups_of(client, "henri-termeer-transatlantic-connections-award")
    fellows = facts(award, "works-with", "fellowshipAt", "out")
    quotes = fellows["henri-termeer-foundation"]
    assert any("become fellows at the Henri Termeer Foundation" in q for q in quotes)
    assert "innovation-for-health" in facts(award, "events", "announcedAt", "out")
    foundation = groups_of(client, "henri-termeer-foundation")
    fellows_from = facts(foundation, "works-with", "fellowshipAt", "in")
    assert "henri-termeer-transatlantic-connections-award" in fellows_from
    nominated = facts(groups_of(client, "future-policy-award"), "works-with", "nominatedFor", "in")
    assert "ketenaanpak-medicijnresten-uit-oppervlaktewater" in nominated
