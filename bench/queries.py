"""The queries the benchmarks run: the example gallery (whatever it holds now) and a fixed set of
representative questions, filled in with entities found in the dataset under test."""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.store.gallery import GALLERY_FILE, load_gallery, prefixed
from graph.store.guard import check_query

__all__ = ["BenchQuery", "Probe", "discover", "fixed_queries", "gallery_queries"]


@dataclass(frozen=True)
class BenchQuery:
    """One query to time: its id, its text (prefixes included), its form and where it comes from."""

    id: str
    text: str
    form: str
    group: str  # "gallery" or "fixed"
    about: str = ""

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True)
class Probe:
    """Entities of the dataset the fixed queries ask about (found by `discover`)."""

    typical: str  # an organisation of median out-degree
    hub: str  # the organisation with the most triples
    partnership: str  # the initiative with the most members
    member: str  # a member of some initiative whose membership is quoted
    member_of: str
    word: str = "leiden"  # occurs in labels of the shipped and the synthetic data
    missing_word: str = "zzyzx"  # occurs nowhere: the search reads every label


_NONE = "urn:lsh-kg:bench:none"


def _first(store: ox.Store, sparql: str) -> list[str]:
    for row in store.query(prefixed(sparql)):
        return [term.value if term is not None else _NONE for term in row]
    return []


