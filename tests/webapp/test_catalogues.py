"""The gettext catalogues: every message marked in templates, Python and JavaScript is in the Dutch
catalogue, translated and not fuzzy, with the same placeholders; the compiled `.mo` files say what
the `.po` files say."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from webapp.i18n import LANGUAGES, TRANSLATIONS, compile_catalogues

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)s|\{(\w+)\}")


def _extracted() -> dict[tuple[str, str | None], list[str]]:
    """(msgid or a plural's singular, context) -> where it is marked, as `pybabel extract -k t -k message`
    reads it."""
    with (ROOT / "babel.cfg").open() as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    keywords = {**DEFAULT_KEYWORDS, "t": None, "message": None}
    found: dict[tuple[str, str | None], list[str]] = {}
    for filename, line, message, _comments, context in extract_from_dir(
            ROOT, method_map, options_map, keywords=keywords):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault((msgid, context), []).append(f"{filename}:{line}")
    return found


def _placeholders(texts: tuple) -> set:
    return {p for text in texts for p in PLACEHOLDER.findall(text)}


def _plain(text: str | list | tuple) -> str | tuple:
    return text if isinstance(text, str) else tuple(text)


def _catalogue(language: str):
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as source:
        return read_po(source, locale=language)


@pytest.fixture(scope="module")
def extracted() -> dict[str, list[str]]:
    return _extracted()


def test_the_sources_mark_messages_in_templates_python_and_javascript(extracted: dict) -> None:
    places = {where.split(":")[0].rsplit(".", 1)[-1] for wheres in extracted.values() for where in wheres}
    assert {"html", "py", "js"} <= places
    assert ("Run query", None) in extracted and ("Skip to the content", None) in extracted


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_message_is_in_the_catalogue(extracted: dict, language: str) -> None:
    catalogue = _catalogue(language)
    missing = {key: where for key, where in extracted.items() if catalogue.get(*key) is None}
    assert not missing, f"not in webapp/translations/{language} (run pybabel update): {missing}"


def test_every_dutch_message_is_translated_and_not_fuzzy(extracted: dict) -> None:
    catalogue = _catalogue("nl")
    untranslated, fuzzy, placeholders = [], [], []
    for msgid, context in extracted:
        message = catalogue.get(msgid, context)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            untranslated.append(msgid)
        if message.fuzzy:
            fuzzy.append(msgid)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if _placeholders(strings) != _placeholders(ids):
            placeholders.append(msgid)
    assert not untranslated, f"untranslated in Dutch: {untranslated}"
    assert not fuzzy, f"fuzzy in Dutch: {fuzzy}"
    assert not placeholders, f"placeholders differ from the English: {placeholders}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_says_what_the_po_file_says(language: str) -> None:
    compile_catalogues()  # what the app does at start; `make install` runs pybabel compile
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo").open("rb") as compiled:
        # (an untranslated plural is written with its English forms)
        mo = {_plain(m.id): _plain(m.string) for m in read_mo(compiled)
              if m.id and _plain(m.string) != _plain(m.id)}
    po = {_plain(m.id): _plain(m.string) for m in _catalogue(language) if m.id and not m.fuzzy and m.string
          and (isinstance(m.string, str) or all(m.string)) and _plain(m.string) != _plain(m.id)}
    assert mo == po


def test_a_stale_compiled_catalogue_is_compiled_again(tmp_path: Path) -> None:
    folder = tmp_path / "nl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "messages.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                  'msgid "Map"\nmsgstr "Kaart"\n', encoding="utf-8")
    assert compile_catalogues(tmp_path) == [folder / "messages.mo"]
    assert compile_catalogues(tmp_path) == []  # up to date: nothing to do
    po.write_text(po.read_text(encoding="utf-8").replace("Kaart", "Landkaart"), encoding="utf-8")
    os.utime(po, (po.stat().st_atime, (folder / "messages.mo").stat().st_mtime + 10))
    assert compile_catalogues(tmp_path) == [folder / "messages.mo"]
    with (folder / "messages.mo").open("rb") as compiled:
        assert read_mo(compiled).get("Map").string == "Landkaart"


def test_the_readmes_catalogue_commands_run(tmp_path: Path) -> None:
    # on a copy: extract, update and compile as the README says, and every Dutch message stays translated
    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("## Languages", 1)[1]
    block = re.search(r"```sh\n(.*?)```", readme, flags=re.DOTALL)
    assert block
    commands = [shlex.split(line) for line in block.group(1).splitlines() if line.startswith("pybabel ")]
    assert [command[1] for command in commands] == ["extract", "update", "compile"]
    shutil.copy(ROOT / "babel.cfg", tmp_path)
    shutil.copytree(ROOT / "webapp", tmp_path / "webapp", ignore=shutil.ignore_patterns("__pycache__", "*.mo",
                                                                                         "node_modules"))
    pybabel = str(Path(sys.executable).parent / "pybabel")
    for command in commands:
        subprocess.run([pybabel, *command[1:]], cwd=tmp_path, check=True, capture_output=True)
    with (tmp_path / "webapp/translations/nl/LC_MESSAGES/messages.po").open("rb") as source:
        updated = read_po(source, locale="nl")
    assert not [m.id for m in updated if m.id and (m.fuzzy or not m.string)]
    assert (tmp_path / "webapp/translations/nl/LC_MESSAGES/messages.mo").stat().st_size > 0
