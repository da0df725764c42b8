"""Read the curated YAML records, keeping the file and line of every field for error messages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

__all__ = ["Origin", "Record", "RecordError", "load_records", "position"]


@dataclass(frozen=True)
class Origin:
    """Where a record or one of its fields is written: file, 1-based line and field name."""

    file: str
    line: int
    field: str | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        if self.column is not None:
            where += f":{self.column}"
        return f"{where}: field {self.field!r}" if self.field else where


class RecordError(ValueError):
    """A record that cannot be built: the message says what is wrong, the origin where."""

    def __init__(self, message: str, origin: Origin) -> None:
        super().__init__(message)
        self.message = message
        self.origin = origin

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True)
class Record:
    """One record of a data file: its fields as parsed, and the file it comes from."""

    fields: CommentedMap
    file: str

    @property
    def id(self) -> str:
        return str(self.fields.get("id"))

    def origin(self, key: str | None = None) -> Origin:
        """The position of the record (or of one of its keys)."""
        return position(self.fields, self.file, key)


def position(node: Any, file: str, key: Any = None, field: str | None = None) -> Origin:
    """The 1-based line and column of a mapping's key (or of a list item), or of the node itself."""
    line, column = 0, 0
    lc = getattr(node, "lc", None)
    if lc is not None:
        line, column = lc.line, lc.col
        try:
            if isinstance(node, CommentedMap) and key is not None and key in node:
                line, column = lc.key(key)
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
                line, column = lc.item(key)
        except (KeyError, IndexError, TypeError):
            pass
    name = field if field is not None else (key if isinstance(key, str) else None)
    return Origin(file, line + 1, name, column + 1)


def _parse_file(path: Path, shown_as: str) -> Any:
    yaml = YAML(typ="rt")
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        column = mark.column + 1 if mark else None
        problem = error.problem or error.context or "malformed YAML"
        raise RecordError(f"malformed YAML: {problem}", Origin(shown_as, line, None, column)) from None
    except UnicodeDecodeError as error:
        raise RecordError(f"not UTF-8 text: {error.reason}", Origin(shown_as, 0)) from None


def load_records(directory: Path) -> Iterator[Record]:
    """Every record of every `*.yaml` file of a folder, files in name order, records in file order."""
    for path in sorted(directory.glob("*.yaml")):
        shown_as = _display_path(path)
        content = _parse_file(path, shown_as)
        if content is None:
            continue
        if not isinstance(content, CommentedSeq):
            raise RecordError("a data file must be a list of records", Origin(shown_as, 1))
        for index, item in enumerate(content):
            if not isinstance(item, CommentedMap):
                raise RecordError("a record must be a mapping of fields",
                                  position(content, shown_as, index))
            yield Record(item, shown_as)


def _display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working folder where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
