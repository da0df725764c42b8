"""Entity pages over records of our own: data that looks like markup is shown as text, and a
deployment's own base IRI resolves its entities at their IRIs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask

from graph.records.build import build_records, ntriples, write_atomically
from graph.store.backends import load_store
from tests.conftest import TINY_RECORDS, make_app
from webapp.app_store import close_store

EVIL_LABEL = "<script>alert('label')</script>Evil Corp"
EVIL_NL = "<img src=x onerror=alert('nl')>Kwaad BV"
EVIL_QUOTE = "<img src=x onerror=alert('quote')> zegt het"
EVIL_QUOTE_2 = "</script><script>alert('q2')</script>"
EVIL_RECORD = f"""
- id: evil-corp
  type: Company
  label: {{en: "{EVIL_LABEL}", nl: "{EVIL_NL}"}}
  abbreviation: ["<b>EVIL</b>"]
  evidence:
    - {{source: doc-a, quote: "{EVIL_QUOTE}"}}
  locatedIn:
    - {{ref: oss, source: doc-a, quote: "{EVIL_QUOTE_2}"}}
"""


def build_store(records: Path, folder: Path, base_iri: str) -> Path:
    """The records built with `base_iri` and loaded into an embedded store; returns its folder."""
    built = build_records(records, base_iri)
    write_atomically(folder / "lsh-kg.nt", ntriples(built.graph))
    load_store(folder / "lsh-kg.nt", folder / "store")
    return folder / "store"


def evil_records(folder: Path) -> Path:
    """The tiny record set plus a company whose names and quotes are markup."""
    records = folder / "records"
    shutil.copytree(TINY_RECORDS, records)
    with (records / "organisations.yaml").open("a", encoding="utf-8") as out:
        out.write(EVIL_RECORD)
    return records


@pytest.fixture(scope="module")
def evil_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    folder = tmp_path_factory.mktemp("evil")
    app = make_app(str(build_store(evil_records(folder), folder, "https://w3id.org/lsh-kg/id/")))
    yield app
    close_store(app)


def _html(app: Flask, url: str) -> str:
    with app.test_client() as client:
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        text = response.get_data(as_text=True)
        response.close()
    return text


@pytest.mark.parametrize("url", ["/id/evil-corp", "/id/evil-corp?lang=nl", "/id/oss", "/id/doc-a",
                                 "/kinds/Company", "/search?q=evil", "/search?q=kwaad&lang=nl",
                                 "/id/evil-corpp"])
def test_markup_in_labels_and_quotes_is_shown_as_text(evil_app: Flask, url: str) -> None:
    html = _html(evil_app, url)
    for raw in ("<script>alert", "<img src=x", "<b>EVIL", "</script><script>"):
        assert raw not in html, f"{raw!r} unescaped in {url}"
    escaped = ("&lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt;Evil Corp",
               "&lt;img src=x onerror=alert(&#39;nl&#39;)&gt;Kwaad BV")
    assert any(text in html for text in escaped), f"the label is not shown in {url}"


def test_quotes_and_the_neighbourhood_data_are_escaped(evil_app: Flask) -> None:
    html = _html(evil_app, "/id/evil-corp")
    assert "&lt;img src=x onerror=alert(&#39;quote&#39;)&gt; zegt het" in html
    assert "&lt;/script&gt;&lt;script&gt;alert(&#39;q2&#39;)&lt;/script&gt;" in html
    data = html.split('id="entity-network-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and "\\u003cscript\\u003e" in data  # JSON for the script: no tag inside
    with evil_app.test_client() as client:
        twin = client.get("/id/evil-corp.json").get_json()
    assert twin["labels"]["en"] == EVIL_LABEL  # the data itself is kept as written


def test_a_deployment_resolves_entities_at_its_own_iris(tmp_path: Path) -> None:
    base_iri = "http://lsh.example.org/id/"
    app = make_app(str(build_store(TINY_RECORDS, tmp_path, base_iri)), LSHKG_BASE_IRI=base_iri)
    try:
        with app.test_client() as client:
            twin = client.get("/id/acme-pharma.json").get_json()
            assert twin["iri"] == base_iri + "acme-pharma"
            turtle = client.get("/id/beta-bio", headers={"Accept": "text/turtle"})
            assert f"<{base_iri}beta-bio>".encode() in turtle.data or b"lshid:beta-bio" in turtle.data
            assert f'"lshid": "{base_iri}"'.encode() in client.get("/id/beta-bio.jsonld").data
            page = client.get("/id/beta-bio").get_data(as_text=True)
            assert 'href="/id/acme-pharma"' in page  # its links stay on this deployment
            assert client.get("/id/acme-pharma", headers={"Accept": "text/turtle"}).status_code == 200
            turtle.close()
    finally:
        close_store(app)
