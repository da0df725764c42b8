"""Entity pages in headless Chromium over a real server on loopback (the app in a werkzeug server
thread): the neighbourhood map draws, nothing is asked of other hosts, markup stays text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.chromium import checked_page, chromium_available, serve_app
from tests.webapp.test_entity_own_data import EVIL_LABEL, EVIL_QUOTE, build_store, evil_records

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]
TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def evil_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("evil-browser")
    with serve_app(build_store(evil_records(folder), folder, "https://w3id.org/lsh-kg/id/")) as url:
        yield url


@pytest.fixture
def page(browser: Any, shipped_url: str) -> Iterator[Any]:
    with checked_page(browser, shipped_url, width=1300, height=1000) as page:
        yield page


@pytest.fixture
def evil_page(browser: Any, evil_url: str) -> Iterator[Any]:
    with checked_page(browser, evil_url, width=1300, height=1000) as page:
        yield page


def test_the_neighbourhood_map_draws_and_everything_comes_from_home(page: Any, shipped_url: str,
                                                                  tmp_path: Path) -> None:
    page.goto(shipped_url + "/id/kite")
    page.wait_for_function("() => window.lshkgEntityNetwork !== undefined", timeout=TIMEOUT_MS)
    expected = page.evaluate("() => JSON.parse(document.getElementById('entity-network-data').textContent)"
                             ".nodes.map(n => n.id)")
    drawn = page.evaluate("() => Object.keys(window.lshkgEntityNetwork.getPositions())")
    assert sorted(drawn) == sorted(expected) and len(drawn) > 5
    assert page.locator("#entity-label").text_content() == "Kite"
    page.screenshot(path=str(tmp_path / "entity.png"), full_page=True)
    assert not page.requests.foreign(), page.requests.foreign()
    assert not page.requests.errors


def test_the_pages_link_to_each_other(page: Any, shipped_url: str) -> None:
    page.goto(shipped_url + "/search?q=radbod+umc")
    page.locator("#hits a").first.click()
    page.wait_for_url("**/id/radboud-umc")
    page.locator(".entity-kind a").click()
    page.wait_for_url("**/kinds/UniversityMedicalCentre")
    assert page.locator("#members tbody tr").count() >= 7
    assert not page.requests.foreign() and not page.requests.errors


def test_a_companys_page_shows_the_approvals_of_its_products(page: Any, shipped_url: str) -> None:
    page.goto(shipped_url + "/id/kite")
    row = page.locator("#product-approvals tr.product-approval").first
    row.wait_for(timeout=TIMEOUT_MS)
    assert row.locator("td.authority").text_content().strip() in {"EMA", "European Medicines Agency"}
    assert row.locator("td.year").text_content().split() == ["2020", "(general", "knowledge)"]
    assert "tweede celtherapie heeft goedgekeurd" in row.locator("q").first.text_content()
    row.locator("td.product a").click()
    page.wait_for_url("**/id/kite-second-cell-therapy")
    assert not page.requests.foreign() and not page.requests.errors


def _member_links(page: Any) -> list[str]:
    return page.eval_on_selector_all("#members tbody td:first-child a", "links => links.map(a => a.href)")


def test_a_long_list_pages_forward_and_back(page: Any, shipped_url: str) -> None:
    page.goto(shipped_url + "/kinds/Organisation?per_page=25")
    first_page = _member_links(page)
    assert len(first_page) == 25 and page.locator("#pager a[rel=prev]").count() == 0
    page.locator("#pager a[rel=next]").click()
    page.wait_for_url("**/kinds/Organisation?per_page=25&page=2")
    second_page = _member_links(page)
    assert len(second_page) == 25 and not set(first_page) & set(second_page)
    assert page.locator("#page-range").text_content().startswith("26\u201350 of ")
    page.locator("#pager a[rel=prev]").click()
    page.wait_for_url("**/kinds/Organisation?per_page=25&page=1")
    assert _member_links(page) == first_page
    assert not page.requests.foreign() and not page.requests.errors


def test_markup_in_the_data_never_runs(evil_page: Any, evil_url: str) -> None:
    page = evil_page
    page.goto(evil_url + "/id/evil-corp")
    page.wait_for_function("() => window.lshkgEntityNetwork !== undefined", timeout=TIMEOUT_MS)
    assert page.locator("#entity-label").text_content() == EVIL_LABEL
    assert EVIL_QUOTE in page.locator("#quotes").text_content()  # each quote once, under Quotes
    assert page.locator("main img").count() == 0
    page.goto(evil_url + "/search?q=evil")
    page.goto(evil_url + "/kinds/Company")
    assert not page.dialogs and not page.requests.errors and not page.requests.foreign()
