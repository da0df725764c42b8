"""Text from data is shown as text on the map: an entity whose labels and quotes are markup
(`<img onerror>`, `<script>`) is drawn, searched, hovered and opened, and nothing runs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.chromium import (
    TINY_RECORDS,
    Server,
    build_store,
    checked_page,
    chromium_available,
    start_server,
)
from tests.browser.map_page import (
    TIMEOUT_MS,
    choose_suggestion,
    click_node,
    move_node_into_view,
    open_map,
    screenshot,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]

LABEL_EN = '<img src=x onerror="window.__xss=1">Evil Corp'
LABEL_NL = "<script>window.__xss=2</script>Kwaad BV"
QUOTE = '<script>window.__xss=3</script> Evil Corp <img src=y onerror="window.__xss=4"> in Oss'
FACT_QUOTE = '<b onmouseover="window.__xss=5">Evil</b> <svg onload="window.__xss=6">'
EVIL = f"""
- id: evil-corp
  type: Company
  label: {{en: '{LABEL_EN}', nl: '{LABEL_NL}'}}
  abbreviation: [EVILX]
  evidence:
    - {{source: doc-a, quote: '{FACT_QUOTE}'}}
  locatedIn:
    - {{ref: oss, source: doc-a, quote: '{QUOTE}'}}
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    records = tmp_path_factory.mktemp("evil-records") / "records"
    shutil.copytree(TINY_RECORDS, records)
    with (records / "organisations.yaml").open("a", encoding="utf-8") as handle:
        handle.write(EVIL)
    data_dir = build_store(tmp_path_factory.mktemp("evil-var"), records=records)
    with start_server(data_dir) as running:
        yield running


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    with checked_page(browser, server.url, width=1400, height=950, timeout_ms=TIMEOUT_MS) as page:
        yield page


def no_script_ran(page: Any) -> None:
    log = page.requests
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert not page.dialogs
    assert not log.errors, log.errors
    assert not log.foreign()
    fetched = {urlsplit(url).path for url in log.urls}
    assert not fetched & {"/x", "/y"}, "an <img> from data was created"
    assert page.locator("#map-app img, #map-app script, #map-app svg[onload], #map-app b").count() == 0


def test_markup_in_labels_and_quotes_is_shown_as_text(page: Any, server: Server, tmp_path: Path) -> None:
    open_map(page, server, "show=city&show=region&show=area")  # its links go to its city and areas
    labels = page.evaluate("window.lshkgMap.nodes.get().map((n) => n.label)")
    assert LABEL_EN in labels  # drawn on the canvas as written

    choose_suggestion(page, "#map-search", "EVILX", "evil-corp")  # the dropdown showed it as text
    page.wait_for_selector("#map-panel[data-node='evil-corp'] .panel-links")
    assert page.text_content("#map-panel h2") == LABEL_EN
    quotes = page.locator("#map-panel .evidence blockquote").all_text_contents()
    assert f"“{QUOTE}”" in quotes and f"“{FACT_QUOTE}”" in quotes
    screenshot(page, tmp_path, "evil-panel")

    move_node_into_view(page, "evil-corp")
    click_node(page, "evil-corp")  # hover shows vis-network's tooltip
    page.mouse.move(10, 10)
    move_node_into_view(page, "evil-corp")
    point = page.evaluate("""() => { const net = window.lshkgMap.network;
        const dom = net.canvasToDOM(net.getPositions(['evil-corp'])['evil-corp']);
        const box = document.getElementById('map-canvas').getBoundingClientRect();
        return [box.left + dom.x, box.top + dom.y]; }""")
    page.mouse.move(point[0], point[1])
    tooltip = page.wait_for_selector("div.vis-tooltip", state="visible")
    assert tooltip.inner_text().startswith(LABEL_EN)
    screenshot(page, tmp_path, "evil-tooltip")

    page.click(".lang-switch [data-lang=nl]")
    page.wait_for_function("() => document.documentElement.lang === 'nl' && "
                           "document.getElementById('map-app').dataset.state === 'ready'")
    assert LABEL_NL in page.evaluate("window.lshkgMap.nodes.get().map((n) => n.label)")
    edge = page.evaluate("window.lshkgMap.edges.get({filter: (e) => e.from === 'evil-corp'})[0].id")
    page.evaluate("(id) => window.lshkgMap.network.body.emitter.emit('click', "
                  "{nodes: [], edges: [id], pointer: {DOM: {x: 0, y: 0}}})", edge)
    page.wait_for_selector("#map-panel[data-kind=edge] .evidence blockquote")
    assert page.text_content("#map-panel .edge-sentence").startswith(LABEL_NL)
    assert page.text_content("#map-panel .evidence blockquote") == f"“{QUOTE}”"
    no_script_ran(page)


def test_markup_in_a_path_and_the_legend_stays_text(page: Any, server: Server) -> None:
    open_map(page, server, "from=evil-corp&to=acme-pharma&avoid=none")
    page.wait_for_selector("#map-panel[data-kind=path] .path-item")
    assert LABEL_EN in page.text_content("#map-panel .path-item")
    assert LABEL_EN in page.text_content("#map-panel h2")
    no_script_ran(page)
