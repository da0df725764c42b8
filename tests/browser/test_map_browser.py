"""The map end to end: `lshkg build` of the shipped records, `lshkg serve` on loopback, Debian's
Chromium driven by Playwright. Every page checks that it made no request to another host and raised
no script error; a screenshot of each main state goes to the test's tmp_path."""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from graph import config
from tests.browser.chromium import Server, build_store, checked_page, chromium_available, start_server
from tests.browser.map_page import (
    TIMEOUT_MS,
    api,
    choose_suggestion,
    click_node,
    drawn,
    move_node_into_view,
    open_map,
    positions,
    screenshot,
    sparql_ids,
    view_query,
    wait_for_new_view,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("map-var"), records=config.RECORDS_DIR)


@pytest.fixture(scope="module")
def server(data_dir: Path) -> Iterator[Server]:
    with start_server(data_dir) as running:
        yield running


def desktop(browser: Any, server: Server) -> AbstractContextManager[Any]:
    """A 1400 x 950 page that fails on a foreign request, a script error or no request at all."""
    return checked_page(browser, server.url, width=1400, height=950, timeout_ms=TIMEOUT_MS)


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    with desktop(browser, server) as page:
        yield page


EVERYTHING = "show=city&show=hotspot&show=region&show=area&show=concept"  # the shared attributes too


def test_the_page_draws_the_whole_graph(page: Any, server: Server, tmp_path: Path) -> None:
    open_map(page, server, EVERYTHING)
    view = api(server, "/api/map/view?" + EVERYTHING)
    assert drawn(page) == {node["id"] for node in view["nodes"]}
    assert len(drawn(page)) == view["counts"]["total"]["nodes"] > 250
    assert page.get_attribute("#map-app", "data-node-count") == str(len(view["nodes"]))
    assert page.get_attribute("#map-app", "data-edge-count") == str(len(view["edges"]))
    assert page.locator("#legend li").count() == len(view["legend"])
    assert page.get_attribute("#map-counts", "data-nodes") == str(len(view["nodes"]))
    assert page.locator("#lens-list a").count() == 6
    screenshot(page, tmp_path, "whole-graph")


def test_search_then_select_focuses_the_node_and_fills_the_panel_with_a_quote(page: Any, server: Server,
                                                                              tmp_path: Path) -> None:
    open_map(page, server)
    choose_suggestion(page, "#map-search", "ELF", "european-lead-factory")
    page.wait_for_selector("#map-panel[data-node='european-lead-factory'] .panel-links")
    assert page.text_content("#map-panel h2") == "European Lead Factory"
    assert page.evaluate("window.lshkgMap.network.getSelectedNodes()") == ["european-lead-factory"]
    page.wait_for_function("""() => { const net = window.lshkgMap.network;
        const at = net.canvasToDOM(net.getPositions(['european-lead-factory'])['european-lead-factory']);
        const box = document.getElementById('map-canvas').getBoundingClientRect();
        return Math.abs(at.x - box.width / 2) < box.width / 10
            && Math.abs(at.y - box.height / 2) < box.height / 10; }""")  # brought to the middle
    quote = page.locator("#map-panel .evidence blockquote").first
    assert len(quote.text_content()) > 10 and quote.get_attribute("lang") in ("nl", "en")
    assert page.locator("#map-panel .evidence-source a").first.get_attribute("href").startswith("/id/")
    entity_page = page.locator("#map-panel a", has_text="Entity page")
    assert entity_page.get_attribute("href") == "/id/european-lead-factory"
    screenshot(page, tmp_path, "search-selected")


