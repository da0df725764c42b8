"""What the entity pages show, as plain dicts of text and links (the templates only lay them out).

Labels are picked in the page's language; IRIs under the base IRI link to their entity pages, our
classes to their index pages; everything else is shown as text.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask_babel import gettext

from graph.entity.facts import GROUPS, EntityFacts, Fact
from ontology.namespaces import LSH, RDF

__all__ = ["Links", "approvals_view", "editor_query", "fact_view", "groups_view", "neighbourhood",
           "number_quotes", "pick"]

MAX_NEIGHBOURS = 80  # the small map stays readable; the export holds the rest


def pick(labels: dict[str, str], language: str, fallback: str = "") -> str:
    found = labels.get(language) or labels.get("en") or labels.get("nl")
    return found or next(iter(labels.values()), fallback)


class Links:
    """Where an IRI is shown in this app, if anywhere."""

    def __init__(self, base_iri: str, root: str) -> None:
        self.base_iri = base_iri
        self.root = root

    def entity_id(self, iri: str) -> str | None:
        return iri[len(self.base_iri):] if iri.startswith(self.base_iri) and len(iri) > len(self.base_iri) \
            else None

    def href(self, iri: str) -> str | None:
        ident = self.entity_id(iri)
        if ident is not None:
            return f"{self.root}/id/{ident}"
        if iri.startswith(str(LSH)) and iri[len(str(LSH)):][:1].isupper():
            return f"{self.root}/kinds/{iri[len(str(LSH)):]}"
        return None

    def name(self, iri: str, labels: dict[str, str], language: str) -> str:
        return pick(labels, language) or self.entity_id(iri) or iri


def _evidence_view(fact: Fact, links: Links, language: str) -> list[dict[str, Any]]:
    shown = []
    for evidence in fact.evidence:
        source = evidence.source or ""
        shown.append({"general": evidence.basis == "GeneralKnowledge", "quote": evidence.quote or "",
                      "reference": evidence.basis == "DocumentReference",
                      "quote_language": evidence.quote_language,
                      "source": links.name(source, evidence.source_labels, language) if source else "",
                      "source_href": links.href(source) if source else None})
    return shown


def fact_view(fact: Fact, links: Links, language: str) -> dict[str, Any]:
    """One row of a facts table: relation, value (text, link, language) and evidence."""
    if fact.is_iri:
        value = {"text": links.name(fact.value, fact.value_labels, language), "href": links.href(fact.value),
                 "iri": fact.value, "language": "", "kind": fact.value_kind}
    else:
        value = {"text": fact.value, "href": None, "iri": "", "language": fact.language, "kind": ""}
    relation = pick(fact.predicate_labels, language) or fact.predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    if fact.direction == "in":  # read from this end, in words: "invested in by", not "← invested in"
        relation = (pick(fact.inverse_labels, language)
                    or gettext("has this as %(relation)s", relation=relation))
    return {"relation": relation, "predicate": fact.predicate, "incoming": fact.direction == "in",
            "value": value, "evidence": _evidence_view(fact, links, language)}


def number_quotes(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each quote once: the facts' quotes numbered in order of first appearance, each fact's
    evidence turned into references to them; returns the quotes with the facts each supports."""
    quotes: dict[tuple[str, str, str], dict[str, Any]] = {}
    for group in groups:
        for fact in group["facts"]:
            for item in fact["evidence"]:
                if item["general"]:
                    continue
                key = (item["quote"], item["quote_language"], item["source"])
                quote = quotes.setdefault(key, {**item, "number": len(quotes) + 1, "supports": []})
                item["number"] = quote["number"]
                supported = {"relation": fact["relation"], "value": fact["value"]}
                if supported not in quote["supports"]:
                    quote["supports"].append(supported)
            fact["evidence"].sort(key=lambda item: item.get("number", 0))
    return list(quotes.values())


def approvals_view(entity: EntityFacts, links: Links, language: str) -> list[dict[str, Any]]:
    """The regulatory decisions about the entity's products: product, decision, authority, year and
    the quotes, as rows of a table (the quotes shown in place)."""
    rows = []
    for approval in entity.product_approvals:
        def cell(iri: str, labels: dict[str, dict[str, str]] = approval.labels) -> dict[str, Any]:
            return {"text": links.name(iri, labels.get(iri, {}), language), "href": links.href(iri),
                    "iri": iri, "language": "", "kind": ""}
        fact = Fact(str(LSH.product), "in", approval.product, True, evidence=approval.evidence)
        rows.append({"product": cell(approval.product), "decision": cell(approval.decision),
                     "kind": pick(approval.labels.get(str(LSH[approval.kind]), {}), language, approval.kind)
                     if approval.kind else "",
                     "authority": cell(approval.authority), "year": approval.year,
                     "year_general": approval.year_basis == "GeneralKnowledge",
                     "evidence": _evidence_view(fact, links, language)})
    return rows


def groups_view(entity: EntityFacts, links: Links, language: str) -> list[dict[str, Any]]:
    return [{"key": name, "title": pick(GROUPS[name], language),
             "facts": [fact_view(f, links, language) for f in facts]}
            for name, facts in entity.groups.items()]


def neighbourhood(entity: EntityFacts, links: Links, language: str) -> dict[str, Any]:
    """The entity and what its facts link to, for the small map: {nodes, edges, truncated}."""
    nodes = {entity.iri: {"id": entity.iri, "label": entity.label(language), "kind": entity.kind,
                          "href": links.href(entity.iri), "self": True}}
    edges = []
    truncated = False
    for fact in entity.facts():
        if not fact.is_iri or fact.predicate == str(RDF.type) or fact.value == entity.iri:
            continue
        if fact.value not in nodes:
            if len(nodes) > MAX_NEIGHBOURS:
                truncated = True
                continue
            nodes[fact.value] = {"id": fact.value, "kind": fact.value_kind, "href": links.href(fact.value),
                                 "label": links.name(fact.value, fact.value_labels, language), "self": False}
        ends = (entity.iri, fact.value) if fact.direction == "out" else (fact.value, entity.iri)
        edges.append({"from": ends[0], "to": ends[1], "label": pick(fact.predicate_labels, language)})
    return {"nodes": list(nodes.values()), "edges": edges, "truncated": truncated}


def editor_query(iri: str, root: str) -> str:
    """A link to the query editor with a SELECT of the entity's facts and their evidence."""
    query = f"""SELECT ?direction ?predicate ?other ?basis ?source ?quote WHERE {{
  {{ ?evidence rdf:subject <{iri}> ; rdf:predicate ?predicate ; rdf:object ?other .
    BIND("out" AS ?direction) }}
  UNION {{ ?evidence rdf:object <{iri}> ; rdf:predicate ?predicate ; rdf:subject ?other .
    BIND("in" AS ?direction) }}
  ?evidence lsh:basis ?basis .
  OPTIONAL {{ ?evidence prov:wasDerivedFrom ?source ; lsh:quote ?quote }}
}} ORDER BY ?direction ?predicate ?other"""
    return f"{root}/query?{urlencode({'query': query})}"
