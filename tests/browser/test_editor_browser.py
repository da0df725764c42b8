"""The query editor end to end: `lshkg serve` on the tiny record set, driven by headless Chromium.

Every page checks that it made no request to another host and raised no script error. Screenshots
of the main states go to each test's tmp_path.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.browser.chromium import Server, build_store, checked_page, chromium_available, start_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]

MAX_ROWS = 500  # the tiny set has ~1800 triples: SELECT * { ?s ?p ?o } is cut
PREFIXES = """PREFIX lsh: <https://w3id.org/lsh-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
ORGANISATIONS = PREFIXES + """SELECT DISTINCT ?organisation ?name WHERE {
  ?organisation a lsh:Organisation ; rdfs:label ?name .
  FILTER(LANG(?name) = "en")
}
ORDER BY DESC(?name)"""
NETWORK = PREFIXES + """CONSTRUCT {
  ?org lsh:locatedIn ?place ; rdfs:label ?label . ?sub lsh:subsidiaryOf ?org
} WHERE {
  ?org a lsh:Organisation ; rdfs:label ?label .
  OPTIONAL { ?org lsh:locatedIn ?place }
  OPTIONAL { ?sub lsh:subsidiaryOf ?org }
}"""
ROWS = ".yasr table.dataTable tbody tr"  # YASR's table of raw terms
SIMPLE_ROWS = ".yasr .simple-view[data-labelled] tbody tr"  # the default view, names in
TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data_dir = build_store(tmp_path_factory.mktemp("browser-var"))
    with start_server(data_dir, env_extra={"LSHKG_QUERY_MAX_ROWS": str(MAX_ROWS)}) as running:
        yield running


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    with checked_page(browser, server.url, width=1400, height=1000, timeout_ms=TIMEOUT_MS,
                      accept_downloads=True) as page:
        yield page


def open_editor(page: Any, server: Server, query: str | None = None) -> None:
    page.goto(server.url + "/query" + ("?" + urlencode({"query": query}) if query else ""))
    page.wait_for_selector("#editor-app[data-state]", state="attached")


def wait_for(page: Any, state: str) -> None:
    page.wait_for_selector(f"#editor-app[data-state={state}]", state="attached")


def editor_text(page: Any) -> str:
    return page.evaluate("window.lshkgEditor.yasqe.getValue()")


def column(page: Any, index: int) -> list[str]:
    return [cell.inner_text().strip() for cell in page.query_selector_all(f"{ROWS} td:nth-child({index})")]


def url_query(page: Any) -> str | None:
    values = parse_qs(urlsplit(page.url).query).get("query")
    return values[0] if values else None


def test_select_from_the_url_runs_and_shows_a_sortable_table_with_entity_links(
        page: Any, server: Server, tmp_path: Path) -> None:
    open_editor(page, server, ORGANISATIONS)
    wait_for(page, "done")
    # the default view reads as names; the raw terms are in the Table view
    page.wait_for_selector(SIMPLE_ROWS)
    assert [row.inner_text().split("\t") for row in page.query_selector_all(SIMPLE_ROWS)] == [
        ["Beta Bio", "Beta Bio EN"], ["Acme Pharma", "Acme Pharma EN"]]
    assert page.get_attribute(f"{SIMPLE_ROWS} a", "href") == "/id/beta-bio"
    page.screenshot(path=str(tmp_path / "select-simple.png"), full_page=True)
    page.click(".yasr_btnGroup .select_table")
    page.wait_for_selector(ROWS)
    assert editor_text(page) == ORGANISATIONS
    assert len(page.query_selector_all(ROWS)) == 2
    assert column(page, 3) == ['"Beta Bio"@en', '"Acme Pharma"@en']  # ORDER BY DESC(?name)
    page.screenshot(path=str(tmp_path / "select.png"), full_page=True)

    page.click(".yasr table.dataTable thead th:nth-child(3)")  # sort by name, ascending
    page.wait_for_function(
        f"() => document.querySelector('{ROWS} td:nth-child(3)').innerText.includes('Acme')")
    assert column(page, 3) == ['"Acme Pharma"@en', '"Beta Bio"@en']
    page.screenshot(path=str(tmp_path / "select-sorted.png"), full_page=True)

    link = page.query_selector(f"{ROWS} td:nth-child(2) a")
    assert link.get_attribute("href") == "/id/acme-pharma"
    assert link.get_attribute("target") is None
    assert link.get_attribute("title") == "https://w3id.org/lsh-kg/id/acme-pharma"
    assert "2 results" in page.inner_text("#query-status")


