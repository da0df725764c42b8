"""Helpers for the map's browser tests: open the page, wait for a drawn view, read the vis-network
instance, click nodes on the canvas, ask the server's API."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from tests.browser.chromium import Server

TIMEOUT_MS = 30_000
READY = "#map-app[data-state=ready]"


def api(server: Server, path: str) -> Any:
    with urllib.request.urlopen(server.url + path, timeout=30) as response:
        return json.load(response)


def sparql_ids(server: Server, query: str, base: str = "https://w3id.org/lsh-kg/id/") -> set[str]:
    """The ids of the ?x bindings of a SELECT run by the server's own SPARQL endpoint."""
    prefixes = f"PREFIX lsh: <https://w3id.org/lsh-kg/ontology#>\nPREFIX lshid: <{base}>\n"
    url = server.url + "/sparql?" + urllib.parse.urlencode({"query": prefixes + query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        rows = json.load(response)["results"]["bindings"]
    return {row["x"]["value"][len(base):] for row in rows}


def open_map(page: Any, server: Server, query: str = "") -> None:
    page.goto(server.url + "/" + (("?" + query) if query else ""))
    page.wait_for_selector(READY, state="attached")


def view_query(page: Any) -> str:
    return page.get_attribute("#map-app", "data-view-query") or ""


def wait_for_new_view(page: Any, before: str) -> None:
    """Until the page has drawn a view other than `before` (the query of the last one)."""
    page.wait_for_function(
        "(before) => { const app = document.getElementById('map-app');"
        " return app.dataset.state === 'ready' && app.dataset.viewQuery !== before; }", arg=before)


def drawn(page: Any) -> set[str]:
    """The ids of the nodes (not clusters) drawn by vis-network."""
    return set(page.evaluate("window.lshkgMap.nodes.get({filter: (n) => !n.cluster}).map((n) => n.id)"))


def positions(page: Any, ids: list[str]) -> dict[str, dict[str, float]]:
    return page.evaluate("(ids) => window.lshkgMap.network.getPositions(ids)", ids)


def click_node(page: Any, node_id: str, double: bool = False) -> None:
    """A real mouse click on the node where vis-network drew it."""
    point = page.evaluate(
        """(id) => { const net = window.lshkgMap.network;
        const dom = net.canvasToDOM(net.getPositions([id])[id]);
        const box = document.getElementById('map-canvas').getBoundingClientRect();
        return [box.left + dom.x, box.top + dom.y]; }""", node_id)
    if double:
        page.mouse.dblclick(point[0], point[1])
    else:
        page.mouse.click(point[0], point[1])


def move_node_into_view(page: Any, node_id: str) -> None:
    page.evaluate("(id) => window.lshkgMap.network.focus(id, {scale: 1.5})", node_id)


def choose_suggestion(page: Any, input_selector: str, text: str, wanted_id: str) -> None:
    """Type into an autocomplete field and pick the suggestion of one entity."""
    page.fill(input_selector, "")
    page.type(input_selector, text, delay=20)
    list_id = page.get_attribute(input_selector, "aria-controls")
    option = page.wait_for_selector(f"#{list_id} li[data-id='{wanted_id}']")
    option.dispatch_event("mousedown")


def screenshot(page: Any, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"))
