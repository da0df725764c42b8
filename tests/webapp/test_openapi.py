"""The JSON API keeps its OpenAPI description: schemathesis generates requests from it and checks
that no answer is a server error and every answer has a documented status and shape."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from graph.records.build import ntriples, write_atomically
from graph.store.backends import load_store
from webapp import create_app

DATA = Path(__file__).parent / ".openapi-store"


def _app():
    from graph import config
    from graph.store.dataset import build_dataset
    from ontology.namespaces import DEFAULT_BASE_IRI

    if not (DATA / "store" / "CURRENT").exists():
        built = build_dataset(config.RECORDS_DIR, DEFAULT_BASE_IRI)
        write_atomically(DATA / "lsh-kg.nt", ntriples(built.graph))
        load_store(DATA / "lsh-kg.nt", DATA / "store")
    return create_app({"LSHKG_STORE_DIR": str(DATA / "store"), "LSHKG_RATE_LIMIT_PER_MINUTE": 0,
                       "LSHKG_QUERY_TIMEOUT_S": 5, "LSHKG_ENDPOINT": None})


APP = _app()
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def close_app():
    yield
    from webapp.app_store import close_store

    close_store(APP)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_as_described(case) -> None:
    # a schema cannot say "valid SPARQL" or "an id that exists": such requests are rightly refused
    # identity: the test client does not undo the gzip the map's answers get for browsers
    case.call_and_validate(headers={"Accept-Encoding": "identity"},
                           excluded_checks=[checks.positive_data_acceptance])
