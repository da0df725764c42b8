"""Running queries in the editor as a person does: our prefixes without declaring them, Stop, a new
run clearing the last error. `lshkg serve` with one query worker, so that a query still running on
the server would hold up the next one."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.chromium import Server, build_store, checked_page, chromium_available, start_server
from tests.browser.test_editor_browser import SIMPLE_ROWS, TIMEOUT_MS, open_editor, wait_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason="needs Chromium at /usr/bin/chromium"),
]

LIMIT_S = 60
EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
UNDECLARED = """SELECT ?name WHERE {
  ?city a lsh:City ; rdfs:label ?name .
  FILTER(LANG(?name) = "nl")
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data_dir = build_store(tmp_path_factory.mktemp("editor-runs-var"))
    with start_server(data_dir, env_extra={"LSHKG_QUERY_WORKERS": "1", "LSHKG_QUERY_WORKERS_MAX": "1",
                                           "LSHKG_QUERY_TIMEOUT_S": str(LIMIT_S)}) as running:
        yield running


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    with checked_page(browser, server.url, width=1300, height=900, timeout_ms=TIMEOUT_MS,
                      accept_downloads=True) as page:
        yield page


def type_query(page: Any, text: str) -> None:
    """Select all in the editor and type the query, as a person would."""
    page.click("#yasqe .CodeMirror-code")
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('#yasqe')")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.wait_for_function("() => window.lshkgEditor.yasqe.getValue() === ''")
    page.keyboard.insert_text(text)
    # the editor has read what was typed (it may indent lines as they come)
    page.wait_for_function("last => window.lshkgEditor.yasqe.getValue().trimEnd().endsWith(last)",
                           arg=text.strip().split("\n")[-1].strip())


def test_a_query_using_our_prefixes_without_declaring_them_runs(page: Any, server: Server) -> None:
    open_editor(page, server)
    wait_for(page, "ready")
    type_query(page, UNDECLARED)
    page.click("#run-button")
    wait_for(page, "done")
    page.wait_for_selector(SIMPLE_ROWS)
    assert "Oss" in page.inner_text(".yasr")
    assert page.query_selector(".query-error") is None
    # nor does the editor's own check mark lsh: or rdfs: as undeclared
    assert page.query_selector("#yasqe .parseErrorIcon") is None


def test_stop_cancels_a_long_query_on_the_server_and_frees_its_worker(
        page: Any, server: Server, tmp_path: Path) -> None:
    open_editor(page, server)
    wait_for(page, "ready")
    type_query(page, EXPLOSIVE)
    page.click("#run-button")
    wait_for(page, "running")
    assert page.is_visible("#stop-button") and page.is_disabled("#run-button")
    time.sleep(0.5)  # the worker is at work on the join
    stopped_at = time.monotonic()
    page.click("#stop-button")
    wait_for(page, "stopped")
    page.wait_for_selector("#editor-app[data-stopped]", state="attached")  # the server took the stop
    assert "Stopped" in page.inner_text("#query-status")
    assert page.is_hidden("#stop-button") and page.is_enabled("#run-button")
    page.screenshot(path=str(tmp_path / "stopped.png"))

    # the only query worker was freed: the next query is answered now, not after the time limit
    type_query(page, UNDECLARED)
    page.click("#run-button")
    wait_for(page, "done")
    assert "Oss" in page.inner_text(".yasr")
    assert time.monotonic() - stopped_at < LIMIT_S / 3
    log = server.log()
    assert '"status": 499' in log or '"status":499' in log, log[-2000:]


def test_a_new_run_clears_the_previous_error_at_once(page: Any, server: Server) -> None:
    open_editor(page, server, "SELECT * WHERE {\n  ?s ?p\n}}")
    wait_for(page, "error")
    page.wait_for_selector(".query-error-message")
    type_query(page, EXPLOSIVE)
    page.click("#run-button")
    wait_for(page, "running")
    assert page.query_selector(".query-error") is None
    assert "failed" not in page.inner_text("#query-status")
    page.click("#stop-button")
    wait_for(page, "stopped")


def test_the_csv_download_is_named_after_the_query(page: Any, server: Server) -> None:
    open_editor(page, server)
    wait_for(page, "ready")
    type_query(page, "# Cities and their Dutch names\n" + UNDECLARED)
    page.click("#run-button")
    wait_for(page, "done")
    page.wait_for_selector("#download-links a[data-format=csv][href*=Dutch]")
    with page.expect_download() as download:
        page.click("#download-links a[data-format=csv]")
    assert download.value.suggested_filename == "lsh-kg-cities-and-their-dutch-names.csv"
    assert Path(download.value.path()).read_text(encoding="utf-8").splitlines() == ["name", "Oss"]


def test_an_example_downloads_under_its_own_name(page: Any, server: Server) -> None:
    open_editor(page, server)
    wait_for(page, "ready")
    first = page.wait_for_selector("#gallery-list .example")
    example_id = first.get_attribute("data-example-id")
    first.query_selector("button").click()
    wait_for(page, "done")
    page.wait_for_selector(f"#download-links a[data-format=csv][href*='name={example_id}']")
    with page.expect_download() as download:
        page.click("#download-links a[data-format=csv]")
    assert download.value.suggested_filename == f"lsh-kg-{example_id}.csv"
    assert Path(download.value.path()).read_text(encoding="utf-8").strip()


def test_a_syntax_error_reads_in_plain_words_with_line_and_column(
        page: Any, server: Server, tmp_path: Path) -> None:
    open_editor(page, server)
    wait_for(page, "ready")
    type_query(page, "SELECT ?name WHERE {\n  ?city rdfs:label ?name .\n}\nLIMT 10")
    page.click("#run-button")
    wait_for(page, "error")
    message = page.wait_for_selector(".query-error-message").inner_text()
    # where LIMT is in the editor (which indents as it is typed into)
    lines = page.evaluate("window.lshkgEditor.yasqe.getValue()").split("\n")
    line = next(number for number, text in enumerate(lines, 1) if "LIMT" in text)
    column = lines[line - 1].index("LIMT") + 1
    assert (line, column) in ((4, 1), (4, 7))
    assert message == (f"line {line}, column {column}: syntax error: LIMT is not a SPARQL keyword: "
                       "did you mean LIMIT?")
    page.screenshot(path=str(tmp_path / "syntax-error.png"))
