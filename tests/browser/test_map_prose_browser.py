"""What a visitor does with the new kinds on the map, in Chromium: filter by a technology, follow the
logistics chain from a company to the hubs and the gateway there, and read a link's quote."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from graph import config
from tests.browser.chromium import Server, build_store, checked_page, chromium_available, start_server
from tests.browser.map_page import TIMEOUT_MS, drawn, open_map, screenshot, view_query, wait_for_new_view

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data_dir = build_store(tmp_path_factory.mktemp("prose-var"), records=config.RECORDS_DIR)
    with start_server(data_dir) as running:
        yield running


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    with checked_page(browser, server.url, width=1400, height=950, timeout_ms=TIMEOUT_MS) as page:
        yield page


def test_a_technology_filters_the_map_to_who_works_with_it(page: Any, server: Server, tmp_path: Path) -> None:
    open_map(page, server)
    assert page.text_content("label[for=filter-area]") == "Therapeutic area or technology"
    before = view_query(page)
    page.select_option("#filter-area", "tech-car-t-cell-therapy")
    wait_for_new_view(page, before)
    shown = drawn(page)
    assert {"kite", "kite-hoofddorp", "tech-car-t-cell-therapy"} <= shown
    assert "alnylam" not in shown and "msd" not in shown
    assert parse_qs(urlsplit(page.url).query)["area"] == ["tech-car-t-cell-therapy"]
    screenshot(page, tmp_path, "technology-car-t")


def test_the_logistics_chain_and_a_links_quote(page: Any, server: Server, tmp_path: Path) -> None:
    open_map(page, server, "lens=logistics")
    shown = drawn(page)
    assert {"amgen-europe", "schiphol", "haven-antwerpen", "pharma-gateway-amsterdam"} <= shown
    edge = "amgen-europe|shipsThrough|schiphol"
    assert page.evaluate(f"window.lshkgMap.edges.get('{edge}') !== null")
    page.evaluate(f"""() => window.lshkgMap.network.body.emitter.emit('click',
        {{nodes: [], edges: ['{edge}'], pointer: {{DOM: {{x: 0, y: 0}}}}}})""")
    page.wait_for_selector("#map-panel[data-kind=edge] .evidence blockquote")
    assert "ships through" in page.text_content("#map-panel .edge-sentence")
    assert "via Schiphol" in page.text_content("#map-panel .evidence blockquote")
    screenshot(page, tmp_path, "logistics-chain")