def test_construct_draws_the_network(page: Any, server: Server, tmp_path: Path) -> None:
    open_editor(page, server, NETWORK)
    page.wait_for_selector("#editor-app[data-network=ready], #editor-app[data-network=error]",
                           state="attached")
    assert page.get_attribute("#editor-app", "data-network") == "ready", (
        page.inner_text("#network-status")
        + " (is webapp.construct_network.blueprint registered in webapp/__init__.py?)")
    wait_for(page, "done")
    panel = page.query_selector("#network-panel")
    assert panel.is_visible()
    count = page.query_selector("#network-count")
    assert count.get_attribute("data-node-count") == "3"
    assert count.get_attribute("data-edge-count") == "2"
    assert "3 nodes" in count.inner_text()
    assert page.query_selector("#network-canvas canvas") is not None
    formats = [a.get_attribute("data-format") for a in page.query_selector_all("#download-links a")]
    assert formats == ["ttl", "nt", "jsonld", "rdfxml"]
    page.screenshot(path=str(tmp_path / "construct-network.png"), full_page=True)

    open_editor(page, server, ORGANISATIONS)  # a SELECT: no network panel
    wait_for(page, "done")
    assert not page.query_selector("#network-panel").is_visible()


def test_a_syntax_error_shows_the_message_with_its_line(page: Any, server: Server, tmp_path: Path) -> None:
    open_editor(page, server, PREFIXES + "SELECT * WHERE {\n  ?s ?p\n}}")
    wait_for(page, "error")
    message = page.wait_for_selector(".query-error-message")
    assert "line" in message.inner_text()
    assert "syntax error" in message.inner_text()
    assert message.is_visible()
    page.screenshot(path=str(tmp_path / "syntax-error.png"), full_page=True)


def test_the_editor_starts_with_our_prefixes_and_every_edit_goes_into_the_url(
        page: Any, server: Server, tmp_path: Path) -> None:
    with urllib.request.urlopen(server.url + "/api/ontology-terms", timeout=10) as response:
        prefixes = json.load(response)["prefixes"]
    open_editor(page, server)
    wait_for(page, "ready")
    text = editor_text(page)
    for prefix, namespace in prefixes.items():
        assert f"PREFIX {prefix}: <{namespace}>" in text
    assert "SELECT" in text and "lsh:Organisation" in text
    page.screenshot(path=str(tmp_path / "start.png"), full_page=True)

    page.click("#yasqe .CodeMirror-code")
    page.keyboard.press("Control+End")
    page.keyboard.type("\n# edited by hand")
    page.wait_for_function(
        "() => (new URLSearchParams(location.search).get('query') || '').includes('# edited by hand')")
    assert url_query(page) == editor_text(page)

    page.click("#run-button")
    wait_for(page, "done")
    page.wait_for_selector(SIMPLE_ROWS)
    assert url_query(page) == editor_text(page)
    page.reload()  # the URL alone reproduces the query (and runs it)
    wait_for(page, "done")
    assert editor_text(page).endswith("# edited by hand")


def test_download_links_carry_the_query_and_each_format(page: Any, server: Server) -> None:
    open_editor(page, server, ORGANISATIONS)
    wait_for(page, "done")
    links = page.query_selector_all("#download-links a")
    assert [link.get_attribute("data-format") for link in links] == ["json", "xml", "csv", "tsv"]
    for link in links:
        href = link.get_attribute("href")
        assert href.startswith(server.url + "/sparql?")
        parameters = parse_qs(urlsplit(href).query)
        assert parameters == {"query": [ORGANISATIONS], "format": [link.get_attribute("data-format")],
                              "download": ["1"]}
    with page.expect_download() as download:
        page.click("#download-links a[data-format=csv]")
    assert download.value.suggested_filename == "lsh-kg-select-organisation-name.csv"  # after the query
    assert "Acme Pharma" in Path(download.value.path()).read_text(encoding="utf-8")


