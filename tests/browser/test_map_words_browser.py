"""The map told in words, as a person reads it: the path panel tells each hop as a sentence with
the document's words, colour by community shows the legend of named groups, and the text beside
the map says who is central and which groups there are, linking to /overview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.chromium import Server, chromium_available
from tests.browser.map_page import (
    api,
    choose_suggestion,
    open_map,
    screenshot,
    view_query,
    wait_for_new_view,
)
from tests.browser.test_map_browser import data_dir, server
from tests.browser.test_map_export_browser import page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]
__all__ = ["data_dir", "page", "server"]



def test_the_path_panel_tells_each_hop_with_its_quote(page: Any, server: Server, tmp_path: Path) -> None:
    open_map(page, server)
    choose_suggestion(page, "#path-from", "TNO", "tno")
    choose_suggestion(page, "#path-to", "Radboud UMC", "radboud-umc")
    before = view_query(page)
    page.click("#path-find")
    wait_for_new_view(page, before)
    first = page.locator("#map-panel .path-sentence").first
    assert first.locator(".sentence").text_content() == "TNO member of Collaboration Janssen and TNO"
    quote = first.locator(".evidence blockquote").first.text_content()
    assert "werkt Janssen intensief samen met onderzoeks- instellingen zoals TNO" in quote
    assert "Boston by the North Sea" in first.locator(".evidence-source").first.text_content()
    told = api(server, "/paths.json?from=tno&to=radboud-umc")["paths"][0]["hops"]
    sentences = page.locator("#map-panel .path-told ol").first.locator(".sentence").all_text_contents()
    assert sentences == [hop["sentence"] for hop in told]  # the same search and words as /paths
    screenshot(page, tmp_path, "path-sentences")
    before = view_query(page)
    page.click(".lang-switch [data-lang=nl]")
    wait_for_new_view(page, before)
    assert page.locator("#map-panel .path-sentence .sentence").first.text_content() == \
        "TNO lid van Samenwerking Janssen en TNO"


def test_shared_attributes_are_told_as_both_having_them(page: Any, server: Server) -> None:
    open_map(page, server, "from=kite&to=lumc&avoid=region")
    page.wait_for_selector("#map-panel .path-sentence.shared")
    texts = page.locator("#map-panel .path-sentence.shared .sentence").all_text_contents()
    assert any(" both have “" in text for text in texts)


def test_colour_by_community_shows_the_named_groups(page: Any, server: Server, tmp_path: Path) -> None:
    open_map(page, server)
    assert page.locator("#community-legend-box").is_hidden()
    before = view_query(page)
    page.select_option("#colour-mode", "community")
    wait_for_new_view(page, before)
    names = page.locator("#community-legend li[data-community] .legend-name").all_text_contents()
    groups = api(server, "/overview.json")["groups"]
    assert f"group 1, {groups[0]['name']}" in names
    assert all(name.startswith("group ") for name in names[:-1])
    colours = page.evaluate("new Set(window.lshkgMap.nodes.get().map((n) => n.color.background)).size")
    assert colours > 3
    brokers = api(server, "/api/map/words")["brokers"]
    marked = page.evaluate("window.lshkgMap.nodes.get({filter: (n) => n.broker}).map((n) => n.id)")
    assert brokers[0]["id"] in marked
    assert page.locator("#community-legend .legend-broker").count() == 1
    words = page.locator("#map-words-body")
    words.locator(".words-central").wait_for()
    central = api(server, "/overview.json")["central"][0]["label"]
    assert central in words.locator(".words-central").text_content()
    assert "links groups that otherwise stand apart" in words.text_content()
    assert page.get_attribute("#map-words .words-more", "href").endswith("/overview")
    screenshot(page, tmp_path, "communities")
