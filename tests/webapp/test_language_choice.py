"""The page's language: `?lang=` sets a cookie, the cookie is kept along a chain of links (map ->
entity page -> editor -> search), Accept-Language is the default, English the fallback; errors and
the JavaScript's messages in the chosen language."""

from __future__ import annotations

import json
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from webapp.i18n import COOKIE


def _lang(html: str) -> str:
    found = re.search(r'<html lang="(\w+)">', html)
    assert found, html[:200]
    return found.group(1)


def _href(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}" href="([^"]+)"', html)
    assert found, element_id
    return found.group(1).replace("&amp;", "&")


def _follow_chain(client: FlaskClient, start: str) -> list[str]:
    """map -> entity page -> its "query it in the editor" link -> the search in the header; each page's
    html lang."""
    pages = [client.get(start)]
    pages.append(client.get("/id/lumc"))
    pages.append(client.get(_href(pages[-1].get_data(as_text=True), "query-in-editor")))
    editor = pages[-1].get_data(as_text=True)
    search = re.search(r'<a href="(/search)"', editor)
    assert search
    pages.append(client.get(search.group(1) + "?q=lumc"))
    assert all(page.status_code == 200 for page in pages)
    return [_lang(page.get_data(as_text=True)) for page in pages]


def test_lang_in_the_url_sets_a_cookie_that_every_following_page_keeps(app: Flask) -> None:
    with app.test_client() as client:
        first = client.get("/?lang=nl")
        assert COOKIE + "=nl" in first.headers["Set-Cookie"] and "SameSite=Lax" in first.headers["Set-Cookie"]
        assert _follow_chain(client, "/?lang=nl") == ["nl"] * 4


def test_a_cookie_alone_keeps_dutch_along_the_links(app: Flask) -> None:
    with app.test_client() as client:
        client.set_cookie(COOKIE, "nl")
        assert _follow_chain(client, "/") == ["nl"] * 4
        # ?lang= wins over the cookie and replaces it
        assert _lang(client.get("/search?lang=en").get_data(as_text=True)) == "en"
        assert _lang(client.get("/kinds").get_data(as_text=True)) == "en"


@pytest.mark.parametrize(("header", "expected"), [
    ("nl-NL,nl;q=0.9,en;q=0.5", "nl"), ("nl", "nl"), ("en-GB,en;q=0.9,nl;q=0.3", "en"),
    ("de-DE,fr;q=0.8", "en"), (None, "en"),
])
def test_accept_language_chooses_when_nothing_else_does(app: Flask, header: str | None,
                                                        expected: str) -> None:
    with app.test_client() as client:
        headers = {"Accept-Language": header} if header else {}
        chain = [_lang(client.get(path, headers=headers).get_data(as_text=True))
                 for path in ("/", "/id/lumc", "/query", "/search", "/kinds")]
        assert chain == [expected] * 5
        response = client.get("/search", headers=headers)
        assert "Set-Cookie" not in response.headers  # only an explicit choice is remembered
        assert {"Cookie", "Accept-Language"} <= set(response.vary)


def test_a_cookie_wins_over_accept_language(client: FlaskClient) -> None:
    client.set_cookie(COOKIE, "en")
    assert _lang(client.get("/kinds", headers={"Accept-Language": "nl"}).get_data(as_text=True)) == "en"


def test_an_unknown_lang_falls_back_and_sets_no_cookie(client: FlaskClient) -> None:
    response = client.get("/kinds?lang=xx", headers={"Accept-Language": "nl"})
    assert response.status_code == 200 and _lang(response.get_data(as_text=True)) == "nl"
    assert "Set-Cookie" not in response.headers


def test_every_page_has_a_switch_that_keeps_its_parameters(client: FlaskClient) -> None:
    for path in ("/", "/query", "/search?q=lumc", "/kinds", "/kinds/Company", "/id/lumc", "/figures",
                 "/overview", "/nothing-here"):
        html = client.get(path + ("&" if "?" in path else "?") + "lang=nl").get_data(as_text=True)
        switch = re.search(r'class="lang-switch".*?</div>', html, re.S)
        assert switch, path
        english = re.search(r'href="([^"]+)" data-lang="en"', switch.group(0))
        assert english and "lang=en" in english.group(1), path
        if "q=lumc" in path:
            assert "q=lumc" in english.group(1)


def test_a_missing_page_says_so_in_dutch(client: FlaskClient) -> None:
    client.set_cookie(COOKIE, "nl")
    response = client.get("/no/such/page", headers={"Accept": "text/html"})
    html = response.get_data(as_text=True)
    assert response.status_code == 404 and _lang(html) == "nl"
    assert "Op dit adres staat niets" in html and "Zoeken" in html
    missing = client.get("/id/no-such-entity").get_data(as_text=True)
    assert "Niet gevonden" in missing and "Er is geen entiteit met de id no-such-entity." in missing
    answer = client.get("/api/no-such-thing").get_json()
    assert answer["error"].startswith("Op dit adres staat niets")


def test_the_english_error_page_stays_english(client: FlaskClient) -> None:
    html = client.get("/no/such/page?lang=en").get_data(as_text=True)
    assert "There is nothing at this address" in html and _lang(html) == "en"


def test_the_javascript_messages_come_embedded_from_the_catalogue(client: FlaskClient) -> None:
    for lang, expected in (("nl", "Bezig…"), ("en", "Running…")):
        html = client.get(f"/query?lang={lang}").get_data(as_text=True)
        found = re.search(r'<script type="application/json" id="i18n-messages">(.*?)</script>', html, re.S)
        assert found
        messages = json.loads(found.group(1))
        assert messages["Running…"] == expected
        assert "Skip to the content" not in messages  # only what the modules use


def test_a_parameter_error_is_worded_in_the_pages_language(client: FlaskClient) -> None:
    client.set_cookie(COOKIE, "nl")
    answer = client.get("/search.json?limit=0").get_json()
    assert answer["error"] == "limit moet een geheel getal van 1 tot 100 zijn"


def test_only_a_page_remembers_the_choice_not_an_api_call_or_a_redirect(client: FlaskClient) -> None:
    assert "Set-Cookie" not in client.get("/search.json?q=umc&lang=nl").headers
    assert "Set-Cookie" not in client.get("/sources/doc-a?lang=nl").headers
    assert "Set-Cookie" in client.get("/search?q=umc&lang=nl").headers
