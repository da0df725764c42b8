"""`/paths` and `/paths.json` through the Flask client, and `lshkg paths` through click's runner."""

from __future__ import annotations

from click.testing import CliRunner
from flask.testing import FlaskClient

from graph.store.backends import EmbeddedStore
from webapp.cli import main


def test_a_path_is_told_in_sentences_with_its_evidence(client: FlaskClient) -> None:
    body = client.get("/paths.json?from=tno&to=radboud-umc").get_json()
    [path] = body["paths"]
    assert [node["id"] for node in path["nodes"]][::len(path["nodes"]) - 1] == ["tno", "radboud-umc"]
    assert path["hops"][0]["sentence"] == "TNO member of Collaboration Janssen and TNO"
    assert path["hops"][0]["sources"][0]["id"] == "boston-aan-de-noordzee"
    html = client.get("/paths?from=tno&to=radboud-umc&lang=nl").get_data(as_text=True)
    assert "Hoe zijn ze verbonden?" in html and "TNO lid van Samenwerking Janssen en TNO" in html
    assert "Boston aan de Noordzee" in html


def test_no_attribute_hop_unless_asked_and_then_told_as_such(client: FlaskClient) -> None:
    honest = client.get("/paths.json?from=kite&to=lumc").get_json()
    assert honest["paths"] == []
    page = client.get("/paths?from=kite&to=lumc").get_data(as_text=True)
    assert "No path over links between actors." in page
    asked = client.get("/paths.json?from=kite&to=lumc&attributes=on").get_json()
    assert asked["paths"][0]["through_attribute"]
    assert {hop["shared_attribute"] for hop in asked["paths"][0]["hops"]} >= {"leiden"}


def test_bad_parameters_are_named(client: FlaskClient) -> None:
    for query, parameter, status in (("from=tno", "to", 400), ("from=tno&to=nowhere-at-all", "to", 404),
                                     ("from=tno&to=lumc&exclude=noSuchLink", "exclude", 400),
                                     ("from=tno&to=lumc&k=9", "k", 400), ("from=tno&to=lumc&k=²", "k", 400),
                                     ("from=tno&to=lumc&attributes=yes", "attributes", 400),
                                     ("from=tno&to=lumc&lang=fr", "lang", 400)):
        response = client.get("/paths.json?" + query)
        assert response.status_code == status and response.get_json()["parameter"] == parameter, query
    assert client.get("/paths?from=<b>x</b>&to=lumc").status_code == 404


def test_the_command_line_tells_the_same_path(shipped_store: EmbeddedStore, monkeypatch) -> None:
    monkeypatch.setenv("LSHKG_DATA_DIR", str(shipped_store.path.parent))
    monkeypatch.delenv("LSHKG_ENDPOINT", raising=False)
    told = CliRunner().invoke(main, ["paths", "tno", "radboud-umc", "--lang", "nl"])
    assert told.exit_code == 0, told.output
    assert "   - TNO lid van Samenwerking Janssen en TNO" in told.output
    assert "(Boston aan de Noordzee)" in told.output
    honest = CliRunner().invoke(main, ["paths", "kite", "lumc"])
    assert honest.exit_code == 1 and "over links between actors (try --attributes)" in honest.output
    unknown = CliRunner().invoke(main, ["paths", "nowhere-at-all", "lumc"])
    assert unknown.exit_code == 1 and "'nowhere-at-all' is no entity on the map" in unknown.output


def test_the_timeline_page_lists_dated_facts_in_order(client: FlaskClient) -> None:
    body = client.get("/timeline.json?entity=janssen").get_json()
    years = [event["year"] for event in body["events"]]
    assert years == sorted(years) and body["entity"]["label"] == "Janssen"
    assert all(event["evidence"] for event in body["events"])
    html = client.get("/timeline?entity=janssen&lang=nl").get_data(as_text=True)
    assert "Tijdlijn" in html and "gestart" in html and "(lid van)" in html
    missing = client.get("/timeline.json?entity=nowhere-at-all")
    assert missing.status_code == 404 and missing.get_json()["parameter"] == "entity"
    assert client.get("/timeline.json").status_code == 400
