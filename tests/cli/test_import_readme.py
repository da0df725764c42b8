"""The README's "Importing your own data" stays true: its commands run, in order, on files of the
kinds it names, and its CSV mapping is the one they use."""

from __future__ import annotations

import gzip
import re
import shlex
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.config import PROJECT_ROOT
from graph.store.imports import list_imports
from ontology.namespaces import DEFAULT_BASE_IRI as ID
from tests.store.import_files import write
from webapp.cli import main

SECTION = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8").split("## Importing your own data", 1)[1]


def commands() -> list[str]:
    block = re.search(r"```sh\n(.*?)```", SECTION, flags=re.DOTALL).group(1)
    return [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.startswith("lshkg ")]


def test_the_readme_shows_every_way_in() -> None:
    shown = " ".join(commands())
    for needed in ("--graph", "--mapping", ".csv", ".yaml", ".gz", ".zip", "--list", "--remove"):
        assert needed in shown


def test_the_readme_commands_run(import_data_dir: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "ttl", "readme-ttl-co").rename("companies.ttl")
    write(tmp_path, "csv", "readme-csv-co").rename("register.csv")
    mapping = re.search(r"```yaml\n(.*?)```", SECTION, flags=re.DOTALL).group(1)
    Path("register.mapping.yaml").write_text(mapping, encoding="utf-8")
    write(tmp_path, "yaml", "readme-yaml-co").rename("portfolio.yaml")
    Path("trials.nq.gz").write_bytes(gzip.compress(write(tmp_path, "nq", "readme-nq-co").read_bytes()))
    with zipfile.ZipFile("members.zip", "w") as archive:
        archive.write(write(tmp_path, "jsonld", "readme-jsonld-co"), "members.jsonld")
    runner = CliRunner()
    for command in commands():
        result = runner.invoke(main, shlex.split(command)[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"{command}: {result.output}"
    names = {info.name for info in list_imports(import_data_dir / "store", ID)}
    assert names == {"register", "portfolio", "trials", "members"}
