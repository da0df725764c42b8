"""axe-core in headless Chromium over the shipped graph: no serious or critical violation on the
pages a person reads (search, kinds, an entity, a source) and on the map, at 1300x1000 and on a
phone, with its details, a path and its list open."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph.store.backends import EmbeddedStore
from tests.browser.accessibility import describe, serious_violations
from tests.browser.chromium import chromium, chromium_available
from tests.browser.test_entity_browser import _serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def shipped_url(shipped_store: EmbeddedStore) -> Iterator[str]:
    yield from _serve(str(shipped_store.path))


@pytest.fixture(scope="module")
def page(shipped_url: str) -> Iterator[Any]:
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1300, "height": 1000})
        yield context.new_page()
        context.close()


@pytest.mark.parametrize("path", ["/search?q=leiden", "/search?q=zzzz-no-such-name", "/kinds",
                                  "/kinds/UniversityMedicalCentre", "/id/lumc", "/id/leiden"])
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


@pytest.mark.parametrize("query", ["", "select=kite", "from=kite&to=lumc&avoid=region", "lang=nl"])
def test_the_map_has_no_serious_accessibility_violation(page: Any, shipped_url: str, query: str) -> None:
    page.goto(shipped_url + "/?" + query)
    page.wait_for_selector("#map-app[data-state=ready]", state="attached")
    page.click("#view-list summary")  # the list of what the map shows, open
    found = serious_violations(page)
    assert found == [], describe(found)


def test_the_map_on_a_phone_has_no_serious_accessibility_violation(page: Any, shipped_url: str) -> None:
    context = page.context.browser.new_context(viewport={"width": 390, "height": 844})
    try:
        phone = context.new_page()
        phone.goto(shipped_url + "/")
        phone.wait_for_selector("#map-app[data-state=ready]", state="attached")
        phone.click("#open-controls")  # the drawer of search and filters, open
        phone.wait_for_selector("#map-search", state="visible")
        found = serious_violations(phone)
    finally:
        context.close()
    assert found == [], describe(found)
