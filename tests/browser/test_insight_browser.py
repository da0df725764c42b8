"""The overview, compare, paths and timeline pages in headless Chromium over the shipped graph, as a
reader goes from one to the next: the words on each page and the evidence they quote."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.chromium import checked_page, chromium_available

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]


@pytest.fixture
def page(browser: Any, shipped_url: str) -> Iterator[Any]:
    with checked_page(browser, shipped_url, width=1300, height=900) as page:
        yield page


def test_from_the_overview_to_a_path_told_with_its_quotes(page: Any, shipped_url: str) -> None:
    log = page.requests
    page.goto(shipped_url + "/overview")
    assert page.locator("#method-text").inner_text().startswith("Only links between actors count")
    page.fill("input[name=a]", "tno")
    page.fill("input[name=b]", "radboud-umc")
    page.get_by_role("button", name="Compare two entities").click()
    page.wait_for_url("**/compare?*")
    assert page.locator("#linked").inner_text().startswith("They are not linked directly.")
    page.get_by_role("link", name="How are they linked?").click()
    page.wait_for_url("**/paths?*")
    first = page.locator("#path-1 .hop").first
    assert first.locator(".sentence").inner_text() == "TNO member of Collaboration Janssen and TNO"
    assert "werkt Janssen intensief samen met onderzoeks- instellingen zoals TNO" in \
        first.locator(".evidence").inner_text()
    page.locator("#language-switch").click()
    page.wait_for_url("**lang=nl")
    dutch = page.locator("#path-1 .hop .sentence").first.inner_text()
    assert dutch == "TNO lid van Samenwerking Janssen en TNO"
    assert log.errors == [] and log.foreign() == []


def test_kite_and_lumc_share_places_and_themes_only_when_asked(page: Any, shipped_url: str) -> None:
    page.goto(shipped_url + "/paths?from=kite&to=lumc")
    assert page.locator("#no-path").is_visible()
    page.get_by_label("Also through shared places and themes").check()
    page.get_by_role("button", name="Find").click()
    page.wait_for_url("**attributes=on**")
    hops = page.locator("#path-1 .hop.shared-attribute")
    assert hops.count() >= 1
    assert "passes through a shared attribute, not a link" in hops.first.inner_text()


def test_a_timeline_in_order(page: Any, shipped_url: str) -> None:
    page.goto(shipped_url + "/timeline?entity=janssen")
    years = [int(y) for y in page.locator("#events .event").evaluate_all(
        "items => items.map(item => item.dataset.year)")]
    assert years == sorted(years) and len(years) >= 3
