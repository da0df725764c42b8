"""Settings layer: default < config file < environment < command-line option."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import config
from webapp.cli import main


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for item in config.SETTINGS:
        monkeypatch.delenv(item.env_var, raising=False)
    # set then delete: monkeypatch then removes it again after the test, whoever set it meanwhile
    monkeypatch.setenv(config.CONFIG_FILE_VARIABLE, "")
    monkeypatch.delenv(config.CONFIG_FILE_VARIABLE)
    monkeypatch.setattr(config, "_overrides", {})


def test_each_source_beats_the_one_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert config.setting("port") == "8000"
    (tmp_path / "lshkg.toml").write_text("port = 9000\nquery_timeout_s = 5\n", encoding="utf-8")
    assert (config.setting("port"), config.setting("query_timeout_s")) == ("9000", "5")
    monkeypatch.setenv("LSHKG_PORT", "9100")
    assert config.setting("port") == "9100"
    config.override("port", 9200)
    assert config.setting("port") == "9200"
    assert config.setting("query_timeout_s") == "5"


def test_a_named_config_file_and_its_errors(tmp_path: Path, runner: CliRunner) -> None:
    settings = tmp_path / "site.toml"
    settings.write_text("prot = 9000\n", encoding="utf-8")
    result = runner.invoke(main, ["--config", str(settings), "stats"])
    assert result.exit_code == 1
    assert "unknown setting 'prot'" in result.output and "site.toml" in result.output
    settings.write_text("port = [\n", encoding="utf-8")
    result = runner.invoke(main, ["--config", str(settings), "stats"])
    assert result.exit_code == 1 and "site.toml" in result.output
    missing = runner.invoke(main, ["--config", str(tmp_path / "nope.toml"), "stats"])
    assert missing.exit_code == 1 and "does not exist" in missing.output


def test_numbers_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LSHKG_QUERY_TIMEOUT_S", "soon")
    with pytest.raises(ValueError, match="LSHKG_QUERY_TIMEOUT_S='soon' is not a number"):
        config.number("query_timeout_s")
