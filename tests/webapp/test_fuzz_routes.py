"""Every route of the app, read from its URL map and its OpenAPI description, with hostile values
in every parameter, wrong methods and wrong content types: a few thousand requests from a fixed
seed. None may be answered 5xx, and no answer (body or header) may name a path of the machine."""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from ruamel.yaml import YAML

import webapp
from graph.config import PROJECT_ROOT
from tests.conftest import TINY_RECORDS
from tests.servers import build_store
from webapp import create_app
from webapp.app_store import close_store

REQUESTS = 3000
SEED = 16

# names url_for and werkzeug read as their own, names of the SPARQL protocol, and other names the
# pages read; the OpenAPI description adds its own
EXTRA_PARAMETERS = ("endpoint", "_method", "_anchor", "_external", "_scheme", "query", "update",
                    "format", "default-graph-uri", "named-graph-uri", "download", "view", "all",
                    "path", "lang", "page", "per_page", "q", "sub", "place", "kind", "id", "limit")
HOSTILE = (
    "", " ", "0", "-1", "1e309", "NaN", "99999999999999999999999", "9" * 5000, "³", "٣", "true",
    "null", "[]", "{}",
    "x" * 5000, "\x00", "\x7f", "a\r\nX-Injected: 1", "%", "%zz", "%ff%fe", "../../../../etc/passwd",
    "..%2f..%2fetc%2fpasswd", "file:///etc/passwd", "http://127.0.0.1:1/", "//evil.example/",
    "javascript:alert(1)", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
    "{{7*7}}", "${jndi:ldap://x}", "' OR '1'='1", "Ĳsselmonde 🧬", "\u202e", "acme-pharma",
    "oss", "SELECT * WHERE { ?s ?p ?o }", "ASK {}", "CONSTRUCT WHERE { ?s ?p ?o }",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", "INSERT DATA { <a> <b> <c> }",
    "SELECT * WHERE { <rel> ?p ?o }", "SELECT * WHERE { ?s ?p ?o FILTER(<http://x/f>(?o)) }",
    "CONSTRUCT { ?s ?p <<( ?s ?p ?o )>> } WHERE { ?s ?p ?o } LIMIT 2", "ttl", "jsonld", "trig",
    "csv", "cyjs", "html", "graphml", "json", "xml", "text/html", "Organisation", "City", "en", "nl",
)
METHODS = ("GET", "GET", "GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS")
CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data", "application/json",
                 "application/sparql-query", "application/sparql-update", "text/plain",
                 "application/xml", "application/octet-stream", "", "form; boundary=",
                 "multipart/form-data; boundary=x")
ACCEPTS = ("*/*", "text/html", "application/json", "text/turtle", "application/ld+json",
           "application/sparql-results+json", "image/png", "text/*;q=0", "garbage;;q=x", "")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    data_dir = tmp_path_factory.mktemp("fuzz-routes")
    build_store(TINY_RECORDS, data_dir)
    app = create_app({"LSHKG_STORE_DIR": str(Path(data_dir) / "store"), "LSHKG_ENDPOINT": None,
                      "LSHKG_QUERY_TIMEOUT_S": 3, "LSHKG_RATE_LIMIT_PER_MINUTE": 0})
    yield app
    close_store(app)


def machine_paths(app: Flask) -> list[str]:
    """Paths of this machine that no answer may name."""
    store = Path(app.config["LSHKG_STORE_DIR"])
    return sorted({str(store), str(store.parent), str(PROJECT_ROOT), str(Path(webapp.__file__).parent),
                   sys.prefix, sys.base_prefix, str(Path.home()), "site-packages", "node_modules/"},
                  key=len, reverse=True)


def routes(app: Flask) -> list[tuple[str, list[str], list[str]]]:
    """(rule, its path arguments, the query parameters OpenAPI names for it) for every rule."""
    description = YAML(typ="safe").load((Path(webapp.__file__).parent / "openapi.yaml").read_text())
    documented: dict[str, set[str]] = {}
    for path, operations in description["paths"].items():
        rule = path.replace("{", "<").replace("}", ">")
        names = documented.setdefault(rule, set())
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if "name" in parameter:
                    names.add(parameter["name"])
            body = operation.get("requestBody", {}).get("content", {})
            for media in body.values():
                names.update(media.get("schema", {}).get("properties", {}))
    every_name = sorted({name for names in documented.values() for name in names} | set(EXTRA_PARAMETERS))
    found = []
    for rule in app.url_map.iter_rules():
        own = sorted(documented.get(rule.rule, set()) | documented.get(rule.rule.replace("path:", ""), set()))
        found.append((rule.rule, sorted(rule.arguments), own or every_name))
    return found


def hostile_path(rule: str, arguments: list[str], rng: random.Random) -> str:
    path = rule
    for argument in arguments:
        value = rng.choice(HOSTILE) or "x"
        safe = "/" if "path:" in rule else ""
        path = path.replace(f"<path:{argument}>", quote(value, safe=safe)).replace(
            f"<{argument}>", quote(value, safe=""))
    if rng.random() < 0.2:
        path += rng.choice([".json", ".ttl", ".jsonld", ".nt", ".rdf", ".html", ".x", "/", "//x"])
    return path


def one_request(client: FlaskClient, route: tuple[str, list[str], list[str]], rng: random.Random):
    rule, arguments, names = route
    parameters = [(rng.choice(names if rng.random() < 0.8 else EXTRA_PARAMETERS), rng.choice(HOSTILE))
                  for _ in range(rng.randint(0, 4))]
    method = rng.choice(METHODS)
    headers = {"Accept": rng.choice(ACCEPTS)}
    kwargs: dict = {"query_string": parameters}
    if method in ("POST", "PUT", "PATCH") and rng.random() < 0.8:
        content_type = rng.choice(CONTENT_TYPES)
        headers["Content-Type"] = content_type
        if content_type.startswith("application/x-www-form") and rng.random() < 0.7:
            kwargs = {"query_string": parameters[:1], "data": dict(parameters[1:])}
            kwargs["content_type"] = content_type
            headers.pop("Content-Type")
        else:
            kwargs["data"] = rng.choice([b"", b"\xff\xfe\x00", b"query=ASK%7B%7D", b"{\"query\": 1}",
                                         rng.choice(HOSTILE).encode("utf-8", "surrogatepass"),
                                         b"--x\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\n"])
    path = hostile_path(rule, arguments, rng)
    return method, path, client.open(path, method=method, headers=headers, **kwargs)


def test_no_route_answers_5xx_or_names_a_machine_path(app: Flask) -> None:
    rng = random.Random(SEED)
    every_route = routes(app)
    assert len(every_route) >= 25  # the URL map was read: every page, API and the endpoint
    forbidden = machine_paths(app)
    failures = []
    with app.test_client() as client:
        for _ in range(REQUESTS):
            method, path, response = one_request(client, rng.choice(every_route), rng)
            body = response.get_data()
            text = body.decode("utf-8", "replace") + "\n" + "\n".join(
                f"{name}: {value}" for name, value in response.headers.items())
            named = [place for place in forbidden if place in text]
            if response.status_code >= 500 or named or "Traceback" in text:
                failures.append((method, path[:120], response.status_code, named, body[:200]))
            response.close()
    assert not failures, failures[:10]
