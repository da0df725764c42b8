"""The search page and its JSON twin: Dutch and English names, abbreviations, typos, no accents."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient


def hits(client: FlaskClient, query: str) -> list[dict]:
    response = client.get("/search.json", query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["hits"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Europees Medicijn Agentschap", "ema"),      # Dutch label
    ("European Medicines Agency", "ema"),         # English label
    ("EMA", "ema"), ("UMCG", "umc-groningen"),    # abbreviations
    ("Lead Factori", "european-lead-factory"),    # misspelt
    ("radbod umc", "radboud-umc"),                # misspelt
    ("Geneesmiddelenautoriteit", "ema"),          # part of another Dutch name
])
def test_finds_by_name_abbreviation_and_typo(client: FlaskClient, text: str, expected: str) -> None:
    found = hits(client, {"q": text})
    assert found and found[0]["id"] == expected, [h["id"] for h in found]
    assert found[0]["href"] == f"/id/{expected}" and found[0]["kindLabel"]


def test_accents_do_not_matter(client: FlaskClient) -> None:
    without = hits(client, {"q": "Antimicrobiele resistentie", "lang": "nl"})
    assert without[0]["id"] == "area-antimicrobial-resistance"
    assert without[0]["label"] == "Antimicrobiële resistentie"
    assert [h["id"] for h in hits(client, {"q": "Antimicrobiële"})] == [
        h["id"] for h in hits(client, {"q": "antimicrobiele"})]


def test_labels_in_the_language_asked_for_and_kind_filter(client: FlaskClient) -> None:
    assert hits(client, {"q": "EMA", "lang": "nl"})[0]["label"] == "Europees Medicijn Agentschap"
    umcs = hits(client, {"q": "umc", "kind": "Organisation", "limit": "50"})
    assert umcs and all(h["kind"] != "City" for h in umcs)
    only_umcs = hits(client, {"q": "umc", "kind": "UniversityMedicalCentre"})
    assert {h["kind"] for h in only_umcs} == {"UniversityMedicalCentre"}


def test_the_page_shows_the_hits_as_links(client: FlaskClient) -> None:
    response = client.get("/search?q=radbod+umc")
    html = response.get_data(as_text=True)
    response.close()
    assert response.status_code == 200
    assert 'href="/id/radboud-umc"' in html and "University medical centre" in html
    assert 'value="radbod umc"' in html
    empty = client.get("/search")
    assert empty.status_code == 200 and 'id="hits"' not in empty.get_data(as_text=True)
    empty.close()


@pytest.mark.parametrize(("query", "parameter"), [
    ("q=x&lang=fr", "lang"), ("q=x&lang=", "lang"), ("q=x&limit=0", "limit"), ("q=x&limit=many", "limit"),
    ("q=x&kind=Unicorn", "kind"), ("q=" + "a" * 201, "q")])
def test_bad_parameters_are_400_naming_them(client: FlaskClient, query: str, parameter: str) -> None:
    response = client.get("/search.json?" + query)
    assert response.status_code == 400
    assert response.get_json()["parameter"] == parameter
    page = client.get("/search?" + query)
    assert page.status_code == 400 and parameter in page.get_data(as_text=True)
    page.close()
