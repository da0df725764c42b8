"""The network over time, one entity at a time: the dated facts of an entity and of everything linked
to it (founded, started, ended, the year of a deal), in order, each with the document and words
that give the year. What carries no date is listed as undated, never given a guessed year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.insight.overview import ACTOR_FAMILIES
from graph.network.details import evidence_items, term_labels
from graph.network.model import MapModel
from graph.store.backends import Store
from ontology.namespaces import LSH

__all__ = ["DATE_PROPERTIES", "Event", "Timeline", "timeline"]

DATE_PROPERTIES = ("foundedYear", "startYear", "endYear", "year")
_PREFIX = f"""PREFIX lsh: <{LSH}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
# one pattern per OPTIONAL: Oxigraph joins them in order, cheaply
DATED = _PREFIX + """
SELECT ?node ?p ?year ?basis ?source ?quote WHERE {
  VALUES ?node { %s }
  VALUES ?p { lsh:foundedYear lsh:startYear lsh:endYear lsh:year }
  ?node ?p ?year .
  OPTIONAL { ?e rdf:subject ?node ; rdf:predicate ?p ; rdf:object ?year ; lsh:basis ?basis }
  OPTIONAL { ?e prov:wasDerivedFrom ?source }
  OPTIONAL { ?e lsh:quote ?quote }
}"""


@dataclass
class Event:
    year: int
    node: str
    what: str  # foundedYear, startYear, endYear or year
    relation: dict[str, str]  # how the node is linked to the entity ({} for the entity itself)
    evidence: list[dict] = field(default_factory=list)


@dataclass
class Timeline:
    entity: str
    events: list[Event]
    undated: list[str]  # linked things with no date in the graph


def _scope(model: MapModel, entity: str) -> list[str]:
    """The entity, what it is linked to (not its places or themes), and for a partnership or
    programme its participants."""
    linked = [n for n in model.links.neighbors(entity) if model.family[n].key in ACTOR_FAMILIES]
    linked += sorted(model.participants.get(entity, ()))
    return list(dict.fromkeys([entity, *sorted(linked)]))


def _relation(model: MapModel, entity: str, node: str) -> dict[str, str]:
    links = model.network.links_between(entity, node)
    if not links:
        return {}
    return links[0].get("labels") or term_labels(links[0]["predicate"])


def timeline(store: Store, model: MapModel, entity: str) -> Timeline:
    scope = _scope(model, entity)
    events: dict[tuple, Event] = {}
    for start in range(0, len(scope), 200):
        chunk = " ".join(f"<{iri}>" for iri in scope[start:start + 200])
        for row in store.select(DATED % chunk):
            year = row["year"]
            if not (year.isascii() and year.lstrip("-").isdigit()):
                continue
            what = row["p"][len(str(LSH)):]
            key = (row["node"], what, int(year))
            event = events.setdefault(key, Event(int(year), row["node"], what,
                                                 _relation(model, entity, row["node"])))
            if row.get("basis"):
                item = {"basis": row["basis"][len(str(LSH)):], "source": row.get("source"),
                        "quote": row.get("quote")}
                for each in evidence_items(model, [item]):
                    if each not in event.evidence:
                        event.evidence.append(each)
    dated = {event.node for event in events.values()}
    ordered = sorted(events.values(), key=lambda e: (e.year, DATE_PROPERTIES.index(e.what), e.node))
    return Timeline(entity, ordered, [node for node in scope if node not in dated])