def test_a_query_too_long_for_a_link_downloads_by_post(page: Any, server: Server) -> None:
    long_query = "# " + "x" * 2500 + "\n" + ORGANISATIONS
    open_editor(page, server, long_query)
    wait_for(page, "done")
    page.wait_for_selector("#downloads[data-method=post]", state="attached")
    assert not page.query_selector_all("#download-links a")
    buttons = page.query_selector_all("#download-links button")
    assert [button.get_attribute("data-format") for button in buttons] == ["json", "xml", "csv", "tsv"]
    with page.expect_download() as download:
        page.click("#download-links button[data-format=tsv]")
    assert download.value.suggested_filename == "lsh-kg-select-organisation-name.tsv"
    assert "Beta Bio" in Path(download.value.path()).read_text(encoding="utf-8")
    assert any(url == server.url + "/sparql" for url in page.requests.urls)


def test_a_cut_answer_shows_a_banner(page: Any, server: Server, tmp_path: Path) -> None:
    open_editor(page, server, "SELECT * WHERE { ?s ?p ?o }")
    wait_for(page, "done")
    banner = page.wait_for_selector("#truncation-banner:not([hidden])")
    assert str(MAX_ROWS) in banner.inner_text()
    assert page.get_attribute("#editor-app", "data-truncated") == "true"
    page.screenshot(path=str(tmp_path / "truncated.png"))

    open_editor(page, server, ORGANISATIONS)
    wait_for(page, "done")
    assert page.query_selector("#truncation-banner").is_hidden()


def test_completion_offers_our_ontology_terms(page: Any, server: Server) -> None:
    open_editor(page, server)
    wait_for(page, "ready")
    page.evaluate("""() => {
        const yasqe = window.lshkgEditor.yasqe;
        yasqe.setValue('PREFIX lsh: <https://w3id.org/lsh-kg/ontology#>\\nSELECT * WHERE {\\n  ?x \\n}');
        yasqe.focus();
        yasqe.getDoc().setCursor({line: 2, ch: 5});
    }""")
    page.keyboard.type("lsh:subsid")
    hint = page.wait_for_selector(".CodeMirror-hints li")
    assert hint.inner_text().startswith("lsh:subsidiaryOf")
    page.keyboard.press("Enter")
    assert "?x lsh:subsidiaryOf" in editor_text(page)


def test_the_language_switch_changes_the_page_and_keeps_the_query(page: Any, server: Server) -> None:
    open_editor(page, server, ORGANISATIONS)
    wait_for(page, "done")
    page.click(".lang-switch [data-lang=nl]")
    assert page.inner_text("#gallery-heading") == "Voorbeelden"
    assert page.get_attribute("html", "lang") == "nl"
    parameters = parse_qs(urlsplit(page.url).query)
    assert parameters["lang"] == ["nl"] and parameters["query"] == [ORGANISATIONS]


def test_the_gallery_lists_examples_and_a_click_loads_and_runs_one(
        page: Any, server: Server, tmp_path: Path) -> None:
    with urllib.request.urlopen(server.url + "/api/gallery", timeout=10) as response:
        examples = json.load(response)
    if not examples:
        pytest.skip("the gallery is empty: no examples in graph/store/gallery.yaml yet")
    open_editor(page, server)
    wait_for(page, "ready")
    page.wait_for_selector("#gallery-list .example")
    items = page.query_selector_all("#gallery-list .example")
    assert len(items) == len(examples)
    first = examples[0]
    assert items[0].query_selector(".example-button").inner_text() == (first["label"].get("en")
                                                                       or first["label"].get("nl"))
    page.screenshot(path=str(tmp_path / "gallery.png"), full_page=True)
    items[0].query_selector(".example-button").click()
    page.wait_for_function("() => document.getElementById('editor-app').dataset.state !== 'ready'")
    wait_for(page, "done")
    assert editor_text(page) == first["query"]
    assert url_query(page) == first["query"]
    assert page.get_attribute("#gallery-list .example:first-child", "class") == "example active"
    page.screenshot(path=str(tmp_path / "gallery-example.png"), full_page=True)
