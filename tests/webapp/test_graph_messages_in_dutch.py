"""What `graph/` says (a bad view parameter, an export that cannot be made, a refused or broken
query, the store's trouble, an export format's description, a path told as sentences) reaches a
Dutch reader in Dutch and everyone else in English, through the same catalogues as the pages; the
command line keeps the English."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from graph.insight.sentences import tell_path
from graph.messages import Message, message, reason, translated
from graph.store.guard import QueryRefused, check_query
from tests.conftest import TINY_RECORDS
from webapp.cli import main
from webapp.i18n import say

DUTCH = {"Accept-Language": "nl"}
BROKEN = "SELECT * WHERE {\n  ?s ?p ?o\n"


def test_a_message_is_its_english_text_and_keeps_its_id_and_values() -> None:
    said = message("query refused: %(reason)s", reason=message("the query is empty"))
    assert said == "query refused: the query is empty"
    assert said.msgid == "query refused: %(reason)s"
    again = pickle.loads(pickle.dumps(said))  # it crosses into query workers and derived files
    assert isinstance(again, Message) and again.values["reason"].msgid == "the query is empty"
    words = {"the query is empty": "leeg", "query refused: %(reason)s": "nee: %(reason)s"}
    assert said.translated(words.__getitem__) == "nee: leeg"
    assert translated("plain text", lambda msgid: "never") == "plain text"


def test_an_error_made_of_a_message_gives_it_back_for_translation() -> None:
    with pytest.raises(QueryRefused) as refused:
        check_query("", max_bytes=100)
    assert isinstance(reason(refused.value), Message)
    assert say(refused.value.said(), "nl") == "de query is leeg"
    assert say(refused.value.said(), "en") == "the query is empty"
    assert reason(ValueError("not ours")) == "not ours"


@pytest.mark.parametrize(("headers", "expected"), [
    (DUTCH, "depth: een geheel getal van 1 tot 3"),
    ({}, "depth: a whole number from 1 to 3"),
])
def test_a_bad_view_parameter_is_said_in_the_readers_language(client: FlaskClient, headers: dict,
                                                              expected: str) -> None:
    response = client.get("/api/map/view?depth=9", headers=headers)
    assert response.status_code == 400
    assert response.get_json() == {"error": expected, "param": "depth"}


def test_an_unknown_kind_names_the_choices_in_dutch(client: FlaskClient) -> None:
    response = client.get("/api/map/view?kind=spaceship", headers=DUTCH)
    assert response.status_code == 400
    said = response.get_json()["error"]
    assert said.startswith("kind: 'spaceship' is geen familie (") and "company" in said, said


def test_an_export_that_cannot_be_made_is_said_in_dutch(client: FlaskClient) -> None:
    response = client.get("/api/export?ego=no-such-entity&format=ttl", headers=DUTCH)
    assert response.status_code == 404
    assert response.get_json()["error"] == "ego='no-such-entity': geen entiteit met die id in het netwerk"
    response = client.get("/api/export?ego=lumc&format=docx", headers=DUTCH)
    assert response.status_code == 400
    said = response.get_json()["error"]
    assert said.startswith("format='docx' is geen exportformaat; toegestaan: ttl, trig"), said


def test_a_query_refused_inside_an_export_keeps_the_guards_words_in_dutch(client: FlaskClient) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    response = client.get("/api/export", query_string={"query": query, "format": "nt"}, headers=DUTCH)
    assert response.status_code == 400
    assert response.get_json()["error"] == ("query geweigerd: SERVICE is niet toegestaan: dit endpoint "
                                            "bevraagt nooit andere servers")


@pytest.mark.parametrize(("headers", "expected"), [
    (DUTCH, "regel 1, kolom 16: syntaxfout: deze { wordt nooit gesloten: voeg de } toe die nodig is"),
    ({}, "line 1, column 16: syntax error: this { is never closed: add the } it needs"),
])
def test_the_endpoints_plain_text_errors_speak_the_readers_language(client: FlaskClient, headers: dict,
                                                                    expected: str) -> None:
    response = client.post("/sparql", data={"query": BROKEN},
                           headers={**headers, "Accept": "application/sparql-results+json"})
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True).strip() == expected


def test_the_endpoint_refuses_an_update_in_dutch_from_the_cookie(client: FlaskClient) -> None:
    client.set_cookie("lang", "nl")
    response = client.post("/sparql", data={"update": "CLEAR ALL"})
    assert response.status_code == 400
    assert response.get_data(as_text=True).strip() == ("wijzigingen zijn niet toegestaan: dit endpoint is "
                                                       "alleen-lezen")


def test_the_export_formats_are_described_in_dutch_on_an_entity_page(client: FlaskClient) -> None:
    page = client.get("/id/lumc?lang=nl").get_data(as_text=True)
    assert "een kaart die offline opent" in page and "a map that opens offline" not in page
    english = client.get("/id/lumc?lang=en").get_data(as_text=True)
    assert "a map that opens offline" in english


def test_the_map_path_api_tells_each_path_in_the_language_asked(client: FlaskClient, app) -> None:
    told = {lang: client.get(f"/api/map/path?from=tno&to=radboud-umc&limit=1&lang={lang}").get_json()
            for lang in ("en", "nl")}
    assert told["en"]["found"] and told["en"]["paths"] == told["nl"]["paths"]
    with app.app_context():
        from webapp.map_state import get_map_model
        model = get_map_model()
        path = [model.resolve(node) for node in told["nl"]["paths"][0]]
        expected = [hop.sentence for hop in tell_path(model, path, "nl").hops]
    assert [hop["sentence"] for hop in told["nl"]["told"][0]["hops"]] == expected
    assert [hop["sentence"] for hop in told["nl"]["told"][0]["hops"]] != \
        [hop["sentence"] for hop in told["en"]["told"][0]["hops"]]
    assert all(hop["evidence"] for hop in told["nl"]["told"][0]["hops"])
    # without lang=, the page's language: here the cookie's
    client.set_cookie("lang", "nl")
    cookie_chosen = client.get("/api/map/path?from=tno&to=radboud-umc&limit=1").get_json()
    assert cookie_chosen["told"] == told["nl"]["told"]


def test_the_command_line_keeps_the_english(runner: CliRunner, data_dir: Path) -> None:
    assert runner.invoke(main, ["build", "--records", str(TINY_RECORDS)]).exit_code == 0
    result = runner.invoke(main, ["query", BROKEN])
    assert result.exit_code != 0
    assert "this { is never closed" in result.output, result.output
