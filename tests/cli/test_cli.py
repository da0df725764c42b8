"""Every command has help with an example; build, stats and validate work end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import TINY_RECORDS
from webapp.cli import main

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_ending_with_an_example(runner: CliRunner, command: str) -> None:
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: lshkg " + command in result.output


def test_build_then_stats(runner: CliRunner, data_dir: Path) -> None:
    built = runner.invoke(main, ["build", "--records", str(TINY_RECORDS)])
    assert built.exit_code == 0, built.output
    assert (data_dir / "lsh-kg.nt").is_file()
    stats = runner.invoke(main, ["stats"])
    assert stats.exit_code == 0, stats.output
    assert "lsh:PharmaceuticalCompany" in stats.output
    # 26 of the tiny set's assertions rest on general knowledge only, 57 on a quote
    assert "from a document quote: 57 (68.7%)" in stats.output


def test_stats_without_a_store_says_what_to_do(runner: CliRunner, data_dir: Path) -> None:
    result = runner.invoke(main, ["stats"])
    assert result.exit_code == 1
    assert "run `lshkg build` first" in result.output


def test_validate_records(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "--records", str(TINY_RECORDS)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_validate_a_file_reports_each_violation(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "import.ttl"
    bad.write_text("""
        @prefix lsh: <https://w3id.org/lsh-kg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://example.org/x> a lsh:Deal, lsh:Organisation ; lsh:amount 5.0 ; lsh:year 20210 .
    """, encoding="utf-8")
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "<https://example.org/x> rdfs:label" in result.output
    assert "lsh:year" in result.output and "20210" in result.output
    assert "currency" in result.output
    assert "asserted without evidence" in result.output


def test_validate_a_malformed_file_names_the_line(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix lsh: <https://w3id.org/lsh-kg/ontology#> .\n\n<a> lsh:x \"open .\n",
                   encoding="utf-8")
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "broken.ttl: not valid turtle" in result.output
    assert "line 3" in result.output


def test_query_with_an_undeclared_prefix_names_it(runner: CliRunner, data_dir: Path) -> None:
    assert runner.invoke(main, ["build", "--records", str(TINY_RECORDS)]).exit_code == 0
    result = runner.invoke(main, ["query", "ASK {\n  ex:thing ?p ?o }"])
    assert result.exit_code == 1
    assert "line 2, column 3: syntax error: the prefix ex: is not declared" in result.output
