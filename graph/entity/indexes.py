"""Indexes over entities: our classes with their counts and members, and what a source supports.

Plain data read from the store with our own SPARQL; the web pages and their JSON twins render it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.store.backends import Store
from ontology.namespaces import LSH

__all__ = ["INVERSE_LABELS", "KindInfo", "KindTree", "kind_members", "kind_tree", "labels_of",
           "source_support"]

_PREFIX = f"""PREFIX lsh: <{LSH}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
CLASSES = _PREFIX + """
SELECT ?class ?super ?label ?lang WHERE {
  ?class a <http://www.w3.org/2002/07/owl#Class> . FILTER(STRSTARTS(STR(?class), STR(lsh:)))
  OPTIONAL { ?class rdfs:subClassOf ?super . FILTER(STRSTARTS(STR(?super), STR(lsh:))) }
  OPTIONAL { ?class rdfs:label ?label . BIND(LANG(?label) AS ?lang) }
}"""
COUNTS = _PREFIX + """
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?x a ?class . FILTER(STRSTARTS(STR(?class), STR(lsh:)))
} GROUP BY ?class"""
MEMBERS = _PREFIX + """
SELECT ?x ?kind ?label ?lang ?place WHERE {
  ?x a <%s> ; a ?kind . FILTER(STRSTARTS(STR(?kind), STR(lsh:)))
  FILTER NOT EXISTS { ?x a ?narrower . ?narrower rdfs:subClassOf ?kind . FILTER(?narrower != ?kind) }
  OPTIONAL { ?x rdfs:label ?label . BIND(LANG(?label) AS ?lang) }
  OPTIONAL { ?x lsh:locatedIn ?place }
}"""
# a post has no name of its own: its job title names it; a membership is named after its member and
# organisation ("Lygature in European Lead Factory"), in each language as far as their names go. The
# IRIs are given in each branch: given once outside, Oxigraph ran the membership branch over every
# membership first (a quarter of a second at a million triples, for each entity page)
LABELS = _PREFIX + """
SELECT ?x ?label ?lang WHERE {
  { VALUES ?x { %(iris)s } ?x rdfs:label ?label }
  UNION { VALUES ?x { %(iris)s } ?x lsh:jobTitle ?label FILTER NOT EXISTS { ?x rdfs:label ?named } }
  UNION { VALUES ?x { %(iris)s }
          ?x <http://www.w3.org/ns/org#member> ?m ; <http://www.w3.org/ns/org#organization> ?o .
          FILTER NOT EXISTS { ?x rdfs:label ?named }
          VALUES (?in_language ?joint) { ("en" " in ") ("nl" " bij ") }
          OPTIONAL { ?m rdfs:label ?m_own FILTER(LANG(?m_own) = ?in_language) }
          OPTIONAL { ?m rdfs:label ?m_any }
          OPTIONAL { ?o rdfs:label ?o_own FILTER(LANG(?o_own) = ?in_language) }
          OPTIONAL { ?o rdfs:label ?o_any }
          BIND(STRLANG(CONCAT(STR(COALESCE(?m_own, ?m_any)), ?joint, STR(COALESCE(?o_own, ?o_any))),
                       ?in_language) AS ?label) }
  BIND(LANG(?label) AS ?lang)
}"""
INVERSE_LABELS = _PREFIX + """
SELECT ?x ?label ?lang WHERE {
  VALUES ?x { %(iris)s } ?x lsh:inverseLabel ?label BIND(LANG(?label) AS ?lang)
}"""
SUPPORTED = _PREFIX + """
SELECT ?e ?s ?p ?o ?olang ?oiri ?quote ?qlang WHERE {
  ?e prov:wasDerivedFrom <%s> ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; lsh:quote ?quote .
  FILTER(?p != <http://www.w3.org/2004/02/skos/core#prefLabel>)  # the same as its rdfs:label
  BIND(LANG(?o) AS ?olang) BIND(isIRI(?o) AS ?oiri) BIND(LANG(?quote) AS ?qlang)
}"""
# not browsable as a kind: there is one per statement, shown on the statements' pages instead
HIDDEN_KINDS = ("Evidence", "EvidenceBasis")


