"""Dutch throughout, in headless Chromium over the shipped graph: switch to NL on the map, follow links
to an entity page, the search, the kinds and the editor, and find no English interface text left on
any of them (every visible text and placeholder compared with the catalogue's English messages whose
Dutch differs; names, quotes and other data are not messages and pass)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from babel.messages.pofile import read_po

from tests.browser.chromium import checked_page, chromium_available
from tests.browser.map_page import READY, choose_suggestion
from tests.browser.test_editor_runs import type_query
from webapp.i18n import TRANSLATIONS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")
# every visible text node and placeholder, outside data: quotes, code, and elements in another language
VISIBLE_TEXTS = """() => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const data = "script, style, q, code, [lang]:not(html), .entity-names, .yasqe";
    if (!parent || parent.closest(data)) continue;
    if (!parent.getClientRects().length || getComputedStyle(parent).visibility === "hidden") continue;
    const text = node.textContent.trim();
    if (text) texts.push(text);
  }
  document.querySelectorAll("[placeholder]").forEach((input) => {
    if (input.getClientRects().length) texts.push(input.placeholder);
  });
  return texts;
}"""

# the editor libraries' own words that are not shown as text: titles and ARIA labels (IRIs are data)
LIBRARY_ATTRIBUTES = """() => [...document.querySelectorAll('#editor-app [title], #editor-app [aria-label]')]
  .flatMap((element) => [element.getAttribute('title'), element.getAttribute('aria-label')])
  .filter((value) => value && !/^https?:/.test(value))"""


def _english_messages() -> list[re.Pattern[str]]:
    """The catalogue's English messages that Dutch says otherwise, as patterns (placeholders: anything)."""
    with (TRANSLATIONS / "nl" / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalogue = read_po(source, locale="nl")
    patterns = []
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english, dutch in zip(ids, strings, strict=False):
            literal = PLACEHOLDER.sub("", english).strip()
            # a message that is mostly placeholders ("{a} and {b}") would match names and data
            if english and english != dutch and len(literal) > (8 if literal != english else 2):
                parts = [re.escape(part) for part in PLACEHOLDER.split(english)]
                patterns.append(re.compile(r"[\s·:(]*" + ".+?".join(parts) + r"[\s·:)]*"))
    return patterns


ENGLISH = _english_messages()


def english_left(page: Any) -> list[str]:
    return sorted({text for text in page.evaluate(VISIBLE_TEXTS)
                   if any(pattern.fullmatch(text) for pattern in ENGLISH)})


@pytest.fixture
def page(browser: Any, shipped_url: str) -> Iterator[Any]:
    with checked_page(browser, shipped_url, width=1300, height=900, timeout_ms=30_000,
                      locale="en-GB") as page:
        yield page


def test_the_english_check_finds_english(page: Any, shipped_url: str) -> None:
    page.goto(shipped_url + "/kinds")  # English from Accept-Language (the browser's locale)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "Everything, by kind" in english_left(page)


def test_dutch_chosen_on_the_map_stays_on_every_page_with_no_english_left(page: Any,
                                                                          shipped_url: str) -> None:
    page.goto(shipped_url + "/?layout=geo")
    page.wait_for_selector(READY, state="attached")
    page.click(".lang-switch a[data-lang=nl]")
    page.wait_for_url("**lang=nl**")
    page.wait_for_selector(READY, state="attached")
    assert "layout=geo" in page.url  # the view is kept across the switch
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert "verbindingen" in page.locator("#map-counts").inner_text()
    assert english_left(page) == []

    choose_suggestion(page, "#map-search", "LUMC", "lumc")
    page.keyboard.press("Enter")
    page.click("#map-panel a.button:text('Entiteitpagina')")
    page.wait_for_url("**/id/lumc")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.locator("#query-in-editor").inner_text() == "Bevraag het in de editor"
    assert english_left(page) == []

    page.click(".site-nav a[href='/search']")
    page.wait_for_url("**/search")
    page.fill("#search-form input[name=q]", "umc")
    page.click("#search-form button[type=submit]")
    page.wait_for_selector("#hits li")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert english_left(page) == []

    page.click(".site-nav a[href='/kinds']")
    page.wait_for_url("**/kinds")
    assert english_left(page) == []
    page.click("#kind-tree a >> nth=0")
    page.wait_for_selector("#members")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert english_left(page) == []

    page.click(".site-nav a[href='/query']")
    page.wait_for_url("**/query**")
    page.wait_for_selector("#gallery-list li")
    page.click("#run-button")
    page.wait_for_function("() => document.getElementById('editor-app').dataset.state === 'done'")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.locator("#query-status").inner_text().startswith(tuple("0123456789"))
    assert english_left(page) == []
    page.click(".yasr_btnGroup .select_table")  # YASR's own table, its controls in Dutch too
    page.wait_for_selector(".yasr .tableFilter")
    assert page.get_attribute(".yasr .tableFilter", "placeholder") == "Resultaten filteren"
    assert english_left(page) == []
    labels = page.evaluate(LIBRARY_ATTRIBUTES)
    assert {"Query delen", "Query uitvoeren", "Volgende pagina", "Het antwoord downloaden"} <= set(labels)
    library_english = {"Run query", "Share query", "Download result", "Download Results", "pagination",
                       "First", "Previous", "Next", "Last"}
    assert not [label for label in labels if any(pattern.fullmatch(label) for pattern in ENGLISH)
                or label in library_english or "Activate to" in label or "documentation of" in label], labels

    # a slip in the query: the endpoint's words about it are Dutch too, with the place
    type_query(page, "SELECT * WHERE {\n  ?s ?p ?o\n")
    page.click("#run-button")
    page.wait_for_function("() => document.getElementById('editor-app').dataset.state === 'error'")
    said = page.locator(".query-error-message").inner_text()
    assert "regel 1, kolom 16: syntaxfout: deze { wordt nooit gesloten: voeg de } toe die nodig is" \
        in said, said
    assert english_left(page) == []


def test_a_missing_page_is_dutch_after_the_choice(page: Any, shipped_url: str) -> None:
    page.goto(shipped_url + "/kinds?lang=nl")
    response = page.goto(shipped_url + "/no/such/page")
    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert "Op dit adres staat niets" in page.locator("main").inner_text()
    assert english_left(page) == []
