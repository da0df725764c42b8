"""Reading entity and source pages as a person does, in headless Chromium over the shipped graph:
inverse links in words in both languages, each quote once and reached from its fact, a source's
description, its passages page by page and its text, and no sideways scrolling on a phone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.chromium import checked_page, chromium_available

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]
PHONES = [(390, 844), (360, 740)]


@pytest.fixture
def page(browser: Any, shipped_url: str) -> Iterator[Any]:
    with checked_page(browser, shipped_url, width=1300, height=900, timeout_ms=20_000) as page:
        yield page


def test_links_from_other_entities_read_in_words_in_english_and_dutch(page: Any, shipped_url: str) -> None:
    page.goto(shipped_url + "/id/european-lead-factory")
    members = page.locator("td.relation", has_text="has member").count()
    assert members >= 3
    assert "←" not in page.locator("main").inner_text()
    page.click(".lang-switch a:text('NL')")
    page.wait_for_url("**/id/european-lead-factory?lang=nl")
    assert page.locator("td.relation", has_text="heeft als lid").count() == members
    page.goto(shipped_url + "/id/kite?lang=nl")
    assert page.locator("td.relation", has_text="investeerder bij").count() >= 1


def test_each_quote_is_shown_once_and_reached_from_its_fact(page: Any, shipped_url: str,
                                                            tmp_path: Path) -> None:
    page.goto(shipped_url + "/id/kite")
    quotes = page.locator("main q").all_inner_texts()
    quote = "Kite, een dochterbedrijf van Gilead Sciences"
    assert quotes.count(quote) == 1 and len(quotes) == len(set(quotes))
    row = page.locator("#group-belongs tr", has_text="Gilead Sciences")
    row.locator("a.quote-ref").first.click()
    target = page.locator("ol.quotes li:target")
    assert quote in target.inner_text()
    assert "subsidiary of Gilead Sciences" in target.inner_text()  # what it supports
    assert target.is_visible()
    page.screenshot(path=str(tmp_path / "quotes.png"))


def test_a_source_page_describes_the_document_and_pages_its_passages(page: Any, shipped_url: str) -> None:
    page.goto(shipped_url + "/sources/boston-aan-de-noordzee")
    assert page.inner_text("#document-title") == ("Boston aan de Noordzee: volop kansen voor "
                                                  "medicijninnovatie in Nederland")
    assert page.inner_text("#document-publisher") == "Vereniging Innovatieve Geneesmiddelen"
    assert page.inner_text("#document-year") == "2021" and page.inner_text("#document-language") == "Dutch"
    first = page.locator("#supports tbody q").all_inner_texts()
    assert 0 < len(first) <= 40
    page.locator("#supports .pager a[rel=next]").first.click()
    page.wait_for_url("**page=2#supports")
    second = page.locator("#supports tbody q").all_inner_texts()
    assert second and not set(first) & set(second)
    assert "Page 2 / " in page.locator("#supports .pager").first.inner_text()
    page.click("#document-original a")
    page.wait_for_url("**/sources/boston-aan-de-noordzee/text")
    assert "MEDICIJNINNOVATIE IN NEDERLAND" in page.locator("body").inner_text()


@pytest.mark.parametrize(("width", "height"), PHONES)
@pytest.mark.parametrize("path", ["/id/kite", "/id/european-lead-factory", "/id/boston-aan-de-noordzee",
                                  "/id/membership/european-lead-factory/lygature"])
def test_entity_pages_do_not_scroll_sideways_on_a_phone(browser: Any, shipped_url: str, path: str,
                                                        width: int, height: int, tmp_path: Path) -> None:
    with checked_page(browser, shipped_url, width=width, height=height, is_mobile=True,
                      has_touch=True) as page:
        page.goto(shipped_url + path)
        page.wait_for_load_state("networkidle")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(tmp_path / "phone.png"))
    assert scroll_width <= width
