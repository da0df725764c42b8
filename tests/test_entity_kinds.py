"""Index pages by kind, with counts and filters, and their JSON twins (shipped graph)."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

UMCS = {"amsterdam-umc", "lumc", "maastricht-umc", "radboud-umc", "umc-groningen", "umc-utrecht", "vumc"}


def get(client: FlaskClient, url: str):
    response = client.get(url)
    response.close()
    return response


def test_overview_lists_every_kind_with_its_count(client: FlaskClient) -> None:
    overview = get(client, "/kinds.json").get_json()
    kinds = {kind["name"]: kind for kind in overview["kinds"]}
    assert "Organisation" in overview["roots"] and "UniversityMedicalCentre" not in overview["roots"]
    assert kinds["SourceDocument"]["count"] == 5
    assert "UniversityMedicalCentre" in kinds["Organisation"]["narrower"]
    assert kinds["Organisation"]["count"] >= sum(kinds[n]["count"] for n in ("Company", "SciencePark"))
    assert "Evidence" not in kinds
    html = get(client, "/kinds").get_data(as_text=True)
    assert 'href="/kinds/UniversityMedicalCentre"' in html and 'aria-current="page"' in html


def test_a_kind_lists_its_members(client: FlaskClient) -> None:
    umcs = get(client, "/kinds/UniversityMedicalCentre.json").get_json()
    ids = {member["id"] for member in umcs["members"]}
    assert ids >= UMCS
    assert umcs["count"] == umcs["shown"] == len(ids)
    html = get(client, "/kinds/UniversityMedicalCentre").get_data(as_text=True)
    assert 'href="/id/radboud-umc"' in html and "Radboud" in html
    parks = get(client, "/kinds/SciencePark.json").get_json()
    assert "pivot-park" in {member["id"] for member in parks["members"]}
    partnerships = get(client, "/kinds/Partnership.json").get_json()
    kinds = {sub["name"] for sub in partnerships["subkinds"]}
    assert {"Consortium", "PublicPrivatePartnership"} <= kinds  # narrower kinds are members too


def test_filters_narrow_the_members_and_counts_stay(client: FlaskClient) -> None:
    everything = get(client, "/kinds/Organisation.json").get_json()
    in_leiden = get(client, "/kinds/Organisation.json?place=leiden").get_json()
    assert in_leiden["count"] == everything["count"]
    assert 0 < in_leiden["shown"] < everything["count"]
    assert all("leiden" in {p["id"] for p in m["places"]} for m in in_leiden["members"])
    assert "lumc" in {m["id"] for m in in_leiden["members"]}
    umcs = get(client, "/kinds/Organisation.json?sub=UniversityMedicalCentre").get_json()
    assert {m["id"] for m in umcs["members"]} >= UMCS and {m["kind"] for m in umcs["members"]} == {
        "UniversityMedicalCentre"}
    radboud = get(client, "/kinds/Organisation.json?q=radbóud").get_json()
    assert [m["id"] for m in radboud["members"]] == ["radboud-umc", "radboud-universiteit"]
    counted = {p["id"]: p["count"] for p in everything["places"]}
    assert counted["leiden"] == in_leiden["shown"]


@pytest.mark.parametrize(("url", "status", "parameter"), [
    ("/kinds/Unicorn.json", 404, "kind"), ("/kinds/Organisation.json?sub=City", 400, "sub"),
    ("/kinds/Organisation.json?place=atlantis", 400, "place")])
def test_bad_kinds_and_filters_name_the_parameter(client: FlaskClient, url: str, status: int,
                                                   parameter: str) -> None:
    response = get(client, url)
    assert response.status_code == status
    body = response.get_json()
    assert body["parameter"] == parameter and body["allowed"]
    html = get(client, url.replace(".json", ""))
    assert html.status_code == status and html.mimetype == "text/html"
