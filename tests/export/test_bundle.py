"""Reproducible bundles, round trip: made by `lshkg export --bundle` and `/api/bundle`, unzipped,
every file read back by a reader other than its writer, checksums checked, `lshkg bundle verify`
says unchanged; then the data changes by one fact more and one less, and verify says so."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from graph.cli.bundle import bundle as bundle_command
from graph.cli.export import export_command
from graph.records.build import write_atomically
from graph.store.backends import EmbeddedStore, load_store
from graph.store.derived import compute_version, derived_folder, write_version
from graph.store.version import store_version
from ontology.namespaces import DEFAULT_BASE_IRI as ID

FILES = {"selection.json", "subgraph.trig", "subgraph.gexf", "nodes.csv", "edges.csv", "map.html",
         "README.md", "ro-crate-metadata.json", "manifest-sha256.txt"}
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@pytest.fixture(autouse=True)
def shipped_data(shipped_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("LSHKG_ENDPOINT", "LSHKG_BASE_IRI"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LSHKG_DATA_DIR", str(shipped_store.path.parent))
    return shipped_store.path.parent


def read_bundle(body: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def check_bundle(files: dict[str, bytes], store: EmbeddedStore, kind: str) -> dict:
    """Every file parses back, every checksum matches; the selection is returned."""
    version = store_version(store)
    assert set(files) >= FILES
    listed = files["manifest-sha256.txt"].decode().splitlines()
    manifest = dict(reversed(line.split("  ", 1)) for line in listed)
    assert set(manifest) == set(files) - {"manifest-sha256.txt"}
    assert all(hashlib.sha256(files[name]).hexdigest() == digest for name, digest in manifest.items())
    selection = json.loads(files["selection.json"])
    assert selection["kind"] == kind and selection["dataset"]["version"] == version.hash
    assert selection["command"].startswith("lshkg export ") and "--bundle" in selection["command"]
    quads = list(ox.parse(files["subgraph.trig"], format=ox.RdfFormat.TRIG))  # rdflib wrote it
    assert any(q.predicate.value.endswith("#quote") for q in quads) or kind == "query"
    gexf = nx.read_gexf(io.BytesIO(files["subgraph.gexf"]))
    nodes = list(csv.DictReader(io.StringIO(files["nodes.csv"].decode("utf-8"))))
    edges = list(csv.DictReader(io.StringIO(files["edges.csv"].decode("utf-8"))))
    assert {row["iri"] for row in nodes} == set(gexf.nodes)
    assert len(edges) == gexf.number_of_edges()
    assert version.hash in files["map.html"].decode("utf-8")
    assert selection["command"] in files["README.md"].decode("utf-8")
    crate = json.loads(files["ro-crate-metadata.json"])
    graph = {entity["@id"]: entity for entity in crate["@graph"]}
    root = graph["./"]
    assert graph["ro-crate-metadata.json"]["about"] == {"@id": "./"}
    parts = {part["@id"] for part in root["hasPart"]}
    assert parts == set(files) - {"ro-crate-metadata.json", "manifest-sha256.txt"}
    for name in parts:
        assert graph[name]["@type"] == "File" and graph[name]["encodingFormat"]
        assert graph[name]["sha256"] == manifest[name]
    assert graph[root["isBasedOn"]["@id"]]["version"] == version.hash
    assert graph[root["license"]["@id"]]["@type"] == "CreativeWork"
    assert graph["#make"]["description"] == selection["command"]
    assert all(graph[cited["@id"]]["name"] for cited in root["citation"])
    assert root["citation"] or kind == "query"
    return selection


def test_cli_bundle_round_trip_and_verify_unchanged(runner: CliRunner, tmp_path: Path,
                                                    shipped_store: EmbeddedStore) -> None:
    out = tmp_path / "kite.zip"
    made = runner.invoke(export_command, ["--ego", "kite", "--depth", "2", "--bundle", "-o", str(out)])
    assert made.exit_code == 0, made.output
    selection = check_bundle(read_bundle(out.read_bytes()), shipped_store, "ego")
    assert selection["params"] == {"ego": "kite", "depth": "2", "kind": []}
    checked = runner.invoke(bundle_command, ["verify", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "every file matches" in checked.output and "the answer is unchanged" in checked.output


def test_api_bundle_of_a_select_query_keeps_the_query_and_its_answer(client: FlaskClient, tmp_path: Path,
                                                                     runner: CliRunner,
                                                                     shipped_store: EmbeddedStore) -> None:
    query = "SELECT ?org WHERE { ?org lsh:memberOf lshid:european-lead-factory }"
    response = client.post("/api/bundle", data={"query": query})
    assert response.status_code == 200, response.get_data(as_text=True)
    short = store_version(shipped_store).hash[:8]
    assert f'filename="lsh-kg-{short}-select-' in response.headers["Content-Disposition"]
    files = read_bundle(response.data)
    check_bundle(files, shipped_store, "query")
    assert files["query.rq"].decode("utf-8") == query
    rows = json.loads(files["answer.json"])["results"]["bindings"]
    members = {row["org"]["value"] for row in rows}
    assert ID + "lygature" in members
    assert members <= set(nx.read_gexf(io.BytesIO(files["subgraph.gexf"])).nodes)
    (tmp_path / "b.zip").write_bytes(response.data)
    assert runner.invoke(bundle_command, ["verify", str(tmp_path / "b.zip")]).exit_code == 0


def test_api_bundle_of_the_maps_view(client: FlaskClient, shipped_store: EmbeddedStore, tmp_path: Path,
                                    runner: CliRunner) -> None:
    response = client.get("/api/bundle?view=" + "kind%3Dcompany%26place%3Dleiden")
    assert response.status_code == 200, response.get_data(as_text=True)
    selection = check_bundle(read_bundle(response.data), shipped_store, "view")
    assert "kind=company" in selection["params"]["view"] and "place=leiden" in selection["params"]["view"]
    (tmp_path / "view.zip").write_bytes(response.data)
    checked = runner.invoke(bundle_command, ["verify", str(tmp_path / "view.zip")])
    assert checked.exit_code == 0 and "the answer is unchanged" in checked.output, checked.output
    bad = client.get("/api/bundle?ego=european-lead-factori")
    assert bad.status_code == 404 and bad.get_json()["suggestions"]


def test_a_changed_file_fails_its_checksum(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "elf.zip"
    assert runner.invoke(export_command, ["--partnership", "european-lead-factory", "--bundle",
                                          "-o", str(out)]).exit_code == 0
    files = read_bundle(out.read_bytes())
    files["nodes.csv"] += b"extra,row\r\n"
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(tampered, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    checked = runner.invoke(bundle_command, ["verify", str(tampered)])
    assert checked.exit_code == 1
    assert "nodes.csv: its SHA-256 differs" in checked.output


def test_verify_reports_a_fact_more_and_a_fact_less(runner: CliRunner, tmp_path: Path,
                                                    shipped_store: EmbeddedStore,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "kite.zip"
    assert runner.invoke(export_command, ["--ego", "kite", "--bundle", "-o", str(out)]).exit_code == 0
    lines = (shipped_store.path.parent / "lsh-kg.nt").read_bytes().splitlines(keepends=True)
    label = f'<{ID}kite> <{LABEL}> "Kite"@en .\n'.encode()
    assert label in lines
    changed = [line for line in lines if line != label]
    changed.append(f'<{ID}kite> <http://www.w3.org/2000/01/rdf-schema#comment> "A fact more"@en .\n'.encode())
    folder = tmp_path / "var"
    write_atomically(folder / "lsh-kg.nt", b"".join(changed))
    load_store(folder / "lsh-kg.nt", folder / "store")
    write_version(derived_folder(folder / "store"), compute_version(folder / "lsh-kg.nt"))
    monkeypatch.setenv("LSHKG_DATA_DIR", str(folder))
    checked = runner.invoke(bundle_command, ["verify", str(out)])
    assert checked.exit_code == 1, checked.output
    assert "every file matches" in checked.output
    # the label goes, and with it the evidence that said it (no longer attached to a triple shown)
    assert "the answer changed: 1 triples added, 10 removed" in checked.output
    assert 'added: lshid:kite rdfs:comment “A fact more”@en' in checked.output
    assert 'removed: lshid:kite rdfs:label “Kite”@en (per lshid:boston-aan-de-noordzee)' in checked.output
    assert 'rdf:object “Kite”@en (per lshid:boston-aan-de-noordzee)' in checked.output


def test_verify_refuses_what_is_not_a_bundle_and_export_a_bundle_in_one_format(runner: CliRunner,
                                                                                tmp_path: Path) -> None:
    (tmp_path / "x.zip").write_bytes(b"not a zip")
    checked = runner.invoke(bundle_command, ["verify", str(tmp_path / "x.zip")])
    assert checked.exit_code == 1 and "not a zip file" in checked.output
    mixed = runner.invoke(export_command, ["--ego", "kite", "--bundle", "--format", "ttl"])
    assert mixed.exit_code == 1 and "leave out --format" in mixed.stderr
