"""axe-core in headless Chromium over the shipped graph: no serious or critical violation on the
pages a person reads and uses (search, kinds, entities, a source, the insight pages, the query editor
with and without an answer) and on the map, at 1300x1000 and on a phone, with its details, a path and
its list open."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.browser.accessibility import describe, serious_violations
from tests.browser.chromium import checked_page, chromium_available

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def page(browser: Any, shipped_url: str) -> Iterator[Any]:
    """One page for the module (the language chosen on one page stays for the next, as for a reader)."""
    with checked_page(browser, shipped_url, width=1300, height=1000) as page:
        yield page


@pytest.mark.parametrize("path", ["/search?q=leiden", "/search?q=zzzz-no-such-name", "/kinds",
                                  "/kinds/UniversityMedicalCentre", "/id/lumc", "/id/leiden", "/id/kite",
                                  "/id/european-lead-factory?lang=nl", "/id/boston-aan-de-noordzee?page=2",
                                  "/figures", "/overview", "/compare?a=janssen&b=lumc",
                                  "/paths?from=tno&to=radboud-umc&k=2", "/timeline?entity=janssen"])
def test_pages_have_no_serious_accessibility_violation(page: Any, shipped_url: str, path: str) -> None:
    response = page.goto(shipped_url + path)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    found = serious_violations(page)
    assert found == [], describe(found)


def test_the_check_finds_a_violation_where_there_is_one(page: Any, shipped_url: str) -> None:
    page.goto(shipped_url + "/kinds")
    page.evaluate("() => { const i = document.createElement('input'); document.body.append(i); }")
    assert any(each["id"] == "label" for each in serious_violations(page))


@pytest.mark.parametrize("query", [None, "SELECT * WHERE { ?s ?p ?o } LIMIT 20",
                                   "SELECT * WHERE {\n  ?s ?p ?o FILTER( }"])
def test_the_query_editor_has_no_serious_accessibility_violation(page: Any, shipped_url: str,
                                                                  query: str | None) -> None:
    page.goto(shipped_url + "/query" + ("?" + urlencode({"query": query}) if query else ""))
    page.wait_for_selector("#editor-app[data-state=ready], #editor-app[data-state=done], "
                           "#editor-app[data-state=error]", state="attached")
    if query:
        page.wait_for_selector("#editor-app[data-state=done], #editor-app[data-state=error]",
                               state="attached")
    page.wait_for_load_state("networkidle")
    found = serious_violations(page)
    assert found == [], describe(found)


def test_the_query_editor_is_reached_first_by_the_keyboard(page: Any, shipped_url: str) -> None:
    page.goto(shipped_url + "/query")
    page.wait_for_selector("#editor-app[data-state=ready]", state="attached")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    stops = []
    for _ in range(12):  # the examples come after the editor, not before it
        page.keyboard.press("Tab")
        stops.append(page.evaluate("document.activeElement.id || document.activeElement.className"))
        if "CodeMirror" in stops[-1]:
            break
    assert "run-button" in stops and any("CodeMirror" in stop for stop in stops), stops
    assert not any("example" in stop for stop in stops), stops


@pytest.mark.parametrize(("view", "query"), [
    ("chart", "SELECT ?organisation ?amount WHERE { ?deal lsh:amount ?amount ; lsh:party ?organisation }"),
    ("map", "SELECT ?city ?lat ?long WHERE { ?city a lsh:City ; geo:lat ?lat ; geo:long ?long }"),
    ("links", "SELECT ?company ?parent WHERE { ?company lsh:subsidiaryOf ?parent }"),
])
def test_the_result_views_have_no_serious_accessibility_violation(page: Any, shipped_url: str, view: str,
                                                                   query: str) -> None:
    page.goto(shipped_url + "/query?" + urlencode({"query": query}))
    page.wait_for_selector("#editor-app[data-state=done]", state="attached")
    page.click(f".yasr_btnGroup .select_{view}")
    page.wait_for_selector(f".{view}-view > *")
    found = serious_violations(page)
    assert found == [], describe(found)


@pytest.mark.parametrize("query", ["", "select=kite", "from=kite&to=lumc&avoid=region", "lang=nl"])
def test_the_map_has_no_serious_accessibility_violation(page: Any, shipped_url: str, query: str) -> None:
    page.goto(shipped_url + "/?" + query)
    page.wait_for_selector("#map-app[data-state=ready]", state="attached")
    page.click("#view-list summary")  # the list of what the map shows, open
    found = serious_violations(page)
    assert found == [], describe(found)


def test_the_map_on_a_phone_has_no_serious_accessibility_violation(browser: Any, shipped_url: str) -> None:
    with checked_page(browser, shipped_url, width=390, height=844) as phone:
        phone.goto(shipped_url + "/")
        phone.wait_for_selector("#map-app[data-state=ready]", state="attached")
        phone.click("#open-controls")  # the drawer of search and filters, open
        phone.wait_for_selector("#map-search", state="visible")
        found = serious_violations(phone)
    assert found == [], describe(found)
