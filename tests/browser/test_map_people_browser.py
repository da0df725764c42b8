"""The map as people meet it, in headless Chromium over the shipped graph: a first view with readable
labels and no attribute hubs, honest paths (Kite and LUMC share places and areas, not links), the
search as a combobox that puts the choice in the URL, a node's evidence within ten Tab presses, the
view as lists for the keyboard and screen readers, every partnership in its filter, and the phone
layout (axe-core's check of the map page: tests/browser/test_accessibility.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.chromium import Server, checked_page, chromium_available
from tests.browser.map_page import TIMEOUT_MS, api, drawn, open_map, screenshot, view_query, wait_for_new_view
from tests.browser.test_map_browser import data_dir, server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]
__all__ = ["data_dir", "server"]  # the module's fixtures, shared with the map's tests
ATTRIBUTES = "show=city&show=hotspot&show=region&show=area&show=concept"


def opened(browser: Any, server: Server, width: int, height: int) -> Iterator[Any]:
    with checked_page(browser, server.url, width=width, height=height, timeout_ms=TIMEOUT_MS) as page:
        yield page


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    yield from opened(browser, server, 1440, 900)


@pytest.fixture
def phone(browser: Any, server: Server) -> Iterator[Any]:
    yield from opened(browser, server, 390, 844)


def labelled(page: Any, at_least: int = 1) -> dict:
    page.wait_for_function("(n) => { const drawn = window.lshkgMap.state.labelled;"
                           " return drawn && drawn.ids.length >= n; }", arg=at_least)
    return page.evaluate("window.lshkgMap.state.labelled")


def overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and \
        b["y"] < a["y"] + a["h"]


def test_the_first_view_is_readable_and_says_what_it_shows(page: Any, server: Server, tmp_path: Path) -> None:
    open_map(page, server)
    labels = labelled(page, 20)
    screenshot(page, tmp_path, "first-view")
    canvas = page.locator("#map-canvas").bounding_box()
    assert len(labels["ids"]) >= 20 and labels["px"] >= 11 and set(labels["ids"]) <= drawn(page)
    boxes = labels["boxes"]
    inside = [b for b in boxes if b["x"] >= 0 and b["y"] >= 0 and b["x"] + b["w"] <= canvas["width"] + 1
              and b["y"] + b["h"] <= canvas["height"] + 1]
    assert inside == boxes
    assert not any(overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    view = api(server, "/api/map/view")
    assert view["nodes"][0]["id"] in labels["ids"]  # the most connected is named
    everything = {n["id"]: n["family"] for n in api(server, "/api/map/view?" + ATTRIBUTES)["nodes"]}
    hubs = {i for i, family in everything.items()
            if family in ("city", "hotspot", "region", "area", "concept")}
    assert "netherlands" in hubs and not drawn(page) & hubs
    about = api(server, "/api/map/options")["about"]
    line = page.text_content("#map-about")
    assert f"{len(about['documents'])} source documents" in line and about["version"] in line
    assert f"dataset {about['dataset']}, built {about['built']}" in line  # as `lshkg build` recorded
    assert "general knowledge" in page.text_content(".line-legend")
    before = view_query(page)
    page.check("#show-attributes input[value=region]")  # on demand
    wait_for_new_view(page, before)
    assert "netherlands" in drawn(page) and parse_qs(urlsplit(page.url).query)["show"] == ["region"]


def test_a_small_view_is_centred(page: Any, server: Server) -> None:
    open_map(page, server, "focus=kite")
    page.wait_for_function("""() => { const net = window.lshkgMap.network;
        const at = Object.values(net.getPositions()).map((p) => net.canvasToDOM(p));
        const box = document.getElementById('map-canvas').getBoundingClientRect();
        const xs = at.map((p) => p.x), ys = at.map((p) => p.y);
        const x = (Math.min(...xs) + Math.max(...xs)) / 2 / box.width;
        const y = (Math.min(...ys) + Math.max(...ys)) / 2 / box.height;
        return Math.abs(x - 0.5) < 0.1 && Math.abs(y - 0.5) < 0.1; }""", timeout=10_000)


def keyboard_choice(page: Any, selector: str, text: str) -> str:
    """Type, then ArrowDown and Enter, as the combobox pattern has it; the id of the first suggestion."""
    page.focus(selector)
    page.keyboard.type(text, delay=20)
    listbox = "#" + page.get_attribute(selector, "aria-controls")
    page.wait_for_selector(f"{listbox} li", state="visible")
    assert page.locator(f"{listbox} li[aria-selected=true]").count() == 0  # nothing chosen yet
    uncut = page.evaluate("""(list) => { const box = document.querySelector(list).getBoundingClientRect();
        const corner = document.elementFromPoint(box.right - 4, box.top + 6);
        return box.width >= 300 && box.right <= window.innerWidth && !!corner && !!corner.closest(list); }""",
                          listbox)
    assert uncut, "the suggestions are cut or covered"
    first = page.get_attribute(f"{listbox} li >> nth=0", "data-id")
    page.keyboard.press("ArrowDown")
    assert page.get_attribute(f"{listbox} li >> nth=0", "aria-selected") == "true"
    first_option = page.get_attribute(f"{listbox} li >> nth=0", "id")
    assert page.get_attribute(selector, "aria-activedescendant") == first_option
    page.keyboard.press("Enter")
    return first


def test_kite_and_lumc_share_places_and_areas_not_links(page: Any, server: Server, tmp_path: Path) -> None:
    open_map(page, server)
    assert keyboard_choice(page, "#path-from", "Kite") == "kite"
    assert keyboard_choice(page, "#path-to", "LUMC") == "lumc"
    before = view_query(page)
    page.click("#path-find")
    wait_for_new_view(page, before)
    assert "no chain of links" in page.text_content("#map-panel .path-none")
    assert page.locator("#map-panel .path-item").count() == 0
    assert page.evaluate("window.lshkgMap.nodes.get({filter: (n) => n.onPath}).length") == 0
    screenshot(page, tmp_path, "path-none")
    before = view_query(page)
    page.click("#map-panel button:has-text('Show what they have in common')")
    wait_for_new_view(page, before)
    assert page.text_content("#map-panel h2") == "What Kite and LUMC have in common"
    told = page.locator("#map-panel .path-item").all_text_contents()
    assert told and all("both " in text for text in told)
    assert "not links" in page.text_content("#map-panel .path-shared-note")
    on_path = set(page.evaluate("window.lshkgMap.nodes.get({filter: (n) => n.onPath}).map((n) => n.id)"))
    assert on_path == drawn(page) and {"kite", "lumc"} <= on_path  # the path is the view
    assert on_path <= set(labelled(page, len(on_path))["ids"])  # zoomed to it and named
    assert parse_qs(urlsplit(page.url).query)["avoid"] == ["region"]
    screenshot(page, tmp_path, "path-shared")


def test_a_keyboard_user_reaches_a_nodes_evidence_in_ten_tabs(page: Any, server: Server) -> None:
    open_map(page, server)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to search"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "map-search"
    chosen = keyboard_choice(page, "#map-search", "Kite")
    page.wait_for_function("(id) => document.activeElement.tagName === 'H2' && "
                           "document.getElementById('map-panel').dataset.node === id", arg=chosen)
    assert parse_qs(urlsplit(page.url).query)["select"] == [chosen]  # the choice is in the URL
    tabs = 1
    while tabs < 10 and not page.evaluate("!!document.activeElement.closest('.evidence')"):
        page.keyboard.press("Tab")
        tabs += 1
    assert page.evaluate("!!document.activeElement.closest('.evidence')"), "no evidence within ten Tabs"
    page.keyboard.press("Enter")  # the document the quote comes from
    page.wait_for_url("**/id/**")


def test_every_node_and_link_of_the_view_is_in_the_list(page: Any, server: Server) -> None:
    open_map(page, server, "focus=european-lead-factory")
    page.click("#view-list summary")
    ids = "(items) => items.map((item) => item.dataset.id)"
    assert set(page.eval_on_selector_all("#view-list-nodes li", ids)) == drawn(page)
    links = set(page.eval_on_selector_all("#view-list-links li", ids))
    assert links == set(page.evaluate("window.lshkgMap.edges.getIds()")) and links
    page.focus("#view-list-links li:first-child button")
    page.keyboard.press("Enter")
    page.wait_for_selector("#map-panel[data-kind=edge] .evidence")
    assert page.evaluate("document.activeElement.tagName") == "H2"


def test_every_partnership_is_in_its_filter(page: Any, server: Server) -> None:
    open_map(page, server)
    options = api(server, "/api/map/options")["partnerships"]
    # Pharma Gateway Amsterdam is offered (the documents now name its participants); a partnership
    # whose members no source names is offered too, and says so
    assert "pharma-gateway-amsterdam" in {p["id"] for p in options}
    unnamed = [p for p in options if p["count"] == 0]
    assert unnamed
    chosen = unnamed[0]
    offered = page.eval_on_selector_all("#filter-partnership option", "(items) => items.map((o) => o.value)")
    assert set(offered) - {""} == {p["id"] for p in options}
    text = page.text_content(f"#filter-partnership option[value='{chosen['id']}']")
    assert "no members named in the sources" in text
    before = view_query(page)
    page.select_option("#filter-partnership", chosen["id"])
    wait_for_new_view(page, before)
    assert chosen["id"] in drawn(page)
    label = chosen["labels"].get("en") or next(iter(chosen["labels"].values()))
    assert f"{label}: no members named in the sources" in page.text_content("#map-counts")


def test_on_a_phone_the_map_spans_the_screen(phone: Any, server: Server, tmp_path: Path) -> None:
    open_map(phone, server)
    canvas = phone.locator("#map-canvas").bounding_box()
    assert canvas["x"] <= 1 and canvas["width"] >= 388 and canvas["height"] >= 844 / 2
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls sideways
    assert not phone.is_visible("#map-search")  # in its drawer, closed
    screenshot(phone, tmp_path, "phone")
    phone.click("#open-controls")
    phone.wait_for_selector("#map-search", state="visible")
    assert phone.evaluate("document.activeElement.id") == "map-search"  # the drawer takes the focus
    keyboard_choice(phone, "#map-search", "Kite")
    phone.wait_for_selector("#map-panel[data-node='kite'] .panel-links")
    phone.wait_for_selector("#map-search", state="hidden")  # the controls gave way to the details
    title = phone.locator("#map-panel h2").bounding_box()
    assert phone.is_visible("#map-panel h2") and 0 <= title["y"] < 844 and title["x"] >= 0
    screenshot(phone, tmp_path, "phone-details")
