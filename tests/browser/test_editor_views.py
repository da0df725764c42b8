"""The editor's result views over the shipped graph, as a person uses them: the answer first as
names with formatted numbers (in English and Dutch), then as a chart, a map and a network, each
checked against the answer itself."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.browser.chromium import checked_page, chromium_available

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]
AMOUNTS = """SELECT ?organisation ?amount WHERE {
  ?deal lsh:amount ?amount ; lsh:party ?organisation .
} ORDER BY DESC(?amount) ?organisation LIMIT 5"""
PLACES = "SELECT ?city ?lat ?long WHERE { ?city a lsh:City ; geo:lat ?lat ; geo:long ?long }"
PARENTS = "SELECT ?company ?parent WHERE { ?company lsh:subsidiaryOf ?parent }"


@pytest.fixture
def page(browser: Any, shipped_url: str) -> Iterator[Any]:
    with checked_page(browser, shipped_url, width=1300, height=1000, timeout_ms=20_000) as page:
        yield page


def answer(url: str, query: str) -> list[dict[str, dict[str, str]]]:
    request = urllib.request.Request(url + "/sparql?" + urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=20) as response:
        return json.load(response)["results"]["bindings"]


def run(page: Any, url: str, query: str) -> None:
    page.goto(url + "/query?" + urlencode({"query": query}))
    page.wait_for_selector("#editor-app[data-state=done]", state="attached")


def test_the_default_view_shows_names_and_formatted_numbers(page: Any, shipped_url: str,
                                                            tmp_path: Path) -> None:
    rows = answer(shipped_url, AMOUNTS)
    run(page, shipped_url, AMOUNTS)
    page.wait_for_selector(".simple-view[data-labelled]")
    cells = [row.query_selector_all("td") for row in page.query_selector_all(".simple-view tbody tr")]
    assert len(cells) == len(rows)
    top = int(float(rows[0]["amount"]["value"]))
    assert cells[0][1].inner_text() == f"{top:,}"  # 16000000000 -> 16,000,000,000
    assert cells[0][0].inner_text() == "MSD" and "/id/msd" in cells[0][0].inner_html()
    assert '"' not in page.inner_text(".simple-view") and "^^" not in page.inner_text(".simple-view")
    page.screenshot(path=str(tmp_path / "simple.png"))
    page.click(".lang-switch [data-lang=nl]")  # the page opens again in Dutch, with the same query
    page.wait_for_url("**lang=nl**")
    page.wait_for_function(f"() => {{ const cell = document.querySelector('.simple-view tbody td.number');"
                           f" return cell && cell.innerText === '{top:,}'.replaceAll(',', '.'); }}")


def test_the_chart_view_draws_a_bar_for_each_row(page: Any, shipped_url: str, tmp_path: Path) -> None:
    rows = answer(shipped_url, AMOUNTS)
    run(page, shipped_url, AMOUNTS)
    page.click(".yasr_btnGroup .select_chart")
    page.wait_for_selector(".chart-view[data-labelled]")
    assert page.locator(".chart-view rect.chart-bar").count() == len(rows)
    labels = page.locator(".chart-view text.chart-label").all_text_contents()
    assert labels[0] == "MSD"
    widths = [float(w) for w in page.eval_on_selector_all(".chart-view rect.chart-bar",
                                                          "bars => bars.map(b => b.getAttribute('width'))")]
    assert widths == sorted(widths, reverse=True)  # the bars follow the amounts
    page.screenshot(path=str(tmp_path / "chart.png"))


def test_the_map_view_puts_each_place_with_coordinates_on_the_map(page: Any, shipped_url: str,
                                                                   tmp_path: Path) -> None:
    rows = answer(shipped_url, PLACES)
    near = [row for row in rows
            if 2 <= float(row["long"]["value"]) <= 10.5 and 49 <= float(row["lat"]["value"]) <= 55.5]
    run(page, shipped_url, PLACES)
    page.click(".yasr_btnGroup .select_map")
    page.wait_for_selector(".map-view[data-drawn]")
    assert page.locator(".map-view circle.map-dot").count() == len(near)
    assert page.locator(".map-view path.country.netherlands").count() >= 1
    if len(near) < len(rows):
        assert "Los Angeles" in page.inner_text(".map-view .map-elsewhere")
    page.screenshot(path=str(tmp_path / "map.png"))


def test_the_links_view_draws_the_network_of_the_answer(page: Any, shipped_url: str, tmp_path: Path) -> None:
    rows = answer(shipped_url, PARENTS)
    ends = {r["company"]["value"] for r in rows} | {r["parent"]["value"] for r in rows}
    run(page, shipped_url, PARENTS)
    page.click(".yasr_btnGroup .select_links")
    page.wait_for_selector(".links-view[data-nodes] canvas")
    assert page.get_attribute(".links-view", "data-nodes") == str(len(ends))
    assert page.get_attribute(".links-view", "data-edges") == str(len(rows))
    drawn = page.evaluate("() => Object.keys(window.lshkgEditor.links.getPositions())")
    assert set(drawn) == ends
    page.screenshot(path=str(tmp_path / "links.png"))
