"""The README stays true: the commands of its CLI tour run, on the shipped graph."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.config import PROJECT_ROOT
from graph.records.build import BuiltDataset, ntriples, write_atomically
from graph.store.backends import load_store
from webapp.cli import main

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def tour_commands() -> list[str]:
    section = README.split("## The command line", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.DOTALL).group(1)
    return [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.startswith("lshkg ")]


COMMANDS = [c for c in tour_commands() if not c.startswith("lshkg serve") and "--endpoint" not in c]


@pytest.fixture(scope="module")
def data_dir(shipped: BuiltDataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    write_atomically(folder / "lsh-kg.nt", ntriples(shipped.graph))
    load_store(folder / "lsh-kg.nt", folder / "store")
    return folder


def test_the_tour_shows_every_command() -> None:
    shown = {shlex.split(command)[1] for command in tour_commands()}
    assert shown == set(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command: str, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             runner: CliRunner) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LSHKG_DATA_DIR", str(data_dir if not command.startswith("lshkg build") else tmp_path))
    (tmp_path / "import.ttl").write_text((data_dir / "lsh-kg.nt").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    (tmp_path / "q.rq").write_text("SELECT ?c WHERE { ?c a lsh:City }", encoding="utf-8")
    if " bundle verify " in f" {command} ":  # the bundle the tour made on the line before
        made = runner.invoke(main, ["export", "--ego", "kite", "--depth", "2", "--bundle",
                                    "-o", "kite-bundle.zip"])
        assert made.exit_code == 0, made.output
    result = runner.invoke(main, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
