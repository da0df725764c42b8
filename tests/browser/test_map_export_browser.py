""""Export this view" as a person uses it: open a view on the map (a focus, a lens, a filter, a
path), choose a format, click the export link, and read the downloaded file back with networkx:
it holds exactly the nodes and links the page draws, and its title and file name say which view."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from tests.browser.chromium import Server, checked_page, chromium_available
from tests.browser.map_page import (
    TIMEOUT_MS,
    choose_suggestion,
    drawn,
    open_map,
    screenshot,
    view_query,
    wait_for_new_view,
)
from tests.browser.test_map_browser import data_dir, server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]
__all__ = ["data_dir", "server"]  # the module's fixtures, shared with the map's tests


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    """A desktop page that accepts downloads; fails the test on a script error or a request to another
    host (also used by the bundle, time and words tests)."""
    with checked_page(browser, server.url, width=1440, height=900, timeout_ms=TIMEOUT_MS,
                      accept_downloads=True) as page:
        yield page


def then_wait(page: Any, action: Callable[[], None]) -> None:
    before = view_query(page)
    action()
    wait_for_new_view(page, before)


def focus_on_kite(page: Any) -> str:
    choose_suggestion(page, "#map-search", "Kite", "kite")
    page.wait_for_selector("#map-panel[data-node='kite'] .panel-links")
    then_wait(page, lambda: page.click("#map-panel button:has-text('Only this neighbourhood')"))
    return "Kite"


def lens_of_elf(page: Any) -> str:
    then_wait(page, lambda: page.click("#lens-list a[data-lens='european-lead-factory']"))
    return "European Lead Factory"


def companies_in_leiden(page: Any) -> str:
    then_wait(page, lambda: page.select_option("#filter-place", "hotspot-leiden"))
    then_wait(page, lambda: page.check("#legend li[data-family='company'] input"))
    return "Leiden"


def path_from_radboud_to_tno(page: Any) -> str:
    choose_suggestion(page, "#path-from", "Radboud UMC", "radboud-umc")
    choose_suggestion(page, "#path-to", "TNO", "tno")
    then_wait(page, lambda: page.click("#path-find"))
    return "TNO"


def shown_edges(page: Any) -> set[tuple[str, str, str]]:
    return {tuple(edge) for edge in page.evaluate(
        "window.lshkgMap.edges.get({filter: (e) => !e.aggregate}).map((e) => [e.from, e.predicate, e.to])")}


def download(page: Any, format_name: str) -> tuple[str, bytes]:
    """The file's name without the dataset version it starts with (`lsh-kg-<short hash>-`), and its bytes."""
    page.select_option("#export-format", format_name)
    with page.expect_download() as info:
        page.click("#export-link")
    downloaded = info.value
    named = downloaded.suggested_filename
    assert re.match(r"lsh-kg-[0-9a-f]{8}-", named), named
    return "lsh-kg-" + named[len("lsh-kg-") + 9:], Path(downloaded.path()).read_bytes()


def read_back(format_name: str, body: bytes) -> nx.MultiDiGraph:
    if format_name == "gexf":
        return nx.read_gexf(io.BytesIO(body))
    return nx.read_graphml(io.BytesIO(body), force_multigraph=True)


@pytest.mark.parametrize(("view", "format_name"), [
    (focus_on_kite, "gexf"), (lens_of_elf, "graphml"), (companies_in_leiden, "gexf"),
    (path_from_radboud_to_tno, "graphml")])
