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
from tests.browser.chromium import chromium, chromium_available
from tests.webapp.test_entity_own_data import EVIL_LABEL, build_store, evil_records

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]
TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as running:
        yield running


class Offline:
    """A page with the network cut: every request that is not the file itself is refused, and
    every request, script error and dialog is recorded."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(offline=True, viewport={"width": 1300, "height": 900})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                        else route.abort())

    def open(self, path: Path) -> Any:
        self.page.goto(path.as_uri())
        self.page.wait_for_function("() => window.lshkgNetwork !== undefined", timeout=TIMEOUT_MS)
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def offline(browser: Any) -> Iterator[Offline]:
    opened = Offline(browser)
    yield opened
    opened.close()


def drawn_nodes(page: Any) -> set[str]:
    """The nodes vis-network has laid out on its canvas."""
    return set(page.evaluate("() => Object.keys(window.lshkgNetwork.getPositions())"))


@pytest.mark.parametrize(("selection", "entity"), [("ego", "kite"), ("partnership", "european-lead-factory")])
def test_the_html_map_draws_its_nodes_offline(shipped_store: EmbeddedStore, offline: Offline, tmp_path: Path,
                                              selection: str, entity: str) -> None:
    network, tree = load_network(shipped_store), kind_tree(shipped_store)
    subgraph = ego(network, tree, ID, entity, 2) if selection == "ego" else \
        partnership(network, tree, ID, entity)
    exported = export(subgraph, "html", shipped_store, ID)
    path = tmp_path / exported.filename
    path.write_bytes(exported.body)
    page = offline.open(path)
    assert drawn_nodes(page) == set(subgraph.graph.nodes)
    edges = page.evaluate("() => window.lshkgNetwork.body.data.edges.length")
    assert edges == subgraph.graph.number_of_edges()
    assert page.locator("canvas").count() == 1
    assert page.locator("#count").text_content().startswith(f"{len(subgraph.graph)} nodes")
    page.screenshot(path=str(tmp_path / "export.png"))
    assert offline.requests == [path.as_uri()], offline.requests
    assert not offline.errors


def test_markup_in_the_data_stays_text_in_the_html_map(offline: Offline, tmp_path: Path) -> None:
    store_dir = build_store(evil_records(tmp_path), tmp_path, ID)
    store = EmbeddedStore(store_dir)
    try:
        network = load_network(store)
        exported = export(ego(network, kind_tree(store), ID, "evil-corp", 1), "html", store, ID)
    finally:
        store.close()
    path = tmp_path / exported.filename
    path.write_bytes(exported.body)
    page = offline.open(path)
    assert ID + "evil-corp" in drawn_nodes(page)
    position = page.evaluate("""(id) => {
        const n = window.lshkgNetwork;
        return n.canvasToDOM(n.getPositions([id])[id]); }""", ID + "evil-corp")
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])
    page.wait_for_function("() => document.querySelector('#details h2') !== null", timeout=TIMEOUT_MS)
    assert page.locator("#details h2").text_content() == EVIL_LABEL
    assert page.locator("img").count() == 0 and page.locator("body script").count() == 3  # none added
    assert not offline.dialogs and not offline.errors
    assert offline.requests == [path.as_uri()], offline.requests
