"""`/overview` and `/compare` with their JSON twins, through the Flask client."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_the_overview_tells_the_network_in_words(client: FlaskClient) -> None:
    body = client.get("/overview.json").get_json()
    assert body["central"][0]["links"] >= body["central"][-1]["links"]
    assert all(not name.startswith("community") for g in body["groups"] for name in [g["name"]])
    janssen_group = next(g for g in body["groups"] if any(m["id"] == "janssen" for m in g["members"]))
    assert "Leiden" in janssen_group["name"]
    assert body["method"]["seed"] == 7 and body["method"]["actors"] > 100
    html = client.get("/overview").get_data(as_text=True)
    assert "Ecosystem overview" in html and "Louvain" in html and "MSD" in html


def test_the_overview_in_dutch(client: FlaskClient) -> None:
    html = client.get("/overview?lang=nl").get_data(as_text=True)
    assert "Overzicht van het ecosysteem" in html and "verbindingen" in html and 'lang="nl"' in html


def test_compare_two_entities(client: FlaskClient) -> None:
    body = client.get("/compare.json?a=janssen&b=lumc").get_json()
    assert body["a"]["label"] == "Janssen" and body["linked"] is False
    assert "Leiden" in [place["label"] for place in body["places"]]
    html = client.get("/compare?a=janssen&b=lumc").get_data(as_text=True)
    assert "They are not linked directly." in html and "Places of both" in html


def test_compare_names_the_parameter_at_fault(client: FlaskClient) -> None:
    missing = client.get("/compare.json?a=janssen")
    assert missing.status_code == 400 and missing.get_json()["parameter"] == "b"
    unknown = client.get("/compare.json?a=janssen&b=no-such-thing")
    assert unknown.status_code == 404 and unknown.get_json()["parameter"] == "b"
    page = client.get("/compare?a=<script>&b=lumc")
    assert page.status_code == 404 and "<script>" not in page.get_data(as_text=True)
    assert client.get("/overview.json?lang=de").status_code == 400
