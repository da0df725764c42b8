"""What an import read from a file is, and why one is refused: the graph with the positions of its
subjects, and each problem with its file, line (or row and column), focus node, path and message."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Graph, URIRef

__all__ = ["ImportProblem", "ImportRefused", "ReadImport"]


@dataclass(frozen=True)
class ImportProblem:
    """One reason an import is refused, where it is: file, line (or row and column), focus, path."""

    file: str
    message: str
    line: int | None = None
    column: str | None = None
    focus: str | None = None
    path: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}" if self.column is None else f": row {self.line}, column {self.column}"
        subject = " ".join(part for part in (self.focus, self.path) if part)
        return f"{where}: {subject + ': ' if subject else ''}{self.message}"

    def as_json(self) -> dict[str, object]:
        return {key: value for key, value in self.__dict__.items() if value is not None}


class ImportRefused(ValueError):
    """The import was refused; every problem found is listed, and nothing was written."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass
class ReadImport:
    """The graph read from one file, and where (line, or row and column) each subject was written."""

    file: str
    graph: Graph
    positions: dict[tuple[URIRef, URIRef | None], tuple[int, str | None]] = field(default_factory=dict)
    text: str = ""

    def position(self, focus: URIRef | None, path: URIRef | None) -> tuple[int | None, str | None]:
        if focus is None:
            return None, None
        found = self.positions.get((focus, path)) or self.positions.get((focus, None))
        if found:
            return found
        # RDF text: the first line that names the focus node (in full or by its local name), then
        # the first line from there that names the path
        lines = self.text.splitlines()
        for number, line in enumerate(lines, 1):
            if str(focus) in line or (":" + _local(focus)) in line:
                for offset, later in enumerate(lines[number - 1:number + 200]):
                    if path is not None and (str(path) in later or (":" + _local(path)) in later):
                        return number + offset, None
                return number, None
        return None, None


def _local(iri: URIRef) -> str:
    return re.split(r"[/#]", str(iri))[-1]
