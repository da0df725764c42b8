"""What the side panel shows: a node's kind, facts and links, a link's evidence. Plain data, shown as
text by the page."""

from __future__ import annotations

from functools import cache

from graph.network.kinds import kind_labels
from graph.network.model import MapModel
from graph.store.backends import Store
from ontology.namespaces import LSH, RDFS
from ontology.vocabulary import load_vocabulary

__all__ = ["MAX_LINKS", "edge_details", "evidence_items", "link_between", "node_details", "term_labels"]

MAX_LINKS = 300  # a hub's panel lists its most connected neighbours first
# One pattern per OPTIONAL: with two, Oxigraph joins every evidence node of the graph first
# (400 ms at a million triples instead of under one).
FACTS = f"""PREFIX lsh: <{LSH}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?p ?o ?lang ?basis ?source ?quote WHERE {{
  <%s> ?p ?o . FILTER(isLiteral(?o) && STRSTARTS(STR(?p), STR(lsh:)))
  BIND(LANG(?o) AS ?lang)
  OPTIONAL {{ ?e rdf:subject <%s> ; rdf:predicate ?p ; rdf:object ?o ; lsh:basis ?basis .
             OPTIONAL {{ ?e prov:wasDerivedFrom ?source }} OPTIONAL {{ ?e lsh:quote ?quote }} }}
}}"""


@cache
def term_labels(iri: str) -> dict[str, str]:
    """An ontology term's labels ({en, nl}), or its local name."""
    from rdflib import URIRef

    graph = load_vocabulary().graph
    labels = {label.language: str(label) for label in graph.objects(URIRef(iri), RDFS.label)
              if getattr(label, "language", None)}
    return labels or {"en": iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]}


def _local(iri: str) -> str:
    return iri[len(str(LSH)):] if iri.startswith(str(LSH)) else iri


def evidence_items(model: MapModel, evidence: list[dict]) -> list[dict]:
    """Evidence with its document: the quote, the quote's language (its document's) and the
    document's id, labels and file; general knowledge says so and has no quote."""
    items = []
    for item in evidence:
        entry: dict = {"basis": item.get("basis", "")}
        source = item.get("source")
        if source:
            document = model.documents.get(source, {})
            entry["source"] = {"id": model.short_id(source), "iri": source,
                               "labels": document.get("labels", {}), "file": document.get("file")}
            entry["language"] = document.get("language")
        if item.get("quote"):
            entry["quote"] = item["quote"]
        items.append(entry)
    return items


def _node_ref(model: MapModel, iri: str) -> dict:
    return {"id": model.short_id(iri), "labels": model.graph.nodes[iri].get("labels", {}),
            "family": model.family[iri].key, "kind": model.graph.nodes[iri].get("kind", "")}


def link_between(model: MapModel, a: str, b: str) -> list[dict]:
    """Every link between two nodes (either direction), with its evidence and roles."""
    links = []
    for link in model.network.links_between(a, b):
        links.append({"from": model.short_id(link["from"]), "to": model.short_id(link["to"]),
                      "predicate": _local(link["predicate"]), "labels": link.get("labels") or
                      term_labels(link["predicate"]), "evidence": evidence_items(model, link["evidence"]),
                      "roles": link.get("roles", [])})
    return links


def edge_details(model: MapModel, source: str, target: str, predicate: str) -> dict | None:
    """One link: what it is and which documents say so, in which words."""
    iri = predicate if ":" in predicate else str(LSH[predicate])
    data = model.graph.get_edge_data(source, target, key=iri)
    if data is None:
        return None
    return {"from": _node_ref(model, source), "to": _node_ref(model, target), "predicate": _local(iri),
            "labels": data.get("labels") or term_labels(iri),
            "evidence": evidence_items(model, data["evidence"]), "roles": data.get("roles", [])}


def _facts(model: MapModel, store: Store, iri: str) -> list[dict]:
    facts: dict[tuple, dict] = {}
    for row in store.select(FACTS % (iri, iri)):
        key = (row["p"], row["o"], row.get("lang", ""))
        fact = facts.setdefault(key, {"property": _local(row["p"]), "labels": term_labels(row["p"]),
                                      "value": row["o"], "language": row.get("lang") or None, "evidence": []})
        if row.get("basis"):
            fact["evidence"].extend(evidence_items(model, [{"basis": _local(row["basis"]),
                                                            "source": row.get("source"),
                                                            "quote": row.get("quote")}]))
    return sorted(facts.values(), key=lambda f: (f["property"], f["language"] or "", f["value"]))


def node_details(model: MapModel, iri: str, store: Store | None = None) -> dict:
    """The side panel of a node: kind, facts (with their evidence), links (with theirs)."""
    data = model.graph.nodes[iri]
    details = {**_node_ref(model, iri), "iri": iri, "kindLabels": kind_labels(data.get("kind", "")),
               "abbreviations": sorted(data.get("abbreviations", [])), "year": model.year.get(iri),
               "degree": model.degree[iri], "community": model.community.get(iri),
               "betweenness": round(model.betweenness.get(iri, 0.0), 6),
               "rank": model.ranked_index[iri] + 1, "nodes": len(model.ranked)}
    details["imported"] = sorted(data.get("imports", []))
    if "lat" in data:
        details["coordinates"] = {"lat": data["lat"], "lon": data["lon"]}
        if data.get("placedBy"):
            details["coordinates"]["placedBy"] = _node_ref(model, data["placedBy"])
    details["facts"] = _facts(model, store, iri) if store is not None else []
    neighbours = sorted(model.links.neighbors(iri), key=model.ranked_index.__getitem__)
    links = []
    for other in neighbours[:MAX_LINKS]:
        for link in link_between(model, iri, other):
            link["direction"] = "out" if link["from"] == model.short_id(iri) else "in"
            link["other"] = _node_ref(model, other)
            links.append(link)
    details["links"] = links
    details["neighbours"] = len(neighbours)
    details["neighboursListed"] = min(len(neighbours), MAX_LINKS)
    return details
