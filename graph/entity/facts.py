"""The facts of one entity, grouped by meaning, outgoing and incoming, each with its evidence.

A fact is an asserted triple: one that has `lsh:Evidence` (a document quote or general knowledge).
Triples the build entailed (super-classes, aligned vocabularies) carry no evidence and are left out,
except for things that have no asserted facts at all (evidence nodes, gallery examples), whose
triples are listed as they are. Plain data; pages render it as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from graph.entity.indexes import INVERSE_LABELS, labels_of
from graph.store.backends import Store
from ontology.namespaces import LSH, ORG, RDF, RDFS, SKOS, is_iri

__all__ = ["GROUPS", "EntityFacts", "Fact", "ProductApproval", "entity_exists", "entity_facts",
           "entity_triples", "product_approvals"]

_PREFIX = f"""PREFIX lsh: <{LSH}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
# one row per fact and piece of evidence (?e): ?p the predicate, ?other the far end
FACTS = _PREFIX + """
SELECT ?p ?other ?olang ?odt ?oiri ?basis ?source ?quote ?qlang WHERE {
  %s
  OPTIONAL { ?e prov:wasDerivedFrom ?source }
  OPTIONAL { ?e lsh:quote ?quote }
  BIND(LANG(?other) AS ?olang) BIND(DATATYPE(?other) AS ?odt) BIND(isIRI(?other) AS ?oiri)
  BIND(LANG(?quote) AS ?qlang)
}"""
# each written as Oxigraph plans it best: the facts found from the entity's end, or their evidence
# found by its object (found from the triples, a hub's incoming facts took seconds at ten million
# triples: 9.7 s for Leiden's 5,848, now 1.0; the outgoing ones, written so, took half a minute)
OUTGOING = """BIND(<{iri}> AS ?s) ?s ?p ?o . BIND(?o AS ?other)
  ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; lsh:basis ?basis ."""
INCOMING = """?e rdf:object <{iri}> ; rdf:subject ?other ; rdf:predicate ?p ; lsh:basis ?basis .
  ?other ?p <{iri}> ."""
RAW = _PREFIX + """
SELECT ?p ?other ?olang ?odt ?oiri WHERE {
  <%s> ?p ?other .
  BIND(LANG(?other) AS ?olang) BIND(DATATYPE(?other) AS ?odt) BIND(isIRI(?other) AS ?oiri)
}"""
EXISTS = "SELECT ?p WHERE { { <%s> ?p ?o } UNION { ?s ?p <%s> } } LIMIT 1"
KINDS = _PREFIX + """
SELECT ?x ?kind WHERE {
  VALUES ?x { %s }
  ?x a ?kind . FILTER(STRSTARTS(STR(?kind), STR(lsh:)))
  FILTER NOT EXISTS { ?x a ?narrower . ?narrower rdfs:subClassOf ?kind . FILTER(?narrower != ?kind) }
}"""

# the regulatory decisions about the products the entity makes, with the evidence of each decision
PRODUCT_DECISIONS = _PREFIX + """
SELECT ?product ?decision ?authority ?year ?ybasis ?basis ?source ?quote ?qlang WHERE {
  ?product lsh:manufacturer <%s> .
  ?decision lsh:product ?product ; lsh:decidedBy ?authority .
  OPTIONAL { ?decision lsh:year ?year .
             OPTIONAL { ?ye rdf:subject ?decision ; rdf:predicate lsh:year ; lsh:basis ?ybasis } }
  OPTIONAL { ?e rdf:subject ?decision ; rdf:predicate lsh:product ; rdf:object ?product ; lsh:basis ?basis .
             OPTIONAL { ?e prov:wasDerivedFrom ?source }
             OPTIONAL { ?e lsh:quote ?quote } }
  BIND(LANG(?quote) AS ?qlang)
}"""