def test_filters_reduce_the_drawn_nodes_to_the_expected_set(page: Any, server: Server,
                                                            tmp_path: Path) -> None:
    open_map(page, server)
    in_leiden = sparql_ids(server, """SELECT DISTINCT ?x WHERE {
      { VALUES ?x { lshid:leiden lshid:hotspot-leiden } }
      UNION { ?x lsh:locatedIn+ lshid:leiden } UNION { ?x lsh:hasSite/lsh:locatedIn+ lshid:leiden } }""")
    before = view_query(page)
    page.select_option("#filter-place", "hotspot-leiden")
    wait_for_new_view(page, before)
    assert drawn(page) == in_leiden
    assert page.get_attribute("#map-counts", "data-nodes") == str(len(in_leiden))
    screenshot(page, tmp_path, "filter-place")
    umc_or_company = sparql_ids(server, """SELECT DISTINCT ?x WHERE {
      { ?x a lsh:Company } UNION { ?x a lsh:UniversityMedicalCentre } }""")
    for family in ("umc", "company"):
        before = view_query(page)
        page.check(f"#legend li[data-family='{family}'] input")
        wait_for_new_view(page, before)
    assert drawn(page) == in_leiden & umc_or_company and drawn(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query["place"] == ["hotspot-leiden"] and sorted(query["kind"]) == ["company", "umc"]
    screenshot(page, tmp_path, "filter-place-kind")
    before = view_query(page)
    page.click("#clear-filters")
    wait_for_new_view(page, before)
    assert len(drawn(page)) == api(server, "/api/map/view")["counts"]["nodes"]


def test_expand_adds_the_neighbours_and_collapse_removes_them(page: Any, server: Server,
                                                              tmp_path: Path) -> None:
    open_map(page, server, "focus=european-lead-factory")
    before_ids = drawn(page)
    neighbours = {node["id"] for node in api(server, "/api/map/expand?node=lygature")["nodes"]}
    assert neighbours - before_ids, "lygature has neighbours outside the focus"
    move_node_into_view(page, "lygature")
    before = view_query(page)
    click_node(page, "lygature", double=True)
    wait_for_new_view(page, before)
    assert drawn(page) == before_ids | neighbours
    assert parse_qs(urlsplit(page.url).query)["expand"] == ["lygature"]
    screenshot(page, tmp_path, "expanded")
    move_node_into_view(page, "lygature")
    before = view_query(page)
    click_node(page, "lygature", double=True)
    wait_for_new_view(page, before)
    assert drawn(page) == before_ids
    assert "expand" not in parse_qs(urlsplit(page.url).query)


def test_the_path_finder_highlights_the_expected_path(page: Any, server: Server, tmp_path: Path) -> None:
    open_map(page, server)
    # the one path search (tests/network/test_paths.py): the shortest, then other intermediaries
    expected = api(server, "/api/map/path?from=radboud-umc&to=tno")["paths"]
    choose_suggestion(page, "#path-from", "Radboud UMC", "radboud-umc")
    choose_suggestion(page, "#path-to", "TNO", "tno")
    before = view_query(page)
    page.click("#path-find")
    wait_for_new_view(page, before)
    on_path = set(page.evaluate("window.lshkgMap.nodes.get({filter: (n) => n.onPath}).map((n) => n.id)"))
    edges = page.evaluate("window.lshkgMap.edges.get({filter: (e) => e.onPath}).map((e) => [e.from, e.to])")
    assert on_path == {node for path in expected for node in path}
    pairs = {frozenset(pair) for pair in edges}
    assert pairs == {frozenset(p) for path in expected for p in itertools.pairwise(path)}
    assert page.locator("#map-panel .path-item").count() == len(expected)
    assert page.locator("#map-panel .path-sentence .evidence blockquote").count() > 0
    query = parse_qs(urlsplit(page.url).query)
    assert query["from"] == ["radboud-umc"] and query["to"] == ["tno"]
    screenshot(page, tmp_path, "path")


def test_the_geographic_layout_puts_cities_where_they_are(page: Any, server: Server, tmp_path: Path) -> None:
    open_map(page, server, "show=city")
    before = view_query(page)
    page.check("input[name=layout][value=geo]")
    wait_for_new_view(page, before)
    assert page.get_attribute("#map-app", "data-outline") == "loaded"
    at = positions(page, ["leiden", "utrecht", "groningen", "maastricht"])
    assert at["leiden"]["x"] < at["utrecht"]["x"]
    assert at["groningen"]["y"] < at["maastricht"]["y"]  # north is up: smaller y on the canvas
    view = api(server, "/api/map/view?layout=geo&show=city")
    unplaced = [n["id"] for n in view["nodes"] if n.get("margin") == "unplaced"]
    placed = [n["id"] for n in view["nodes"] if "margin" not in n]
    assert unplaced and drawn(page) >= set(unplaced)  # shown, beside the map, not dropped
    spots = positions(page, unplaced + placed)
    assert min(spots[n]["x"] for n in unplaced) > max(spots[n]["x"] for n in placed)
    screenshot(page, tmp_path, "geographic")


def test_a_views_url_reopens_the_same_view(browser: Any, page: Any, server: Server, tmp_path: Path) -> None:
    open_map(page, server)
    for action in (lambda: page.select_option("#filter-area", "area-oncology"),
                   lambda: page.check("input[name=layout][value=hierarchical]"),
                   lambda: page.click(".lang-switch [data-lang=nl]")):
        before = view_query(page)
        action()
        wait_for_new_view(page, before)
    url = page.url
    assert {"area", "layout", "lang"} <= set(parse_qs(urlsplit(url).query))
    labels = page.evaluate("window.lshkgMap.nodes.get().map((n) => [n.id, n.label, n.level])")
    screenshot(page, tmp_path, "before-reopen")
    with desktop(browser, server) as again:
        again.goto(url)
        again.wait_for_selector("#map-app[data-state=ready]", state="attached")
        assert sorted(again.evaluate("window.lshkgMap.nodes.get().map((n) => [n.id, n.label, n.level])")) == \
            sorted(labels)
        assert again.is_checked("input[name=layout][value=hierarchical]")
        assert again.input_value("#filter-area") == "area-oncology"
        assert again.evaluate("document.documentElement.lang") == "nl"
        assert "knopen" in again.text_content("#map-counts")
        screenshot(again, tmp_path, "reopened")
        assert not again.requests.foreign() and not again.requests.errors


def test_lenses_are_one_click_and_a_shareable_url(page: Any, server: Server, tmp_path: Path) -> None:
    open_map(page, server)
    for lens in api(server, "/api/map/lenses"):
        before = view_query(page)
        page.click(f"#lens-list a[data-lens='{lens['id']}']")
        wait_for_new_view(page, before)
        assert parse_qs(urlsplit(page.url).query)["lens"] == [lens["id"]]
        assert drawn(page) == {n["id"] for n in api(server, "/api/map/view?" + lens["query"])["nodes"]}
        assert page.get_attribute(f"#lens-list a[data-lens='{lens['id']}']", "aria-current") == "true"
        screenshot(page, tmp_path, "lens-" + lens["id"])


def test_the_export_link_carries_the_current_view(page: Any, server: Server) -> None:
    open_map(page, server, "kind=umc&layout=geo")
    query = view_query(page)
    expected = f"/api/export?view={quote(query, safe='')}&format=ttl"
    assert page.get_attribute("#export-link", "href") == expected
    page.select_option("#export-format", "graphml")
    assert page.get_attribute("#export-link", "href").endswith("&format=graphml")


def test_an_edge_click_says_which_document_says_so(page: Any, server: Server) -> None:
    open_map(page, server, "focus=european-lead-factory")
    assert page.evaluate("window.lshkgMap.edges.get('lygature|memberOf|european-lead-factory') !== null")
    page.evaluate("""() => window.lshkgMap.network.body.emitter.emit('click',
        {nodes: [], edges: ['lygature|memberOf|european-lead-factory'], pointer: {DOM: {x: 0, y: 0}}})""")
    page.wait_for_selector("#map-panel[data-kind=edge] .evidence blockquote")
    assert "member of" in page.text_content("#map-panel .edge-sentence")


@pytest.fixture(scope="module")
def small_server(data_dir: Path) -> Iterator[Server]:
    with start_server(data_dir, env_extra={"LSHKG_MAP_MAX_NODES": "60"},
                      log_path=data_dir / "small-server.log") as running:
        yield running


def test_a_large_view_is_reduced_and_says_so(browser: Any, small_server: Server, tmp_path: Path) -> None:
    with desktop(browser, small_server) as page:
        open_map(page, small_server)
        view = api(small_server, "/api/map/view")
        assert view["reduced"]
        assert page.is_visible("#reduced-banner") and "60" in page.text_content("#reduced-banner")
        clusters = page.evaluate("window.lshkgMap.nodes.get({filter: (n) => n.cluster}).map((n) => n.key)")
        assert sorted(clusters) == sorted(c["key"] for c in view["clusters"])
        screenshot(page, tmp_path, "reduced")
        companies = len([x for x in view["nodes"] if x["family"] == "company"])
        move_node_into_view(page, "cluster:kind:company")
        before = view_query(page)
        click_node(page, "cluster:kind:company")
        wait_for_new_view(page, before)
        assert parse_qs(urlsplit(page.url).query)["open"] == ["kind:company"]
        opened = api(small_server, "/api/map/view?open=kind:company")
        assert drawn(page) == {n["id"] for n in opened["nodes"]}
        assert len([n for n in opened["nodes"] if n["family"] == "company"]) > companies
        screenshot(page, tmp_path, "reduced-opened")
        assert not page.requests.foreign() and not page.requests.errors


def test_the_first_view_is_drawn_from_where_the_build_placed_it(page: Any, server: Server) -> None:
    """`lshkg build` settled the whole network's force layout: the page starts from those positions
    and its physics settles them further, so the drawing keeps their shape (which nodes lie near,
    which far) and their size. Drawn from scratch, distances would not follow them."""
    open_map(page, server)
    view = api(server, "/api/map/view")
    assert view["settled"] is True
    placed = {node["id"]: (node["x"], node["y"]) for node in view["nodes"]}
    at = {key: (point["x"], point["y"]) for key, point in positions(page, list(placed)).items()}
    ids = sorted(placed)
    pairs = list(itertools.combinations(ids, 2))[::7]
    before = [math.dist(placed[a], placed[b]) for a, b in pairs]
    after = [math.dist(at[a], at[b]) for a, b in pairs]
    assert statistics.correlation(before, after) > 0.8
    assert 0.6 < statistics.median(after) / statistics.median(before) < 1.6
