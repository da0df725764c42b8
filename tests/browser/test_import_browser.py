"""Markup in an imported file's labels and quotes stays text in a real Chromium page: on the entity
page, in search results and on the map, nothing from the import runs or loads, and the entity
carries its "imported: NAME" badge."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from tests.browser.chromium import (
    Server,
    build_store,
    checked_page,
    chromium_available,
    lshkg_command,
    start_server,
)
from tests.browser.map_page import READY, choose_suggestion, open_map

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]

ID = "https://w3id.org/lsh-kg/id/"
LABEL = '<img src=x onerror="window.__xss=1">Markup Imports <script>window.__xss=2</script>BV'
QUOTE = '<svg onload="window.__xss=3">Markup Imports</svg> zit in <b onmouseover="window.__xss=4">Oss</b>'
IMPORT = f"""@prefix lsh: <https://w3id.org/lsh-kg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .

<{ID}markup-co> a lsh:Company ; rdfs:label {json.dumps(LABEL)}@en ; lsh:locatedIn <{ID}oss> .
<{ID}evidence/markup-quote> a lsh:Evidence ; rdf:subject <{ID}markup-co> ; rdf:predicate lsh:locatedIn ;
    rdf:object <{ID}oss> ; lsh:basis lsh:DocumentQuote ; prov:wasDerivedFrom <{ID}doc-a> ;
    lsh:quote {json.dumps(QUOTE)}@nl .
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data_dir = build_store(tmp_path_factory.mktemp("import-var"))
    upload = tmp_path_factory.mktemp("import-file") / "markup.ttl"
    upload.write_text(IMPORT, encoding="utf-8")
    done = subprocess.run([*lshkg_command(), "import", str(upload), "--graph", "markup-register"],
                          env={**os.environ, "LSHKG_DATA_DIR": str(data_dir)}, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    with start_server(data_dir) as running:
        yield running


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    with checked_page(browser, server.url) as page:
        yield page


def nothing_ran(page: Any) -> None:
    log = page.requests
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert not page.dialogs and not log.foreign()
    assert not {urlsplit(url).path for url in log.urls} & {"/x"}, "an <img> from the import was created"
    # data islands (<script type="application/json">) hold the label as JSON, escaped: not markup
    made = page.evaluate("""() => [...document.querySelectorAll('*')].filter((el) =>
        [...el.attributes].some((a) => a.name.startsWith('on') && a.value.includes('__xss'))
        || (el.tagName === 'SCRIPT' && el.type !== 'application/json' && el.textContent.includes('__xss'))
        || (el.tagName === 'IMG' && el.getAttribute('src') === 'x')).length""")
    assert made == 0, "an element from the import's markup was created"


def test_the_entity_page_shows_imported_markup_as_text_with_its_badge(page: Any, server: Server) -> None:
    page.goto(f"{server.url}/id/markup-co")
    assert page.text_content("#entity-label") == LABEL
    assert page.text_content(".badge-imported").strip() == "imported: markup-register"
    assert QUOTE in page.text_content("main")
    nothing_ran(page)


def test_search_shows_imported_markup_as_text_with_its_badge(page: Any, server: Server) -> None:
    page.goto(f"{server.url}/search?q={quote('Markup Imports')}")
    hit = page.locator("#hits li").filter(has_text="Markup Imports").first
    assert hit.locator("a").text_content() == LABEL
    assert "imported: markup-register" in hit.text_content()
    nothing_ran(page)


def test_the_map_filters_by_source_and_its_panel_shows_the_badge(page: Any, server: Server) -> None:
    open_map(page, server)
    options = page.locator("#filter-source option").all_text_contents()
    assert options[1].startswith("shipped (the documents) (")
    assert options[2] == "imported: markup-register (1)"
    page.select_option("#filter-source", "markup-register")
    page.wait_for_function("() => new URLSearchParams(location.search).get('source') === 'markup-register'")
    page.wait_for_selector(READY, state="attached")
    page.wait_for_function("() => window.lshkgMap.nodes.get().length === 1")
    assert page.evaluate("window.lshkgMap.nodes.get().map((n) => n.label)") == [LABEL]
    choose_suggestion(page, "#map-search", "Markup Imports", "markup-co")
    page.wait_for_selector("#map-panel[data-node='markup-co'] .badge-imported")
    assert page.text_content("#map-panel h2") == LABEL
    assert page.text_content("#map-panel .badge-imported") == "imported: markup-register"
    nothing_ran(page)
