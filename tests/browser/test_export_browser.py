"""The stand-alone HTML map opened from file:// in headless Chromium with no network at all: it
draws the expected nodes, asks for nothing, and shows markup in the data as text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.entity.indexes import kind_tree
from graph.export.formats import export
from graph.export.select import ego, partnership
from graph.network.projection import load_network
from graph.store.backends import EmbeddedStore
from ontology.namespaces import DEFAULT_BASE_IRI as ID
from tests.browser.chromium import checked_page, chromium_available
from tests.webapp.test_entity_own_data import EVIL_LABEL, build_store, evil_records

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]
TIMEOUT_MS = 20_000


@pytest.fixture
def offline(browser: Any) -> Iterator[Any]:
    """A page with the network cut: every request that is not a file is refused (and recorded)."""
    with checked_page(browser, "file:///", width=1300, height=900, offline=True) as page:
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                   else route.abort())
        yield page


def open_file(page: Any, path: Path) -> Any:
    page.goto(path.as_uri())
    page.wait_for_function("() => window.lshkgNetwork !== undefined", timeout=TIMEOUT_MS)
    return page


def drawn_nodes(page: Any) -> set[str]:
    """The nodes vis-network has laid out on its canvas."""
    return set(page.evaluate("() => Object.keys(window.lshkgNetwork.getPositions())"))


@pytest.mark.parametrize(("selection", "entity"), [("ego", "kite"), ("partnership", "european-lead-factory")])
def test_the_html_map_draws_its_nodes_offline(shipped_store: EmbeddedStore, offline: Any, tmp_path: Path,
                                              selection: str, entity: str) -> None:
    network, tree = load_network(shipped_store), kind_tree(shipped_store)
    subgraph = ego(network, tree, ID, entity, 2) if selection == "ego" else \
        partnership(network, tree, ID, entity)
    exported = export(subgraph, "html", shipped_store, ID)
    path = tmp_path / exported.filename
    path.write_bytes(exported.body)
    page = open_file(offline, path)
    assert drawn_nodes(page) == set(subgraph.graph.nodes)
    edges = page.evaluate("() => window.lshkgNetwork.body.data.edges.length")
    assert edges == subgraph.graph.number_of_edges()
    assert page.locator("canvas").count() == 1
    assert page.locator("#count").text_content().startswith(f"{len(subgraph.graph)} nodes")
    page.screenshot(path=str(tmp_path / "export.png"))
    assert offline.requests.urls == [path.as_uri()], offline.requests.urls
    assert not offline.requests.errors


def test_markup_in_the_data_stays_text_in_the_html_map(offline: Any, tmp_path: Path) -> None:
    store_dir = build_store(evil_records(tmp_path), tmp_path, ID)
    store = EmbeddedStore(store_dir)
    try:
        network = load_network(store)
        exported = export(ego(network, kind_tree(store), ID, "evil-corp", 1), "html", store, ID)
    finally:
        store.close()
    path = tmp_path / exported.filename
    path.write_bytes(exported.body)
    page = open_file(offline, path)
    assert ID + "evil-corp" in drawn_nodes(page)
    position = page.evaluate("""(id) => {
        const n = window.lshkgNetwork;
        return n.canvasToDOM(n.getPositions([id])[id]); }""", ID + "evil-corp")
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])
    page.wait_for_function("() => document.querySelector('#details h2') !== null", timeout=TIMEOUT_MS)
    assert page.locator("#details h2").text_content() == EVIL_LABEL
    assert page.locator("img").count() == 0 and page.locator("body script").count() == 3  # none added
    assert not offline.dialogs and not offline.requests.errors
    assert offline.requests.urls == [path.as_uri()], offline.requests.urls