# the entity as RDF: what it says, what says something of it, the evidence of both, neighbours' names
DESCRIPTION = _PREFIX + """
CONSTRUCT { ?s ?p ?o } WHERE {
  { BIND(<%(iri)s> AS ?s) ?s ?p ?o }
  UNION { BIND(<%(iri)s> AS ?o) ?s ?p ?o . FILTER NOT EXISTS { ?s a lsh:Evidence } }
  UNION { { ?e rdf:subject <%(iri)s> } UNION { ?e rdf:object <%(iri)s> } ?e a lsh:Evidence .
          BIND(?e AS ?s) ?s ?p ?o }
  UNION { { <%(iri)s> ?link ?s } UNION { ?s ?link <%(iri)s> } FILTER(isIRI(?s))
          BIND(rdfs:label AS ?p) ?s ?p ?o }
}"""

GROUPS: dict[str, dict[str, str]] = {
    "identity": {"en": "What it is", "nl": "Wat het is"},
    "where": {"en": "Where it is", "nl": "Waar het is"},
    "belongs": {"en": "What it belongs to", "nl": "Waar het bij hoort"},
    "works-with": {"en": "Whom it works with", "nl": "Met wie het samenwerkt"},
    "deals": {"en": "Deals", "nl": "Deals"},
    "people": {"en": "People", "nl": "Mensen"},
    "figures": {"en": "Figures", "nl": "Cijfers"},
    "logistics": {"en": "Logistics", "nl": "Logistiek"},
    "decisions": {"en": "Products and approvals", "nl": "Producten en goedkeuringen"},
    "proposals": {"en": "Proposals", "nl": "Voorstellen"},
    "events": {"en": "Events", "nl": "Evenementen"},
    "reasons": {"en": "Reasons and comparisons", "nl": "Redenen en vergelijkingen"},
    "technologies": {"en": "Technologies and areas", "nl": "Technologieën en gebieden"},
    "other": {"en": "Other facts", "nl": "Overige feiten"},
}
_BY_LOCAL_NAME = {
    "identity": ("abbreviation", "description", "aim", "title", "language", "fileName"),
    "where": ("locatedIn", "country", "hasSite", "latitude", "longitude"),
    "belongs": ("subsidiaryOf", "partOf", "spunOffFrom", "inScheme", "broader", "publisher", "formedFrom"),
    "works-with": ("memberOf", "coordinator", "fundedBy", "initiatedBy", "role", "nominatedFor",
                   "fellowshipAt"),
    "deals": ("acquired", "party", "acquirer", "target", "investor", "licensee", "licensor",
              "investedIn", "amount", "currency", "month"),
    "people": ("worksFor", "jobTitle"),
    "figures": ("about", "measure", "unit", "numericValue", "refYear", "refYearEnd", "category",
                "citedSource", "valueQualifier"),
    "logistics": ("shipsThrough", "logisticsFunction", "participantCount"),
    "decisions": ("decidedBy", "product", "manufacturer"),
    "proposals": ("proposedBy", "addressedTo", "proposedParticipant", "proposedPartOf", "inResponseTo"),
    "events": ("organiser", "participant", "speaker", "guest", "announcedAt"),
    "reasons": ("attractedBy", "comparedWith", "comparator", "rank", "rankingScope"),
    "technologies": ("technology", "therapeuticArea", "strength", "theme"),
}
GROUP_OF: dict[str, str] = {str(LSH[name]): group for group, names in _BY_LOCAL_NAME.items()
                            for name in names}
GROUP_OF.update({str(RDF.type): "identity", str(RDFS.label): "identity", str(SKOS.prefLabel): "identity",
                 str(SKOS.altLabel): "identity", str(ORG.holds): "people", str(ORG.postIn): "people",
                 str(ORG.member): "works-with", str(ORG.organization): "works-with"})
