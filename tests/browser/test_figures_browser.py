"""The figures page in headless Chromium over the shipped graph: charts drawn offline, differing
sources side by side, each chart saved as SVG, PNG and CSV holding what it shows, and Dutch."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.accessibility import describe, serious_violations
from tests.browser.chromium import RequestLog, checked_page, chromium_available

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def page(browser: Any, shipped_url: str) -> Iterator[Any]:
    with checked_page(browser, shipped_url, width=1440, height=900, accept_downloads=True) as page:
        yield page


def _open(page: Any, url: str) -> RequestLog:
    page.goto(url)
    page.wait_for_selector("#figures-app[data-ready='true']", timeout=20_000)
    return page.requests


def test_charts_draw_offline_and_differing_sources_stand_side_by_side(page: Any, shipped_url: str) -> None:
    log = _open(page, shipped_url + "/figures")
    assert log.errors == [] and log.foreign() == []
    umcs = page.locator("#measure-measure-umcs")
    assert umcs.locator(".badge.differ").first.is_visible()
    values = umcs.locator("tbody.comparison.differing tr.figure .number").all_inner_texts()
    assert sorted(values) == ["7", "8", "8"]
    assert umcs.locator(".chart svg [aria-label='bar'] rect").count() == 3
    # the quote behind a figure, on a click
    first = umcs.locator("tbody tr.figure").first
    first.locator("summary").click()
    assert first.locator("blockquote").inner_text().strip() in {"7 universitaire medische centra",
                                                               "8 universitaire medische centra"}
    found = serious_violations(page)
    assert found == [], describe(found)


def test_a_chart_saves_as_svg_png_and_csv_with_what_it_shows(page: Any, shipped_url: str) -> None:
    _open(page, shipped_url + "/figures")
    umcs = page.locator("#measure-measure-umcs")
    with page.expect_download() as svg_download:
        umcs.get_by_role("button", name="SVG").click()
    assert svg_download.value.suggested_filename == "lsh-kg-figures-measure-umcs.svg"
    svg = ET.parse(svg_download.value.path()).getroot()
    assert svg.tag == SVG + "svg"
    bars = [rect for group in svg.iter(SVG + "g") if group.get("aria-label") == "bar"
            for rect in group.iter(SVG + "rect")]
    assert len(bars) == 3
    texts = " ".join(text.text or "" for text in svg.iter(SVG + "text"))
    assert "Boston by the North Sea" in texts
    with page.expect_download() as png_download:
        umcs.get_by_role("button", name="PNG").click()
    assert png_download.value.suggested_filename == "lsh-kg-figures-measure-umcs.png"
    assert Path(png_download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as csv_download:
        umcs.get_by_role("link", name="CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(csv_download.value.path()).read_text(encoding="utf-8"))))
    assert sorted(row["value"] for row in rows) == ["7", "8", "8"]


def test_the_page_switches_to_dutch(page: Any, shipped_url: str) -> None:
    _open(page, shipped_url + "/figures")
    page.locator("#language-switch").click()
    page.wait_for_selector("#figures-app[data-ready='true']", timeout=20_000)
    assert page.locator("h1").inner_text() == "De sector in cijfers"
    assert "lang=nl" in page.url
    assert page.locator("#measure-measure-umcs h2").inner_text().startswith("Universitaire medische centra")
    assert page.locator("#measure-measure-umcs .badge.differ").first.inner_text() == "bronnen verschillen"


@pytest.mark.parametrize("path", ["/figures", "/overview", "/paths?from=tno&to=radboud-umc",
                                  "/timeline?entity=janssen", "/compare?a=janssen&b=lumc"])
def test_insight_pages_do_not_scroll_sideways_on_a_phone(browser: Any, shipped_url: str, path: str) -> None:
    with checked_page(browser, shipped_url, width=390, height=844, is_mobile=True, has_touch=True) as page:
        page.goto(shipped_url + path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
