"""`/figures`, its JSON twin and its CSV files over the shipped graph, through the Flask client."""

from __future__ import annotations

import csv
import io

from flask.testing import FlaskClient


def _csv(client: FlaskClient, url: str) -> tuple[list[dict], str]:
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True)))), \
        response.headers["Content-Disposition"]


def test_the_json_twin_groups_figures_by_measure_with_their_sources(client: FlaskClient) -> None:
    body = client.get("/figures.json").get_json()
    measures = {m["id"]: m for m in body["measures"]}
    umcs = measures["measure-umcs"]
    assert umcs["label"] == "University medical centres" and umcs["differing"]
    figures = [f for c in umcs["comparisons"] for f in c["figures"]]
    assert sorted(f["value_text"] for f in figures) == ["7", "8", "8"]
    assert all(f["quote"] and f["source_href"].startswith("/id/") for f in figures)
    assert {f["subject_label"] for f in figures} == {"the Netherlands"}


def test_the_page_in_dutch_names_measures_and_qualifiers_in_dutch(client: FlaskClient) -> None:
    html = client.get("/figures?lang=nl").get_data(as_text=True)
    assert "De sector in cijfers" in html and "bronnen verschillen" in html
    assert "meer dan" in html  # a qualifier, in words
    assert 'lang="nl"' in html


def test_a_measure_downloads_as_csv_holding_what_the_table_shows(client: FlaskClient) -> None:
    rows, disposition = _csv(client, "/figures/measure-umcs.csv")
    assert 'filename="lsh-kg-figures-measure-umcs.csv"' in disposition
    assert sorted(row["value"] for row in rows) == ["7", "8", "8"]
    assert {row["differing"] for row in rows} == {"True"}
    assert all(row["quote"] and row["source"] for row in rows)
    everything, _ = _csv(client, "/figures.csv")
    assert len(everything) > 150
    assert {row["measure"] for row in rows} <= {row["measure"] for row in everything}


def test_figures_about_one_entity(client: FlaskClient) -> None:
    body = client.get("/figures.json?subject=janssen").get_json()
    subjects = {f["subject_label"] for m in body["measures"] for c in m["comparisons"] for f in c["figures"]}
    assert subjects == {"Janssen"}
    assert "Figures about Janssen" in client.get("/figures?subject=janssen").get_data(as_text=True)


def test_bad_parameters_are_named(client: FlaskClient) -> None:
    response = client.get("/figures.json?lang=fr")
    assert response.status_code == 400 and response.get_json()["parameter"] == "lang"
    page = client.get("/figures?lang=fr")
    assert page.status_code == 400 and page.mimetype == "text/html" and "lang=" in page.get_data(as_text=True)
    unknown = client.get("/figures.json?subject=no-such-entity")
    assert unknown.status_code == 404 and unknown.get_json()["parameter"] == "subject"
    assert client.get("/figures.json?subject=" + "x" * 201).status_code == 400
    missing = client.get("/figures/no-such-measure.csv")
    assert missing.status_code == 404 and missing.get_json()["parameter"] == "measure"


def test_an_entity_page_shows_its_figures_rank_and_timeline(client: FlaskClient) -> None:
    html = client.get("/id/janssen").get_data(as_text=True)
    assert 'id="entity-rank"' in html and "by links with other actors (Company)" in html
    assert 'id="entity-figures"' in html and 'href="/figures?subject=janssen&amp;lang=en"' in html
    assert 'href="/timeline?entity=janssen&amp;lang=en"' in html
    dutch = client.get("/id/janssen?lang=nl").get_data(as_text=True)
    assert "In cijfers" in dutch and "naar verbindingen met andere actoren" in dutch
    assert 'id="entity-figures"' not in client.get("/id/leiden").get_data(as_text=True)