# seen from the other end, some links mean something else: a site's operator is what it belongs to
INCOMING_GROUP_OF = {str(LSH.hasSite): "belongs", str(LSH.locatedIn): "where"}
# names of the few non-lsh predicates facts use (ours come from the ontology's labels)
PREDICATE_LABELS: dict[str, dict[str, str]] = {
    str(RDF.type): {"en": "kind", "nl": "soort"},
    str(RDFS.label): {"en": "name", "nl": "naam"},
    str(SKOS.prefLabel): {"en": "preferred name", "nl": "voorkeursnaam"},
    str(SKOS.altLabel): {"en": "other name", "nl": "andere naam"},
    str(ORG.holds): {"en": "holds post", "nl": "bekleedt functie"},
    str(ORG.postIn): {"en": "post in", "nl": "functie bij"},
    str(ORG.member): {"en": "member", "nl": "lid"},
    str(ORG.organization): {"en": "organisation", "nl": "organisatie"},
}
# how the few non-lsh predicates read from their value's end (ours: lsh:inverseLabel in the ontology)
INVERSE_PREDICATE_LABELS: dict[str, dict[str, str]] = {
    str(RDF.type): {"en": "kind of", "nl": "soort van"},
    str(ORG.holds): {"en": "held by", "nl": "bekleed door"},
    str(ORG.postIn): {"en": "has the post", "nl": "heeft de functie"},
    str(ORG.member): {"en": "membership", "nl": "lidmaatschap"},
    str(ORG.organization): {"en": "membership", "nl": "lidmaatschap"},
}
# the build writes each label twice (rdfs:label and skos:prefLabel): show it once
_SKIPPED = (str(SKOS.prefLabel),)


@dataclass
class Evidence:
    basis: str  # DocumentQuote, DocumentReference or GeneralKnowledge
    source: str | None = None
    source_labels: dict[str, str] = field(default_factory=dict)
    quote: str | None = None
    quote_language: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"basis": self.basis, "source": self.source, "sourceLabels": self.source_labels,
                "quote": self.quote, "quoteLanguage": self.quote_language}


@dataclass
class Fact:
    """One triple seen from the entity: `direction` "out" (entity p value) or "in" (value p entity)."""

    predicate: str
    direction: str
    value: str
    is_iri: bool
    language: str = ""
    datatype: str = ""
    predicate_labels: dict[str, str] = field(default_factory=dict)
    inverse_labels: dict[str, str] = field(default_factory=dict)  # how it reads from the value's end
    value_labels: dict[str, str] = field(default_factory=dict)
    value_kind: str = ""
    evidence: list[Evidence] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        value: dict[str, Any] = {"iri": self.value, "labels": self.value_labels, "kind": self.value_kind} \
            if self.is_iri else {"value": self.value, "language": self.language, "datatype": self.datatype}
        return {"predicate": self.predicate, "predicateLabels": self.predicate_labels,
                "inverseLabels": self.inverse_labels, "direction": self.direction, "value": value,
                "evidence": [e.as_dict() for e in self.evidence]}


@dataclass
class ProductApproval:
    """A regulatory decision about a product the entity makes: the product, the decision (its kind:
    approval, conditional approval, ...), the authority, the year where known, and the evidence."""

    product: str
    decision: str
    authority: str
    year: int | None = None
    year_basis: str = ""  # DocumentQuote or GeneralKnowledge, as for any fact
    kind: str = ""
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # iri -> language -> label
    evidence: list[Evidence] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def end(iri: str) -> dict[str, Any]:
            return {"iri": iri, "labels": self.labels.get(iri, {})}
        return {"product": end(self.product),
                "decision": {**end(self.decision), "kind": self.kind,
                             "kindLabels": self.labels.get(str(LSH[self.kind]), {}) if self.kind else {}},
                "authority": end(self.authority), "year": self.year, "yearBasis": self.year_basis,
                "evidence": [e.as_dict() for e in self.evidence]}