@dataclass
class KindInfo:
    """One of our classes: its name, labels, broader and narrower kinds and how many members."""

    name: str
    labels: dict[str, str] = field(default_factory=dict)
    broader: list[str] = field(default_factory=list)
    narrower: list[str] = field(default_factory=list)
    count: int = 0

    def label(self, language: str = "en") -> str:
        return self.labels.get(language) or self.labels.get("en") or self.name

    def as_dict(self) -> dict:
        return {"name": self.name, "labels": self.labels, "broader": self.broader,
                "narrower": self.narrower, "count": self.count}


@dataclass
class KindTree:
    """Every lsh: class by name (those with members can be browsed)."""

    kinds: dict[str, KindInfo]

    def closure(self, name: str) -> set[str]:
        """The kind and every kind below it."""
        found, stack = set(), [name]
        while stack:
            current = stack.pop()
            if current not in found and current in self.kinds:
                found.add(current)
                stack.extend(self.kinds[current].narrower)
        return found

    def browsable(self) -> list[str]:
        return sorted(n for n, k in self.kinds.items() if k.count and n not in HIDDEN_KINDS)

    def roots(self) -> list[str]:
        """Browsable kinds with no browsable broader kind, in name order."""
        shown = set(self.browsable())
        return [n for n in sorted(shown) if not shown.intersection(self.kinds[n].broader)]


def kind_tree(store: Store) -> KindTree:
    """Our classes, their hierarchy and their member counts (entailed types included)."""
    kinds: dict[str, KindInfo] = {}
    cut = len(str(LSH))
    for row in store.select(CLASSES):
        info = kinds.setdefault(row["class"][cut:], KindInfo(row["class"][cut:]))
        if "super" in row and row["super"][cut:] not in info.broader:
            info.broader.append(row["super"][cut:])
        if row.get("lang"):
            info.labels.setdefault(row["lang"], row["label"])
    for info in kinds.values():
        for broader in info.broader:
            if broader in kinds and info.name not in kinds[broader].narrower:
                kinds[broader].narrower.append(info.name)
    for row in store.select(COUNTS):
        name = row["class"][cut:]
        if name in kinds:
            kinds[name].count = int(row["n"])
    for info in kinds.values():
        info.narrower.sort()
    return KindTree(kinds)


@dataclass
class Member:
    iri: str
    kind: str
    labels: dict[str, str] = field(default_factory=dict)
    places: list[str] = field(default_factory=list)

    def label(self, language: str = "en") -> str:
        return self.labels.get(language) or next(iter(self.labels.values()), self.iri.rsplit("/", 1)[-1])


def labels_of(store: Store, iris: list[str], query: str = LABELS) -> dict[str, dict[str, str]]:
    """rdfs:label by language of each IRI that has one (or the names made for posts and
    memberships; with `query=INVERSE_LABELS`, how properties read backwards)."""
    found: dict[str, dict[str, str]] = {}
    for start in range(0, len(iris), 500):  # keep each VALUES block of a reasonable size
        chunk = " ".join(f"<{iri}>" for iri in iris[start:start + 500])
        for row in store.select(query % {"iris": chunk}):
            if row.get("lang"):
                found.setdefault(row["x"], {}).setdefault(row["lang"], row["label"])
    return found


def kind_members(store: Store, kind: str) -> list[Member]:
    """Every member of an lsh: class (narrower kinds included), with labels and places."""
    members: dict[str, Member] = {}
    cut = len(str(LSH))
    for row in store.select(MEMBERS % f"{LSH}{kind}"):
        member = members.setdefault(row["x"], Member(row["x"], row["kind"][cut:]))
        if row.get("lang"):
            member.labels.setdefault(row["lang"], row["label"])
        if row.get("place") and row["place"] not in member.places:
            member.places.append(row["place"])
    return sorted(members.values(), key=lambda m: (m.label().casefold(), m.iri))


def source_support(store: Store, source: str) -> list[dict]:
    """Every statement the source document supports, with the quote: [{subject, predicate, object,
    object_language, object_is_iri, quote, quote_language}], ordered by subject and predicate."""
    rows = []
    for row in store.select(SUPPORTED % source):
        rows.append({"evidence": row["e"], "subject": row["s"], "predicate": row["p"], "object": row["o"],
                     "object_language": row.get("olang", ""), "object_is_iri": row["oiri"] == "true",
                     "quote": row["quote"], "quote_language": row.get("qlang", "")})
    return sorted(rows, key=lambda r: (r["subject"], r["predicate"], r["object"], r["quote"]))
