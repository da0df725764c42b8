"""The network over time on the map, as a person uses it: the year slider set to a year before
Pivot Park was founded ("Pivot Park is in 2012 opgericht") removes it from the map and from the
exported file; play steps through the years; the undated are kept and marked."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from tests.browser.chromium import Server, chromium_available
from tests.browser.map_page import drawn, open_map, screenshot, view_query, wait_for_new_view
from tests.browser.test_map_browser import data_dir, server
from tests.browser.test_map_export_browser import page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]
__all__ = ["data_dir", "page", "server"]



def set_year(page: Any, year: int) -> None:
    """Move the slider as a keyboard or mouse does: its value changes, then `change` fires."""
    before = view_query(page)
    page.evaluate("""(year) => { const slider = document.getElementById('time-slider');
        slider.value = String(year); slider.dispatchEvent(new Event('input'));
        slider.dispatchEvent(new Event('change')); }""", year)
    wait_for_new_view(page, before)


def test_a_year_before_pivot_parks_founding_removes_it_from_the_map_and_the_export(
        page: Any, server: Server, tmp_path: Path) -> None:
    open_map(page, server)
    assert "pivot-park" in drawn(page)
    set_year(page, 2012)
    assert "pivot-park" in drawn(page) and "at=2012" in page.url
    set_year(page, 2011)
    shown = drawn(page)
    assert "pivot-park" not in shown and "msd" in shown  # MSD has no year: kept, marked undated
    assert "at=2011" in page.url
    assert page.evaluate("window.lshkgMap.nodes.get('msd').undated") is True
    assert page.text_content("#time-label") == "As it stood in 2011"
    screenshot(page, tmp_path, "year-2011")
    page.evaluate("window.lshkgMap.network.stopSimulation()")
    page.select_option("#export-format", "graphml")
    with page.expect_download() as info:
        page.click("#export-link")
    graph = nx.read_graphml(io.BytesIO(Path(info.value.path()).read_bytes()), force_multigraph=True)
    exported = set(nx.get_node_attributes(graph, "entity").values())
    assert "pivot-park" not in exported and exported == shown
    assert "2011" in graph.graph["name"]
    # forward again: Pivot Park comes back, marked as new since the previous step
    set_year(page, 2012)
    assert page.evaluate("window.lshkgMap.nodes.get('pivot-park').fresh") is True
    assert "new since 2011" in page.text_content("#time-status")


def test_the_undated_can_be_left_out(page: Any, server: Server) -> None:
    open_map(page, server, "at=2011")
    assert "msd" in drawn(page)
    before = view_query(page)
    page.uncheck("#time-undated")
    wait_for_new_view(page, before)
    assert "msd" not in drawn(page) and "undated=off" in page.url


def test_play_steps_through_the_years(page: Any, server: Server) -> None:
    open_map(page, server)
    years = page.evaluate("window.lshkgMap.state.view.time.years")
    assert len(years) > 3
    before = view_query(page)
    page.click("#time-play")
    seen: list[int] = []
    for _ in range(3):
        wait_for_new_view(page, before)
        before = view_query(page)
        seen.append(int(page.evaluate("window.lshkgMap.state.view.time.at")))
    page.click("#time-play")  # pause
    assert seen == years[:3]
    assert page.text_content("#time-play") == "Play"
