"""Bundles as a person makes them: on the map (the bundle link beside the export), on an entity
page and in the editor. Each downloaded zip holds the selection that made it, and the map's holds
exactly the nodes the map shows and the map's view."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

import pytest

from tests.browser.chromium import Server, chromium_available
from tests.browser.map_page import drawn, open_map, view_query
from tests.browser.test_map_browser import data_dir, server
from tests.browser.test_map_export_browser import focus_on_kite, page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]
__all__ = ["data_dir", "page", "server"]
ID = "https://w3id.org/lsh-kg/id/"



def bundle_of(page: Any, selector: str) -> tuple[str, dict[str, bytes]]:
    with page.expect_download() as info:
        page.click(selector)
    downloaded = info.value
    with zipfile.ZipFile(Path(downloaded.path())) as archive:
        return downloaded.suggested_filename, {name: archive.read(name) for name in archive.namelist()}


def test_the_maps_bundle_holds_the_nodes_shown_and_the_view(page: Any, server: Server) -> None:
    open_map(page, server)
    focus_on_kite(page)
    page.evaluate("window.lshkgMap.network.stopSimulation()")
    shown, view = drawn(page), view_query(page)
    filename, files = bundle_of(page, "#bundle-link")
    assert filename.endswith("-bundle.zip") and "view-focus-kite" in filename
    selection = json.loads(files["selection.json"])
    assert selection["kind"] == "view"
    asked = {k: v for k, v in parse_qs(selection["params"]["view"]).items() if k != "select"}
    assert asked == {k: v for k, v in parse_qs(view).items() if k != "select"}
    nodes = list(csv.DictReader(io.StringIO(files["nodes.csv"].decode("utf-8"))))
    assert {row["id"] for row in nodes} == shown


def test_an_entity_pages_bundle_holds_its_neighbourhood(page: Any, server: Server) -> None:
    page.goto(server.url + "/id/kite")
    page.select_option("#export-form select[name=depth]", "2")
    filename, files = bundle_of(page, "#bundle-button")
    assert "ego-kite-depth2" in filename
    selection = json.loads(files["selection.json"])
    assert selection["kind"] == "ego" and selection["params"]["ego"] == "kite"
    assert selection["params"]["depth"] == "2"
    assert selection["command"] == "lshkg export --ego kite --depth 2 --bundle"
    readme = files["README.md"].decode("utf-8")
    assert readme.startswith("# lsh-kg bundle: ") and "## Make it again" in readme


def test_a_bundle_made_on_a_dutch_page_has_its_readme_in_dutch(page: Any, server: Server) -> None:
    page.goto(server.url + "/id/kite?lang=nl")
    page.select_option("#export-form select[name=format]", "html")
    assert page.locator("#export-form select[name=format] option:checked").inner_text() == \
        "een kaart die offline opent"
    _filename, files = bundle_of(page, "#bundle-button")
    readme = files["README.md"].decode("utf-8")
    assert readme.startswith("# lsh-kg-bundel: ")
    assert "Gemaakt op " in readme and " uit de lsh-kg-dataset versie " in readme
    for heading in ("## Opnieuw maken", "## Vergelijken met de gegevens van vandaag", "## Bestanden"):
        assert heading in readme
    assert "lshkg export --ego kite --depth 1 --bundle" in readme and "Make it again" not in readme


def test_the_editors_bundle_holds_the_query_as_written(page: Any, server: Server) -> None:
    query = "CONSTRUCT { ?org lsh:memberOf lshid:european-lead-factory }\n" \
            "WHERE { ?org lsh:memberOf lshid:european-lead-factory }"
    page.goto(server.url + "/query?" + urlencode({"query": query}))
    page.wait_for_selector("#editor-app[data-state=done]", state="attached")
    filename, files = bundle_of(page, "#bundle-button")
    assert "query-" in filename
    assert files["query.rq"].decode("utf-8") == query
    assert json.loads(files["selection.json"])["params"]["query"] == query
    nodes = {row["iri"] for row in csv.DictReader(io.StringIO(files["nodes.csv"].decode("utf-8")))}
    assert ID + "european-lead-factory" in nodes and ID + "lygature" in nodes