@dataclass
class EntityFacts:
    """Everything the entity page shows about one IRI."""

    iri: str
    kind: str = ""
    kind_labels: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    other_names: list[tuple[str, str]] = field(default_factory=list)  # (name, language)
    abbreviations: list[str] = field(default_factory=list)
    groups: dict[str, list[Fact]] = field(default_factory=dict)
    asserted: bool = True  # False: no evidence anywhere; the facts are its raw triples
    product_approvals: list[ProductApproval] = field(default_factory=list)  # of what it makes

    def label(self, language: str = "en") -> str:
        return self.labels.get(language) or next(iter(self.labels.values()), self.iri.rsplit("/", 1)[-1])

    def facts(self) -> list[Fact]:
        return [fact for facts in self.groups.values() for fact in facts]

    def linked(self) -> list[str]:
        """The IRIs of the other entities its facts link to, in order of first appearance."""
        seen: dict[str, None] = {}
        for fact in self.facts():
            if fact.is_iri and fact.predicate != str(RDF.type) and fact.value != self.iri:
                seen.setdefault(fact.value)
        return list(seen)

    def as_dict(self) -> dict[str, Any]:
        return {"iri": self.iri, "kind": self.kind, "kindLabels": self.kind_labels, "labels": self.labels,
                "otherNames": [{"name": n, "language": lang} for n, lang in self.other_names],
                "abbreviations": self.abbreviations, "asserted": self.asserted,
                "productApprovals": [a.as_dict() for a in self.product_approvals],
                "groups": [{"group": name, "labels": GROUPS[name], "facts": [f.as_dict() for f in facts]}
                           for name, facts in self.groups.items()]}


def entity_exists(store: Store, iri: str) -> bool:
    """Whether the IRI occurs in the graph as a subject or object (never, if it is no valid IRI)."""
    return is_iri(iri) and bool(store.select(EXISTS % (iri, iri)))


def entity_triples(store: Store, iri: str) -> list[ox.Triple]:
    """The entity's triples both ways, their evidence, and the labels of what it links to."""
    return store.construct(DESCRIPTION % {"iri": iri})


def _fact_rows(store: Store, iri: str) -> list[tuple[str, dict[str, str]]]:
    rows = [("out", row) for row in store.select(FACTS % OUTGOING.format(iri=iri))]
    return rows + [("in", row) for row in store.select(FACTS % INCOMING.format(iri=iri))]


def _kinds_of(store: Store, iris: list[str]) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for start in range(0, len(iris), 500):
        chunk = " ".join(f"<{iri}>" for iri in iris[start:start + 500])
        for row in store.select(KINDS % chunk):
            kinds.setdefault(row["x"], row["kind"][len(str(LSH)):])
    return kinds


def entity_facts(store: Store, iri: str) -> EntityFacts:
    """The facts of `iri` (check `entity_exists` first: an unknown IRI gives no facts)."""
    entity = EntityFacts(iri)
    facts: dict[tuple[str, str, str, str, str], Fact] = {}
    rows = _fact_rows(store, iri)
    if not rows:
        entity.asserted = False
        rows = [("out", row) for row in store.select(RAW % iri)]
    for direction, row in rows:
        if row["p"] in _SKIPPED:
            continue
        key = (direction, row["p"], row["other"], row.get("olang", ""), row.get("odt", ""))
        fact = facts.get(key)
        if fact is None:
            fact = facts[key] = Fact(row["p"], direction, row["other"], row["oiri"] == "true",
                                     row.get("olang", ""),
                                     "" if row.get("olang") else row.get("odt", ""))
        if "basis" in row:
            evidence = Evidence(row["basis"][len(str(LSH)):], row.get("source"), {}, row.get("quote"),
                                row.get("qlang", ""))
            if evidence not in fact.evidence:
                fact.evidence.append(evidence)
    _describe(store, entity, list(facts.values()))
    if any(f.direction == "in" and f.predicate == str(LSH.manufacturer) for f in facts.values()):
        entity.product_approvals = product_approvals(store, iri)
    return entity


