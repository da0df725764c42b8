"""What an export holds: a piece of the network and, for a CONSTRUCT query, its exact triples; and
the error a request that cannot be exported gets. The writers and selections import these."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from graph.messages import message

__all__ = ["ExportError", "Subgraph"]


class ExportError(ValueError):
    """A request that cannot be exported: the parameter at fault, what is allowed, an HTTP status."""

    def __init__(self, parameter: str, message: str, *, allowed: Sequence[str] = (), status: int = 400,
                 value: str | None = None, retry_after_s: int | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s  # for a 429 or 503: when trying again may succeed
        self.parameter = parameter
        self.message = message
        self.allowed = list(allowed)
        self.status = status
        self.value = value

    def __str__(self) -> str:
        return str(self.said())

    def said(self) -> str:
        """What is wrong and what is allowed, kept translatable (`graph.messages`)."""
        if not self.allowed:
            return self.message
        shown = ", ".join(self.allowed[:40]) + (", ..." if len(self.allowed) > 40 else "")
        return message("%(reason)s; allowed: %(allowed)s", reason=self.message, allowed=shown)

    def as_dict(self, say: Callable[[str], str] = str) -> dict:
        """The error as JSON, its words said by `say` (the web says them in the reader's language)."""
        return {"error": say(self.said()), "parameter": self.parameter, "allowed": self.allowed}


@dataclass
class Subgraph:
    """What to export: network nodes keyed by IRI and links keyed by predicate IRI (see
    `graph.network.projection.Network`), a file name stem that says what it holds, and a title."""

    graph: nx.MultiDiGraph
    name: str
    title: str
    triples: list[ox.Triple] | None = None  # a CONSTRUCT's answer: exported as it is
    truncated: bool = False
    extra: dict = field(default_factory=dict)
