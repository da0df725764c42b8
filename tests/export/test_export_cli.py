"""`lshkg export`: each subgraph kind to a file; errors as clear messages with a non-zero exit."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli.export import export_command
from graph.store.backends import EmbeddedStore
from graph.store.version import store_version
from ontology.namespaces import DEFAULT_BASE_IRI as ID


@pytest.fixture(autouse=True)
def shipped_data(shipped_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CLI reads the shipped store (its data folder holds `store/`)."""
    for name in ("LSHKG_ENDPOINT", "LSHKG_BASE_IRI"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LSHKG_DATA_DIR", str(shipped_store.path.parent))
    return shipped_store.path.parent


def run(runner: CliRunner, *args: str):
    return runner.invoke(export_command, list(args), catch_exceptions=False)


def test_ego_to_gexf_as_in_the_readme(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.gexf"
    result = run(runner, "--ego", "kite", "--depth", "2", "--format", "gexf", "-o", str(out))
    assert result.exit_code == 0, result.output
    graph = nx.read_gexf(out)
    assert ID + "kite" in graph and ID + "gilead-sciences" in graph


def test_the_format_follows_the_file_name(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "elf.graphml"
    assert run(runner, "--partnership", "european-lead-factory", "-o", str(out)).exit_code == 0
    assert ID + "lygature" in nx.read_graphml(out)


def test_without_output_the_file_is_named_for_what_it_holds(runner: CliRunner, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             shipped_store: EmbeddedStore) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(runner, "--partnership", "european-lead-factory", "--format", "csv")
    assert result.exit_code == 0, result.output
    short = store_version(shipped_store).hash[:8]
    written = tmp_path / f"lsh-kg-{short}-partnership-european-lead-factory.csv.zip"
    assert str(written.name) in result.stderr
    assert f"dataset version {store_version(shipped_store).hash}" in result.stderr
    with zipfile.ZipFile(io.BytesIO(written.read_bytes())) as archive:
        assert len(archive.namelist()) == 3  # nodes, edges and their CSV on the Web metadata


def test_paths_to_standard_output(runner: CliRunner) -> None:
    result = runner.invoke(export_command, ["--path", "kite", "lumc", "--format", "nt", "-o", "-"])
    assert result.exit_code == 0
    triples = {q.triple for q in ox.parse(result.stdout_bytes, format=ox.RdfFormat.N_TRIPLES)}
    assert {t.subject.value for t in triples} >= {ID + "kite", ID + "lumc"}


def test_query_view_and_all(runner: CliRunner, tmp_path: Path, shipped_store: EmbeddedStore) -> None:
    query = tmp_path / "q.rq"
    query.write_text("DESCRIBE lshid:lumc", encoding="utf-8")
    out = tmp_path / "lumc.ttl"
    assert run(runner, "--query", str(query), "-o", str(out)).exit_code == 0
    triples = {q.triple for q in ox.parse(out.read_bytes(), format=ox.RdfFormat.TURTLE)}
    assert any(t.subject.value == ID + "lumc" for t in triples)
    view = tmp_path / "view.cyjs"
    assert run(runner, "--view", "kind=company&place=leiden", "-o", str(view)).exit_code == 0
    assert view.stat().st_size > 0
    everything = tmp_path / "all.csv.zip"
    assert run(runner, "--all", "-o", str(everything)).exit_code == 0
    with zipfile.ZipFile(everything) as archive:
        nodes = archive.read("lsh-kg-all-nodes.csv").decode("utf-8").splitlines()
    assert len(nodes) > 300


@pytest.mark.parametrize(("args", "message"), [
    (["--ego", "european-lead-factori"], "did you mean european-lead-factory"),
    (["--ego", "kite", "--depth", "5"], "depth='5' is out of range; allowed: 1, 2, 3"),
    (["--ego", "kite", "--format", "xlsx"], "format='xlsx' is not an export format; allowed: ttl"),
    (["--ego", "kite", "--kind", "Unicorn"], "kind='Unicorn' is not a kind"),
    ([], "give exactly one of --ego, --path"),
    (["--ego", "kite", "--all"], "give exactly one of"),
    (["--path", "kite", "kite"], "the same entity"),
    (["--partnership", "leiden"], "not a partnership"),
])
def test_errors_are_clear_and_exit_non_zero(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(export_command, args)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert message in result.stderr


def test_help_ends_with_an_example(runner: CliRunner) -> None:
    result = runner.invoke(export_command, ["--help"])
    assert result.exit_code == 0
    assert "Example: lshkg export --ego kite --depth 2 --format gexf" in result.output