def test_the_exported_file_holds_exactly_what_the_page_shows(
        page: Any, server: Server, tmp_path: Path, view: Callable[[Any], str], format_name: str) -> None:
    open_map(page, server)
    everything = drawn(page)
    named = view(page)
    shown = drawn(page)
    assert shown and shown != everything, "the view narrows the map"
    screenshot(page, tmp_path, view.__name__)
    # the layout at rest, as a person exports it: positions then cannot drift between the export's
    # click and the comparison below (they did, by a few pixels, on a busy machine)
    page.evaluate("window.lshkgMap.network.stopSimulation()")
    filename, body = download(page, format_name)
    graph = read_back(format_name, body)
    entity = nx.get_node_attributes(graph, "entity")
    assert set(entity.values()) == shown and len(entity) == len(graph)
    edges = {(entity[s], data["relation"], entity[t]) for s, t, data in graph.edges(data=True)}
    assert edges == shown_edges(page) and graph.number_of_edges() == len(edges)
    assert named in graph.graph["name"] and f"{len(shown)} nodes" in graph.graph["name"]
    assert filename.startswith("lsh-kg-view-") and filename.endswith("." + format_name)
    assert filename != "lsh-kg-view-all." + format_name
    # laid out as on the screen, coloured and sized as the map draws them
    shown_at = page.evaluate("window.lshkgMap.network.getPositions()")
    colours = page.evaluate(
        "Object.fromEntries(window.lshkgMap.nodes.get().map((n) => [n.id, n.color.background]))")
    for _, data in graph.nodes(data=True):
        if format_name == "gexf":
            x, y = data["viz"]["position"]["x"], -data["viz"]["position"]["y"]
        else:
            x, y = data["x"], data["y"]
        assert abs(x - shown_at[data["entity"]]["x"]) < 0.1 and abs(y - shown_at[data["entity"]]["y"]) < 0.1
        assert data["colour"] == colours[data["entity"]] and data["size"] > 0


def test_the_csv_export_of_the_first_view_holds_the_first_view(page: Any, server: Server) -> None:
    open_map(page, server)
    filename, body = download(page, "csv")
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        nodes = archive.read(next(n for n in archive.namelist() if n.endswith("nodes.csv"))).decode()
    ids = {line.split(",", 1)[0] for line in nodes.splitlines()[1:]}
    assert ids == drawn(page) and filename == "lsh-kg-view-all.csv.zip"


def test_the_html_export_looks_and_behaves_like_the_map(browser: Any, page: Any, server: Server,
                                                        tmp_path: Path) -> None:
    open_map(page, server)
    focus_on_kite(page)
    filename, body = download(page, "html")
    assert filename == "lsh-kg-view-focus-kite.html"
    looks = page.evaluate("""() => Object.fromEntries(window.lshkgMap.nodes.get().map((n) =>
        [n.id, [n.shape, n.color.background]]))""")
    absent = "(items) => items.map((item) => item.querySelector('.legend-name').textContent)"
    kinds = set(page.eval_on_selector_all("#legend li.empty", absent))  # kinds not in this view
    shown_at = page.evaluate("window.lshkgMap.network.getPositions()")
    path = tmp_path / filename
    path.write_bytes(body)
    with checked_page(browser, "file:///", width=1300, height=900, offline=True) as opened:
        opened.goto(path.as_uri())
        opened.wait_for_function("() => window.lshkgNetwork !== undefined")
        drawn_here = opened.evaluate("""() => Object.fromEntries(
            window.lshkgNetwork.body.data.nodes.get().map((n) =>
                [n.id.split('/').pop(), [n.shape, n.color.background, n.x, n.y]]))""")
        assert {k: v[:2] for k, v in drawn_here.items()} == looks  # the map's shapes and colours
        assert all(abs(v[2] - shown_at[k]["x"]) < 0.1 and abs(v[3] - shown_at[k]["y"]) < 0.1
                   for k, v in drawn_here.items())  # where the map showed them
        legend = opened.locator("#legend li").all_text_contents()
        assert "Company" in legend and "Site" in legend and not kinds & set(legend)
        assert "general knowledge" in opened.text_content("#lines")
        assert "around Kite" in opened.text_content("#title")
        opened.evaluate("""() => window.lshkgNetwork.body.emitter.emit('click',
            {nodes: [window.lshkgNetwork.body.data.nodes.getIds().find((id) => id.endsWith('/kite'))],
             edges: [], pointer: {DOM: {x: 0, y: 0}}})""")
        opened.wait_for_selector("#details blockquote")
        assert opened.text_content("#details h2") == "Kite"
        assert "Links (" in opened.text_content("#details h3")
        opened.screenshot(path=str(tmp_path / "html-export.png"))
        assert opened.requests.urls == [path.as_uri()]
