"""The README stays true: the commands of its CLI tour run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.config import PROJECT_ROOT

from .conftest import TINY_RECORDS

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def tour_commands() -> list[str]:
    section = README.split("## The command line", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.DOTALL).group(1)
    return [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.startswith("lshkg ")]


COMMANDS = [c for c in tour_commands() if not c.startswith("lshkg serve") and "--endpoint" not in c]


def test_the_tour_shows_every_command() -> None:
    shown = {shlex.split(command)[1] for command in tour_commands()}
    assert shown == set(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             runner: CliRunner) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LSHKG_RECORDS_DIR", str(TINY_RECORDS))
    monkeypatch.setenv("LSHKG_DATA_DIR", str(tmp_path / "var"))
    assert runner.invoke(main, ["build"]).exit_code == 0
    (tmp_path / "import.ttl").write_text(
        (Path(tmp_path / "var" / "lsh-kg.nt")).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "q.rq").write_text("SELECT ?c WHERE { ?c a lsh:City }", encoding="utf-8")
    result = runner.invoke(main, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