def discover(store_path: Path) -> Probe:
    """Pick the entities of the fixed queries, the same way for the shipped and a synthetic graph."""
    store = ox.Store.read_only(str(store_path))
    degrees = [row[0].value for row in store.query(prefixed(
        "SELECT ?org (COUNT(*) AS ?n) WHERE { ?org a lsh:Organisation ; ?p ?o } "
        "GROUP BY ?org ORDER BY DESC(?n) STR(?org)"))]
    partnership = _first(store, "SELECT ?p (COUNT(?m) AS ?n) WHERE { ?m lsh:memberOf ?p . "
                                "?p a lsh:Initiative } GROUP BY ?p ORDER BY DESC(?n) STR(?p) LIMIT 1")
    quoted = _first(store, "SELECT ?m ?p WHERE { ?e rdf:subject ?m ; rdf:predicate lsh:memberOf ; "
                           "rdf:object ?p ; lsh:quote ?q } ORDER BY STR(?m) STR(?p) LIMIT 1")
    del store  # releases the read-only handle before other processes time the same folder
    return Probe(
        typical=degrees[len(degrees) // 2] if degrees else _NONE,
        hub=degrees[0] if degrees else _NONE,
        partnership=partnership[0] if partnership else _NONE,
        member=quoted[0] if quoted else _NONE,
        member_of=quoted[1] if quoted else _NONE,
    )


# the lsh: links of <$entity> both ways, with English labels
ONE_HOP = """
SELECT ?direction ?p ?other ?label WHERE {
  { <$entity> ?p ?other BIND("out" AS ?direction) }
  UNION { ?other ?p <$entity> BIND("in" AS ?direction) }
  FILTER(STRSTARTS(STR(?p), STR(lsh:)))
  OPTIONAL { ?other rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }
}"""
# $-placeholders (string.Template), so SPARQL's braces need no escaping
FIXED = {
    "one-hop-typical": ("1-hop neighbourhood of an organisation of median degree (lsh: links both "
                        "ways, with English labels)", ONE_HOP.replace("$entity", "$typical")),
    "one-hop-hub": ("1-hop neighbourhood of the biggest hub", ONE_HOP.replace("$entity", "$hub")),
    "ask-member": ("ASK one membership: next to no work, so the fixed cost per query", """
ASK { <$member> lsh:memberOf ?initiative }"""),
    "kinds-per-city": ("organisations per kind and city (GROUP BY over every organisation)", """
SELECT ?kind ?city (COUNT(DISTINCT ?org) AS ?organisations) WHERE {
  ?org a lsh:Organisation ; a ?kind ; lsh:locatedIn ?place .
  ?place a lsh:City ; rdfs:label ?city .
  FILTER(STRSTARTS(STR(?kind), STR(lsh:)) && ?kind != lsh:Organisation && LANG(?city) = "nl")
}
GROUP BY ?kind ?city
ORDER BY DESC(?organisations) ?kind ?city"""),
    "class-counts": ("instances per class (a scan of every rdf:type triple, as the stats page does)", """
SELECT ?class (COUNT(?thing) AS ?n) WHERE { ?thing a ?class }
GROUP BY ?class ORDER BY DESC(?n)"""),
    "partnership-members": ("members of the biggest partnership with their roles", """
SELECT ?member ?name ?role WHERE {
  ?member lsh:memberOf <$partnership> .
  OPTIONAL { ?member rdfs:label ?name FILTER(LANGMATCHES(LANG(?name), "en")) }
  OPTIONAL { ?membership org:member ?member ; org:organization <$partnership> ; lsh:role ?role }
}
ORDER BY ?name"""),
    "members-with-roles": ("every membership with a role, with the partnership's and member's names", """
SELECT ?partnership ?pname ?member ?mname ?role WHERE {
  ?membership a lsh:Membership ; org:organization ?partnership ; org:member ?member ; lsh:role ?role .
  ?partnership rdfs:label ?pname . ?member rdfs:label ?mname .
  FILTER(LANG(?pname) = LANG(?role) && LANG(?mname) = LANG(?role))
}"""),
    "evidence-lookup": ("which document says X memberOf Y, in which words", """
SELECT ?source ?title ?quote ?basis WHERE {
  ?evidence a lsh:Evidence ; rdf:subject <$member> ; rdf:predicate lsh:memberOf ;
            rdf:object <$member_of> ; lsh:basis ?basis .
  OPTIONAL { ?evidence prov:wasDerivedFrom ?source ; lsh:quote ?quote .
             OPTIONAL { ?source lsh:title ?title } }
}"""),
    "org-site-city": ("3-way join organisation - site - city with names (every site)", """
SELECT ?organisation ?site ?city ?lat ?long WHERE {
  ?org a lsh:Organisation ; rdfs:label ?organisation ; lsh:hasSite ?s .
  ?s rdfs:label ?site ; lsh:locatedIn ?c .
  ?c a lsh:City ; rdfs:label ?city ; lsh:latitude ?lat ; lsh:longitude ?long .
  FILTER(LANG(?organisation) = "en" && LANG(?site) = "en" && LANG(?city) = "en")
}"""),
    "largest-acquisitions": ("the 25 largest acquisitions with acquirer, target and year", """
SELECT ?deal ?acquirer ?target ?amount ?currency ?year WHERE {
  ?deal a lsh:Acquisition ; lsh:acquirer ?acquirer ; lsh:target ?target .
  OPTIONAL { ?deal lsh:year ?year }
  OPTIONAL { ?deal lsh:amount ?amount ; lsh:currency ?currency }
}
ORDER BY DESC(?amount) LIMIT 25"""),
    "label-search": ("search box: labels containing a word, first 20", """
SELECT DISTINCT ?thing ?label WHERE {
  ?thing rdfs:label ?label .
  FILTER(CONTAINS(LCASE(?label), "$word"))
} LIMIT 20"""),
    "label-search-miss": ("search box with no hit: reads every label", """
SELECT ?thing ?label WHERE {
  ?thing rdfs:label ?label .
  FILTER(CONTAINS(LCASE(?label), "$missing_word"))
}"""),
    "describe-typical": ("CONSTRUCT the outgoing triples of an organisation (an RDF answer)", """
CONSTRUCT { <$typical> ?p ?o } WHERE { <$typical> ?p ?o }"""),
}


def fixed_queries(probe: Probe) -> list[BenchQuery]:
    """Our representative queries about the probe's entities, checked by the endpoint's guard."""
    values = {name: getattr(probe, name) for name in Probe.__dataclass_fields__}
    queries = []
    for query_id, (about, template) in FIXED.items():
        text = prefixed(string.Template(template).substitute(values).strip() + "\n")
        form = check_query(text, max_bytes=1_000_000).form
        queries.append(BenchQuery(query_id, text, form, "fixed", about))
    return queries


def gallery_queries(path: Path = GALLERY_FILE) -> tuple[list[BenchQuery], str]:
    """The gallery's examples as they are now, and a note when there are none or they do not load."""
    if not path.exists():
        return [], f"no gallery at {path}: fixed queries only"
    try:
        examples = load_gallery(path)
    except Exception as error:  # the gallery is being written: measure what we can
        return [], f"gallery not loaded ({type(error).__name__}: {error}): fixed queries only"
    queries = [BenchQuery(f"gallery:{e.id}", e.query, e.form, "gallery", e.label.get("en", ""))
               for e in examples]
    return queries, f"{len(queries)} gallery example(s) from {path.name}"
