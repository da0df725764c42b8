"""Index pages by kind, with counts and filters, and their JSON twins (shipped graph)."""

from __future__ import annotations

import math

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


def _walk(client: FlaskClient, url: str) -> tuple[list[str], int]:
    """Every member's id over the pages, following each page's `next`; and how many pages."""
    ids, pages = [], 0
    while url:
        body = get(client, url).get_json()
        ids += [member["id"] for member in body["members"]]
        pages += 1
        url = body["next"]
    return ids, pages


def test_members_come_a_page_at_a_time(client: FlaskClient) -> None:
    whole = get(client, "/kinds/Organisation.json?per_page=1000").get_json()
    assert whole["pages"] == 1 and whole["next"] is None and len(whole["members"]) == whole["shown"] > 60
    first = get(client, "/kinds/Organisation.json").get_json()
    assert first["per_page"] == 100 and first["page"] == 1 and first["previous"] is None
    assert len(first["members"]) == min(100, whole["shown"])
    # in the same order, nothing twice, nothing left out
    ids, pages = _walk(client, "/kinds/Organisation.json?per_page=30")
    assert ids == [member["id"] for member in whole["members"]]
    assert pages == math.ceil(whole["shown"] / 30)
    second = get(client, "/kinds/Organisation.json?per_page=30&page=2").get_json()
    assert second["first"] == 31 and second["previous"].endswith("page=1")
    assert [m["id"] for m in second["members"]] == ids[30:60]


def test_pages_keep_the_filters(client: FlaskClient) -> None:
    in_leiden = get(client, "/kinds/Organisation.json?place=leiden&per_page=1000").get_json()
    ids, pages = _walk(client, "/kinds/Organisation.json?place=leiden&per_page=2")
    assert ids == [member["id"] for member in in_leiden["members"]] and pages == math.ceil(len(ids) / 2)
    html = get(client, "/kinds/Organisation?place=leiden&per_page=2&page=2").get_data(as_text=True)
    assert 'rel="prev" href="/kinds/Organisation?place=leiden&amp;per_page=2&amp;page=1"' in html
    shown_range = "3" if len(ids) == 3 else "3\u20134"
    assert f'<span id="page-range">{shown_range} of {len(ids)}, page 2 of {pages}</span>' in html
    assert '<input type="hidden" name="per_page" value="2">' in html  # filtering again keeps the size


@pytest.mark.parametrize(("query", "status", "parameter"), [
    ("page=0", 400, "page"), ("page=two", 400, "page"), ("page=" + "9" * 5000, 400, "page"),
    ("per_page=1001", 400, "per_page"), ("per_page=%C2%B2", 400, "per_page"),
    ("per_page=50&page=99", 404, "page")])
def test_bad_pages_name_the_parameter(client: FlaskClient, query: str, status: int, parameter: str) -> None:
    response = get(client, f"/kinds/Organisation.json?{query}")
    assert response.status_code == status
    body = response.get_json()
    assert body["parameter"] == parameter and parameter in body["error"] and len(body["error"]) < 200
    if status == 404:
        assert body["pages"] == math.ceil(get(client, "/kinds/Organisation.json").get_json()["shown"] / 50)
    html = get(client, f"/kinds/Organisation?{query}")
    assert html.status_code == status and html.mimetype == "text/html"
