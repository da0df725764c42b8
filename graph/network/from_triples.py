"""The triples of a CONSTRUCT or DESCRIBE answer as a network to draw: nodes and labelled edges.

IRIs and blank nodes become nodes; a triple between two of them an edge. Literals do not: the
labels (rdfs:label, skos:prefLabel) name their node, the other literals become the node's
attributes (shown in its tooltip and details). A node without a label in the answer is named by
its IRI's last segment (an entity: `acme-pharma`) or, for other vocabularies' terms, by its prefixed
name (`org:Organization`). Everything is plain data, to be shown as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from ontology.namespaces import RDFS, SKOS

__all__ = ["MAX_NODES", "compact", "last_segment", "network_from_ntriples", "network_from_triples"]

MAX_NODES = 1500
LABEL_PREDICATES = (str(RDFS.label), str(SKOS.prefLabel))
LANGUAGE_PREFERENCE = ("en", "nl", "")


def compact(iri: str, prefixes: dict[str, str]) -> str:
    """`prefix:local` when a prefix covers the IRI, else the IRI itself.

    >>> compact("https://schema.org/name", {"schema": "https://schema.org/"})
    'schema:name'
    >>> compact("https://example.org/x", {"schema": "https://schema.org/"})
    'https://example.org/x'
    """
    best = ""
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and len(namespace) > len(prefixes.get(best, "")):
            local = iri[len(namespace):]
            if local and all(c.isalnum() or c in "_-." for c in local):
                best = prefix
    return f"{best}:{iri[len(prefixes[best]):]}" if best else iri


def last_segment(iri: str) -> str:
    """The part after the last `#` or `/` (the IRI itself when that is empty).

    >>> last_segment("https://w3id.org/lsh-kg/id/acme-pharma")
    'acme-pharma'
    >>> last_segment("https://w3id.org/lsh-kg/ontology#Organisation")
    'Organisation'
    """
    trimmed = iri.rstrip("/#")
    cut = max(trimmed.rfind("#"), trimmed.rfind("/"))
    return trimmed[cut + 1:] or iri


def _best_label(labels: dict[str, str]) -> str | None:
    for language in LANGUAGE_PREFERENCE:
        if language in labels:
            return labels[language]
    return next(iter(labels.values()), None)


class _Builder:
    def __init__(self, base_iri: str, entity_base: str, prefixes: dict[str, str]) -> None:
        self.base_iri = base_iri
        self.entity_base = entity_base
        self.prefixes = prefixes
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: list[dict[str, str]] = []

    def node(self, term: ox.NamedNode | ox.BlankNode) -> str:
        key = term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"
        if key not in self.nodes:
            node: dict[str, Any] = {"id": key, "labels": {}, "attributes": []}
            if isinstance(term, ox.NamedNode):
                node["iri"] = term.value
                node["prefixed"] = compact(term.value, self.prefixes)
                if term.value.startswith(self.base_iri) and len(term.value) > len(self.base_iri):
                    node["kind"] = "entity"
                    node["href"] = self.entity_base + term.value[len(self.base_iri):]
                else:
                    node["kind"] = "iri"
            else:
                node["kind"] = "bnode"
            self.nodes[key] = node
        return key

    def add(self, subject: Any, predicate: ox.NamedNode, obj: Any) -> None:
        if not isinstance(subject, ox.NamedNode | ox.BlankNode):
            return  # a triple term as subject (RDF 1.2) is not drawn
        source = self.node(subject)
        if isinstance(obj, ox.NamedNode | ox.BlankNode):
            self.edges.append({"from": source, "to": self.node(obj),
                               "label": compact(predicate.value, self.prefixes),
                               "predicate": predicate.value})
            return
        node = self.nodes[source]
        if isinstance(obj, ox.Literal) and predicate.value in LABEL_PREDICATES:
            node["labels"].setdefault(obj.language or "", obj.value)
            return
        attribute = {"predicate": predicate.value, "label": compact(predicate.value, self.prefixes),
                     "value": obj.value if isinstance(obj, ox.Literal) else str(obj)}
        if isinstance(obj, ox.Literal) and obj.language:
            attribute["language"] = obj.language
        node["attributes"].append(attribute)

    def result(self, max_nodes: int) -> dict[str, Any]:
        nodes = list(self.nodes.values())
        truncated = len(nodes) > max_nodes
        if truncated:
            nodes = nodes[:max_nodes]
        kept = {node["id"] for node in nodes}
        edges = [edge for edge in self.edges if edge["from"] in kept and edge["to"] in kept]
        for node in nodes:
            if node["kind"] == "bnode":
                fallback = "[" + node["id"] + "]"
            elif node["kind"] == "iri" and node["prefixed"] != node["iri"]:
                fallback = node["prefixed"]  # org:Organization, schema:Organization: not both "Organization"
            else:
                fallback = last_segment(node["iri"])
            node["label"] = _best_label(node["labels"]) or fallback
        return {"nodes": nodes, "edges": edges, "truncated": truncated}


def network_from_triples(triples: Iterable[ox.Triple], *, base_iri: str, prefixes: dict[str, str],
                         entity_base: str = "/id/", max_nodes: int = MAX_NODES) -> dict[str, Any]:
    """{nodes: [{id, label, kind, ...}], edges: [{from, to, label, predicate}], truncated, triples}.

    `kind` is "entity" (an IRI under `base_iri`, with `href` under `entity_base`), "iri" or
    "bnode". At most `max_nodes` nodes are kept (in order of appearance); more sets `truncated`.
    """
    builder = _Builder(base_iri, entity_base, prefixes)
    count = 0
    for triple in triples:
        count += 1
        builder.add(triple.subject, triple.predicate, triple.object)
    network = builder.result(max_nodes)
    network["triples"] = count
    return network


def network_from_ntriples(body: bytes, **options: Any) -> dict[str, Any]:
    """The network of an N-Triples document (see `network_from_triples`)."""
    quads = ox.parse(body, format=ox.RdfFormat.N_TRIPLES) if body else []
    return network_from_triples((quad.triple for quad in quads), **options)