def product_approvals(store: Store, iri: str) -> list[ProductApproval]:
    """The regulatory decisions about the products `iri` makes (`lsh:manufacturer`), each with its
    authority, year and the evidence that the decision concerns the product, by year and product."""
    found: dict[tuple[str, str], ProductApproval] = {}
    for row in store.select(PRODUCT_DECISIONS % iri):
        approval = found.setdefault((row["product"], row["decision"]),
                                    ProductApproval(row["product"], row["decision"], row["authority"]))
        if row.get("year"):
            approval.year = int(row["year"])
            approval.year_basis = row.get("ybasis", "")[len(str(LSH)):]
        if row.get("basis"):
            evidence = Evidence(row["basis"][len(str(LSH)):], row.get("source"), {}, row.get("quote"),
                                row.get("qlang", ""))
            if evidence not in approval.evidence:
                approval.evidence.append(evidence)
    approvals = list(found.values())
    if not approvals:
        return []
    iris = sorted({i for a in approvals for i in (a.product, a.decision, a.authority)}
                  | {e.source for a in approvals for e in a.evidence if e.source})
    labels = labels_of(store, iris)
    kinds = _kinds_of(store, sorted({a.decision for a in approvals}))
    kind_labels = labels_of(store, sorted({str(LSH[k]) for k in kinds.values()}))
    for approval in approvals:
        approval.labels = {i: labels.get(i, {})
                           for i in (approval.product, approval.decision, approval.authority)}
        approval.kind = kinds.get(approval.decision, "")
        if approval.kind:
            approval.labels[str(LSH[approval.kind])] = kind_labels.get(str(LSH[approval.kind]), {})
        for evidence in approval.evidence:
            evidence.source_labels = labels.get(evidence.source or "", {})
    return sorted(approvals, key=lambda a: (a.year or 0, a.product, a.decision))


def _describe(store: Store, entity: EntityFacts, facts: list[Fact]) -> None:
    """Fill in the names, kinds and labels, and sort the facts into their groups."""
    iris = {entity.iri} | {f.value for f in facts if f.is_iri} | {f.predicate for f in facts}
    iris |= {e.source for f in facts for e in f.evidence if e.source}
    labels = labels_of(store, sorted(iris))
    incoming = sorted({f.predicate for f in facts if f.direction == "in"})
    inverse = labels_of(store, incoming, INVERSE_LABELS) if incoming else {}
    kinds = _kinds_of(store, sorted({entity.iri} | {f.value for f in facts if f.is_iri}))
    entity.labels = labels.get(entity.iri, {})
    entity.kind = kinds.get(entity.iri, "")
    if entity.kind:
        entity.kind_labels = labels_of(store, [str(LSH[entity.kind])]).get(str(LSH[entity.kind]), {})
    groups: dict[str, list[Fact]] = {name: [] for name in GROUPS}
    for fact in facts:
        fact.predicate_labels = labels.get(fact.predicate) or PREDICATE_LABELS.get(fact.predicate, {})
        if fact.direction == "in":
            fact.inverse_labels = (inverse.get(fact.predicate)
                                   or INVERSE_PREDICATE_LABELS.get(fact.predicate, {}))
        if fact.is_iri:
            fact.value_labels = labels.get(fact.value, {})
            fact.value_kind = kinds.get(fact.value, "")
        for evidence in fact.evidence:
            evidence.source_labels = labels.get(evidence.source or "", {})
        if fact.direction == "out" and fact.predicate == str(SKOS.altLabel):
            entity.other_names.append((fact.value, fact.language))
        if fact.direction == "out" and fact.predicate == str(LSH.abbreviation):
            entity.abbreviations.append(fact.value)
        group = (INCOMING_GROUP_OF.get(fact.predicate) if fact.direction == "in" else None) \
            or GROUP_OF.get(fact.predicate, "other")
        groups[group].append(fact)
    for name, members in groups.items():
        members.sort(key=lambda f: (f.direction, f.predicate, _sort_label(f)))
        if members:
            entity.groups[name] = members
    entity.other_names.sort()
    entity.abbreviations.sort()


def _sort_label(fact: Fact) -> str:
    return (fact.value_labels.get("en") or next(iter(fact.value_labels.values()), fact.value)).casefold()
