"""The dataset version (content hash and date) under every page, in VoID and in `/sparql`'s service
description (rdflib writes them: pyoxigraph reads them back)."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

from graph.store.backends import EmbeddedStore
from graph.store.version import store_version

PAV_VERSION = "http://purl.org/pav/version"
VERSION_INFO = "http://www.w3.org/2002/07/owl#versionInfo"
MODIFIED = "http://purl.org/dc/terms/modified"


@pytest.mark.parametrize("path", ["/", "/query", "/search?q=kite", "/kinds", "/id/kite", "/figures",
                                  "/overview", "/paths?from=tno&to=radboud-umc", "/timeline?entity=janssen",
                                  "/id/no-such-entity"])
def test_every_page_names_the_dataset_version_in_its_footer(client: FlaskClient, shipped_store: EmbeddedStore,
                                                            path: str) -> None:
    version = store_version(shipped_store)
    page = client.get(path).get_data(as_text=True)
    footer = re.search(r'<footer class="site-footer".*?</footer>', page, re.S)
    assert footer, path
    assert f'title="{version.hash}">{version.hash[:8]}</code>' in footer.group(0)
    assert f'<time datetime="{version.date}">' in footer.group(0)


@pytest.mark.parametrize("path", ["/.well-known/void", "/sparql"])
def test_void_and_the_service_description_give_the_version(client: FlaskClient, shipped_store: EmbeddedStore,
                                                           path: str) -> None:
    version = store_version(shipped_store)
    response = client.get(path, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    triples = {q.triple for q in ox.parse(response.data, format=ox.RdfFormat.TURTLE)}
    said = {(t.predicate.value, t.object.value) for t in triples}
    assert {(PAV_VERSION, version.hash), (VERSION_INFO, version.hash), (MODIFIED, version.date)} <= said
