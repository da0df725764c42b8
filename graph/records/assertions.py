"""What a record says, as data: assertions (one triple each) and the evidence that supports them."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef
from rdflib.term import Node

from graph.records.loader import Origin

__all__ = ["GENERAL_KNOWLEDGE", "Assertion", "Evidence"]


@dataclass(frozen=True)
class Evidence:
    """A passage of a source document (source id and verbatim quote), or general knowledge.

    A passage that is only a reference (an address in a document's list of links) rather than its
    running text is marked `is_reference`.
    """

    source: str | None = None
    quote: str | None = None
    language: str | None = None
    is_reference: bool = False

    @property
    def is_general_knowledge(self) -> bool:
        return self.source is None


GENERAL_KNOWLEDGE = Evidence()


@dataclass(frozen=True)
class Assertion:
    """One triple of the graph with the evidence for it and the record field it comes from."""

    subject: URIRef
    predicate: URIRef
    object: Node
    evidence: tuple[Evidence, ...]
    origin: Origin
