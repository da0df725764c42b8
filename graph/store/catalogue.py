"""What the editor offers: the gallery's examples and our ontology's terms, read from the store."""

from __future__ import annotations

from graph.store.backends import Store
from ontology.namespaces import LSH, preset_prefixes

__all__ = ["gallery_examples", "ontology_terms"]

GALLERY = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?example ?query ?position ?label_nl ?label_en ?comment_nl ?comment_en WHERE {
  ?example a sh:SPARQLExecutable ; schema:position ?position .
  { ?example sh:select ?query } UNION { ?example sh:construct ?query }
  UNION { ?example sh:ask ?query } UNION { ?example sh:describe ?query }
  OPTIONAL { ?example rdfs:label ?label_nl FILTER(LANG(?label_nl) = "nl") }
  OPTIONAL { ?example rdfs:label ?label_en FILTER(LANG(?label_en) = "en") }
  OPTIONAL { ?example rdfs:comment ?comment_nl FILTER(LANG(?comment_nl) = "nl") }
  OPTIONAL { ?example rdfs:comment ?comment_en FILTER(LANG(?comment_en) = "en") }
} ORDER BY ?position"""

TERMS = f"""
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?term ?kind ?label_nl ?label_en WHERE {{
  VALUES (?type ?kind) {{ (owl:Class "class") (owl:ObjectProperty "property")
                         (owl:DatatypeProperty "property") }}
  ?term a ?type . FILTER(STRSTARTS(STR(?term), "{LSH}"))
  OPTIONAL {{ ?term rdfs:label ?label_nl FILTER(LANG(?label_nl) = "nl") }}
  OPTIONAL {{ ?term rdfs:label ?label_en FILTER(LANG(?label_en) = "en") }}
}} ORDER BY ?term"""


def gallery_examples(store: Store) -> list[dict]:
    """The examples in gallery order: id, labels, comments (nl, en) and the query."""
    return [
        {"id": row["example"].rsplit("/", 1)[-1], "iri": row["example"], "query": row["query"],
         "label": {lang: row[f"label_{lang}"] for lang in ("nl", "en") if f"label_{lang}" in row},
         "comment": {lang: row[f"comment_{lang}"] for lang in ("nl", "en") if f"comment_{lang}" in row}}
        for row in store.select(GALLERY)
    ]


def ontology_terms(store: Store) -> list[dict]:
    """Our classes and properties for completion: prefixed name, IRI, kind and labels."""
    return [
        {"prefixed": "lsh:" + row["term"][len(str(LSH)):], "iri": row["term"], "kind": row["kind"],
         "label": {lang: row[f"label_{lang}"] for lang in ("nl", "en") if f"label_{lang}" in row}}
        for row in store.select(TERMS)
    ]


def prefixes(base_iri: str) -> dict[str, str]:
    """The prefixes the editor presets."""
    return preset_prefixes(base_iri)
