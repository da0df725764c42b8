"""The caps on slow requests and long queries hold for the whole server, not per server process:
with two server processes and a cap of one, one runaway at a time runs and the rest get 429."""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from tests.conftest import TINY_RECORDS
from tests.servers import build_store, lshkg_server

EXPLOSIVE_WHERE = "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("machine-caps")
    build_store(TINY_RECORDS, data_dir)
    with lshkg_server(data_dir, data_dir / "server.log", workers=2, query_timeout_s="2",
                      rate_limit_per_minute="0", slow_requests="1", long_queries="1",
                      long_queries_per_client="1") as base:
        yield base


def statuses(urls: list[tuple[str, bytes | None]]) -> list[int]:
    """The statuses of the requests, all sent at once."""
    found: list[int] = []

    def send(url: str, data: bytes | None) -> None:
        try:
            with urllib.request.urlopen(url, data=data, timeout=60) as answer:
                answer.read()
                found.append(answer.status)
        except urllib.error.HTTPError as error:
            with error:
                found.append(error.code)

    threads = [threading.Thread(target=send, args=pair) for pair in urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return found


def test_one_slow_request_at_a_time_on_the_whole_server(server: str) -> None:
    # an export of a runaway CONSTRUCT holds its slow place until its query's limit
    export = f"{server}/api/export?" + urllib.parse.urlencode(
        {"query": f"CONSTRUCT {{ ?a ?b ?c }} WHERE {EXPLOSIVE_WHERE}", "format": "nt"})
    network = f"{server}/api/construct-network"
    form = urllib.parse.urlencode({"query": f"CONSTRUCT {{ ?a ?b ?c }} WHERE {EXPLOSIVE_WHERE}"}).encode()
    found = statuses([(export, None)] * 3 + [(network, form)] * 3)
    assert sorted(found) == [429] * 5 + [503], found


def test_one_long_query_at_a_time_on_the_whole_server(server: str) -> None:
    url = f"{server}/sparql?" + urllib.parse.urlencode(
        {"query": f"SELECT (COUNT(*) AS ?n) WHERE {EXPLOSIVE_WHERE}", "format": "json"})
    found = statuses([(url, None)] * 6)
    assert sorted(found) == [429] * 5 + [503], found
