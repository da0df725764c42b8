"""Families of kinds for the map: which colour and shape each lsh: class is drawn with, and its names.

A node's kind is its most specific lsh: class (42 of them in the shipped graph); the map groups them
into a few families a visitor can tell apart (company, UMC, university, science park, ...). A class
joins the first family whose classes include it or one of its super-classes in the ontology, so a
class added to `ontology/lsh.ttl` later still lands in a family.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ontology.namespaces import LSH, RDFS
from ontology.vocabulary import load_vocabulary

__all__ = ["ACTOR_FAMILIES", "ATTRIBUTE_FAMILIES", "ATTRIBUTE_PATH_AVOID", "FAMILIES", "FAMILY_KEYS", "OTHER",
           "PATH_AVOID", "Family", "family_of", "kind_labels"]


@dataclass(frozen=True)
class Family:
    key: str
    labels: dict[str, str]
    colour: str
    shape: str  # a vis-network shape whose label sits below it
    classes: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"key": self.key, "labels": self.labels, "colour": self.colour, "shape": self.shape}


# Order matters: the first family that claims a class or one of its super-classes wins (a screening
# centre is a site and an organisation: it is drawn as a site; a hotspot is a region: drawn as hotspot).
FAMILIES: tuple[Family, ...] = (
    Family("site", {"en": "Site", "nl": "Vestiging"}, "#a3a500", "triangleDown", ("Site",)),
    Family("umc", {"en": "University medical centre", "nl": "Umc"}, "#d62728", "square",
           ("UniversityMedicalCentre",)),
    Family("university", {"en": "University", "nl": "Universiteit"}, "#ff7f0e", "square", ("University",)),
    Family("institute", {"en": "Research institute", "nl": "Onderzoeksinstituut"}, "#8c564b", "square",
           ("ResearchInstitute",)),
    Family("science-park", {"en": "Science park", "nl": "Science park"}, "#2ca02c", "hexagon",
           ("SciencePark",)),
    Family("logistics-hub", {"en": "Logistics hub", "nl": "Logistieke hub"}, "#0f9fb3", "triangle",
           ("LogisticsHub",)),
    Family("authority", {"en": "Authority or government", "nl": "Overheid"}, "#5f6b77", "diamond",
           ("Authority", "GovernmentBody")),
    Family("company", {"en": "Company", "nl": "Bedrijf"}, "#1f77b4", "dot", ("Company",)),
    Family("association", {"en": "Association, foundation or fund", "nl": "Vereniging, stichting of fonds"},
           "#9467bd", "dot", ("TradeAssociation", "NonProfitOrganisation", "Fund", "Organisation")),
    Family("partnership", {"en": "Partnership", "nl": "Samenwerking"}, "#e04fb3", "star", ("Partnership",)),
    # a proposal is drawn as one, never as an existing partnership or programme
    Family("proposal", {"en": "Proposal", "nl": "Voorstel"}, "#c7a6d9", "diamond", ("Proposal",)),
    Family("programme", {"en": "Programme", "nl": "Programma"}, "#b07aa1", "diamond",
           ("Programme", "Initiative")),
    Family("deal", {"en": "Deal", "nl": "Deal"}, "#e5a01a", "diamond", ("Deal",)),
    Family("event", {"en": "Event", "nl": "Evenement"}, "#ff9da7", "star", ("Event",)),
    Family("product", {"en": "Product or approval", "nl": "Product of goedkeuring"}, "#76b7b2", "diamond",
           ("Product", "RegulatoryDecision")),
    Family("person", {"en": "Person", "nl": "Persoon"}, "#4fa84f", "dot", ("Person",)),
    Family("hotspot", {"en": "Hotspot", "nl": "Hotspot"}, "#f25c54", "hexagon", ("Hotspot",)),
    Family("city", {"en": "City", "nl": "Stad"}, "#7fa7d6", "dot", ("City",)),
    Family("region", {"en": "Region or country", "nl": "Regio of land"}, "#a9b4bf", "dot",
           ("Region", "Country", "Place")),
    Family("area", {"en": "Therapeutic area", "nl": "Therapeutisch gebied"}, "#c9b13c", "triangle",
           ("TherapeuticArea",)),
    Family("technology", {"en": "Technology", "nl": "Technologie"}, "#59a14f", "triangle", ("Technology",)),
    Family("concept", {"en": "Strength or theme", "nl": "Sterkte of thema"}, "#8fc9d3", "triangle",
           ("Concept",)),
)
OTHER = Family("other", {"en": "Other", "nl": "Overig"}, "#b0b0b0", "dot", ())
FAMILY_KEYS = (*tuple(f.key for f in FAMILIES), OTHER.key)
# What entities share rather than who works with whom: two companies in Leiden, or both working on
# oncology, are not thereby connected. Off the map unless asked for, and paths avoid them by default.
ATTRIBUTE_FAMILIES = ("city", "hotspot", "region", "area", "concept")
# Who acts: organisations, people, partnerships, deals, sites, events, products, proposals. Links between
# them are what paths and the network in words walk; everything else is a shared attribute.
ACTOR_FAMILIES = frozenset({"company", "umc", "university", "institute", "association", "authority",
                            "partnership", "programme", "science-park", "logistics-hub", "deal", "person",
                            "site", "event", "product", "proposal"})
# what a path avoids by default (every family that does not act) and when shared attributes are asked
# for (never through "the Netherlands")
PATH_AVOID = tuple(key for key in FAMILY_KEYS if key not in ACTOR_FAMILIES)
ATTRIBUTE_PATH_AVOID = ("region",)


@cache
def family_of(kind: str) -> Family:
    """The family of an lsh: class, by its local name (`BiotechCompany` -> company).

    >>> family_of("BiotechCompany").key, family_of("ScreeningCentre").key, family_of("Hotspot").key
    ('company', 'site', 'hotspot')
    >>> family_of("NoSuchClass").key
    'other'
    """
    vocabulary = load_vocabulary()
    term = LSH[kind]
    ancestors = {kind} | {str(t)[len(str(LSH)):] for t in vocabulary.superclasses.get(term, ())}
    for family in FAMILIES:
        if ancestors & set(family.classes):
            return family
    return OTHER


@cache
def kind_labels(kind: str) -> dict[str, str]:
    """The class's labels in the ontology ({en, nl}), or its name split into words.

    >>> kind_labels("BiotechCompany")["en"]
    'Biotech company'
    """
    graph = load_vocabulary().graph
    labels = {label.language: str(label) for label in graph.objects(LSH[kind], RDFS.label)
              if getattr(label, "language", None)}
    if not labels:
        words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kind)
        labels = {"en": words[:1] + words[1:].lower()}
    return labels
