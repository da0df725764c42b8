"""Synthetic ecosystem graphs shaped like ours, of any size, written as N-Triples.

Organisations of our kinds in a few hundred Dutch cities, their sites, partnerships with members
and roles, deals with amounts, people with posts and observations, each record with labels in nl
and en. Every asserted triple gets its `lsh:Evidence` node from `graph.records.evidence` (the project's own
function, so the shapes match exactly), and the super-class and super-property triples are written
as `graph.records.entailment` writes them. Degrees are skewed: organisations are drawn with Zipf weights,
so a few hubs have hundreds of sites, members and deals and most have one or two.

With `--core FILE` (the shipped graph as `lshkg build` writes it) the graph is grown around it: the
core's lines first, verbatim, then synthetic organisations that live in its real cities, join its
real partnerships, link to its real strengths and therapeutic areas and are subsidiaries of its
real parent companies, so that queries about real entities (the example gallery) have work to do.

    python -m bench.synthetic --organisations 4000 -o /tmp/x.nt
    python -m bench.synthetic --triples 1000000 -o /tmp/x.nt
    python -m bench.synthetic --triples 1000000 --core var/lsh-kg.nt -o /tmp/x.nt
    python -m bench.synthetic --check
"""

from __future__ import annotations

import argparse
import bisect
import functools
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from graph.records.convert import GENERAL_KNOWLEDGE, Assertion, Evidence
from graph.records.evidence import evidence_triples
from graph.records.loader import Origin
from ontology.namespaces import DEFAULT_BASE_IRI, LSH, ORG, RDF, RDFS, SKOS, XSD
from ontology.vocabulary import Vocabulary, load_vocabulary

__all__ = ["Anchors", "count_triples", "ecosystem_assertions", "ecosystem_triples", "generate", "main",
           "organisations_for", "read_anchors", "write_ntriples"]

Triple = tuple[Node, Node, Node]
ORIGIN = Origin("bench/synthetic.py", 0)

# --- word lists ------------------------------------------------------------------------------

# (name, province, latitude, longitude): real places first, so small graphs look like ours
REAL_CITIES = [
    ("Amsterdam", 0, 52.3676, 4.9041), ("Leiden", 1, 52.1601, 4.4970),
    ("Utrecht", 2, 52.0907, 5.1214), ("Rotterdam", 1, 51.9244, 4.4777),
    ("Den Haag", 1, 52.0705, 4.3007), ("Eindhoven", 3, 51.4416, 5.4697),
    ("Groningen", 7, 53.2194, 6.5665), ("Nijmegen", 4, 51.8126, 5.8372),
    ("Oss", 3, 51.7650, 5.5180), ("Maastricht", 5, 50.8514, 5.6910),
    ("Haarlem", 0, 52.3874, 4.6462), ("Hoofddorp", 0, 52.3061, 4.6907),
    ("Delft", 1, 52.0116, 4.3571), ("Wageningen", 4, 51.9692, 5.6654),
    ("Enschede", 6, 52.2215, 6.8937), ("Tilburg", 3, 51.5555, 5.0913),
    ("Breda", 3, 51.5719, 4.7683), ("Zwolle", 6, 52.5168, 6.0830),
    ("Leeuwarden", 8, 53.2012, 5.7999), ("Arnhem", 4, 51.9851, 5.8987),
    ("Amersfoort", 2, 52.1561, 5.3878), ("Almere", 10, 52.3508, 5.2647),
    ("Apeldoorn", 4, 52.2112, 5.9699), ("'s-Hertogenbosch", 3, 51.6978, 5.3037),
    ("Bilthoven", 2, 52.1300, 5.2000), ("Leusden", 2, 52.1325, 5.4311),
    ("Venlo", 5, 51.3704, 6.1724), ("Geleen", 5, 50.9740, 5.8290),
    ("Heerlen", 5, 50.8882, 5.9795), ("Bergen op Zoom", 3, 51.4946, 4.2872),
    ("Middelburg", 11, 51.4988, 3.6136), ("Assen", 9, 52.9925, 6.5649),
    ("Lelystad", 10, 52.5185, 5.4714), ("Zaandam", 0, 52.4420, 4.8292),
    ("Naarden", 0, 52.2953, 5.1622), ("Boxtel", 3, 51.5908, 5.3292),
    ("Best", 3, 51.5075, 5.3903), ("Weesp", 0, 52.3075, 5.0417),
    ("Schiedam", 1, 51.9192, 4.3889),
]
PROVINCES = ["Noord-Holland", "Zuid-Holland", "Utrecht", "Noord-Brabant", "Gelderland", "Limburg",
             "Overijssel", "Groningen", "Friesland", "Drenthe", "Flevoland", "Zeeland"]
CITY_HEADS = ["Oost", "West", "Noord", "Zuid", "Nieuw", "Oud", "Groot", "Klein", "Hoog", "Laag",
              "Sint-", "Ter ", "Wester", "Ooster"]
CITY_STEMS = ["broek", "dijk", "veen", "dam", "hoven", "horst", "wijk", "loo", "rade", "meer",
              "zand", "berg", "hout", "gein", "voort", "hem", "lo", "drecht"]
CITY_TAILS = ["", " aan de Maas", " aan de IJssel", " aan Zee", " aan de Vecht", " aan de Rijn"]
NL_BOX = (50.75, 53.55, 3.36, 7.23)  # south, north, west, east

SYLLABLES_A = ["Astra", "Bio", "Cel", "Gen", "Medi", "Neo", "Onco", "Pharma", "Thera", "Vita",
               "Immu", "Nano", "Cardi", "Neuro", "Derma", "Hepa", "Lumi", "Syn", "Octo", "Prote",
               "Quanti", "Regen", "Xeno", "Zymo", "Acer", "Fer", "Mosa", "Poly"]
SYLLABLES_B = ["gen", "tech", "med", "cure", "vax", "logic", "nova", "trix", "sys", "lab", "cel",
               "zyme", "bio", "pharm", "gene", "quest", "vance", "dex"]
COMPANY_WORDS = ["Therapeutics", "Pharma", "Biosciences", "Labs", "Diagnostics", "B.V.", "N.V.",
                 "Holding", "Biologics", "Medical"]
TOPICS = [("Oncologie", "Oncology"), ("Infectieziekten", "Infectious Diseases"),
          ("Regeneratieve Geneeskunde", "Regenerative Medicine"), ("Vaccins", "Vaccines"),
          ("Hersenonderzoek", "Brain Research"), ("Gezond Ouder Worden", "Healthy Ageing"),
          ("Precisiegeneeskunde", "Precision Medicine"), ("Zeldzame Ziekten", "Rare Diseases"),
          ("Medische Technologie", "Medical Technology"), ("Voeding en Gezondheid", "Nutrition and Health")]
FIRST_NAMES = ["Anna", "Ben", "Carla", "Daan", "Eva", "Femke", "Gerard", "Hanneke", "Ivo", "Joost",
               "Karin", "Lars", "Marieke", "Niels", "Olga", "Pieter", "Quinten", "Ruth", "Sanne",
               "Thijs", "Ursula", "Vincent", "Willemijn", "Yara", "Zoë"]
LAST_NAMES = ["de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
              "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
              "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Schouten"]
JOB_TITLES = [("directeur", "director"), ("CEO", "CEO"), ("Chief Scientific Officer", None),
              ("hoogleraar", "professor"), ("onderzoeker", "researcher"),
              ("bestuursvoorzitter", "chair of the board"), ("Managing Director", "Managing Director"),
              ("hoofd onderzoek", "head of research")]
ROLES = [("coördinator", "coordinator"), ("kennispartner", "knowledge partner"),
         ("industriële partner", "industrial partner"), ("financier", "funder"),
         ("bijdrage aan de stoffenbibliotheek", None), ("centrale rol", "central role")]

# organisation kinds: (class, weight, nl noun, en noun)
ORG_KINDS = [
    ("BiotechCompany", 30, "biotechbedrijf", "biotech company"),
    ("PharmaceuticalCompany", 10, "farmaceutisch bedrijf", "pharmaceutical company"),
    ("ServiceProvider", 14, "dienstverlener", "service provider"),
    ("ContractManufacturer", 5, "contractproducent", "contract manufacturer"),
    ("Company", 12, "bedrijf", "company"),
    ("LogisticsCompany", 5, "logistiek bedrijf", "logistics company"),
    ("UniversityMedicalCentre", 1, "umc", "university medical centre"),
    ("University", 1.5, "universiteit", "university"),
    ("ResearchInstitute", 3, "onderzoeksinstituut", "research institute"),
    ("NonProfitOrganisation", 6, "stichting", "foundation"),
    ("TradeAssociation", 2, "brancheorganisatie", "trade association"),
    ("Fund", 3, "fonds", "fund"),
    ("SciencePark", 1.5, "science park", "science park"),
    ("Authority", 0.5, "autoriteit", "authority"),
    ("GovernmentBody", 1, "overheidsorgaan", "government body"),
]
HUB_KINDS = ["PharmaceuticalCompany", "UniversityMedicalCentre", "University", "PharmaceuticalCompany",
             "ResearchInstitute", "UniversityMedicalCentre", "BiotechCompany", "University",
             "ContractManufacturer", "PharmaceuticalCompany"]
COMPANY_KINDS = {"BiotechCompany", "PharmaceuticalCompany", "ServiceProvider", "ContractManufacturer",
                 "Company", "LogisticsCompany"}
SITE_KINDS = [("ProductionSite", 35, "productielocatie", "production site"),
              ("RnDCentre", 30, "onderzoekscentrum", "R&D centre"),
              ("DistributionCentre", 20, "distributiecentrum", "distribution centre"),
              ("ColdStore", 5, "koelhuis", "cold store"), ("Office", 10, "kantoor", "office")]
PARTNERSHIP_KINDS = [("Consortium", 35, "consortium", "consortium"),
                     ("PublicPrivatePartnership", 25, "publiek-private samenwerking",
                      "public-private partnership"),
                     ("Partnership", 25, "samenwerking", "partnership"),
                     ("MemorandumOfUnderstanding", 5, "intentieverklaring", "memorandum of understanding"),
                     ("Programme", 10, "programma", "programme")]
AREAS = [("oncology", "oncologie", "oncology"), ("infectious-diseases", "infectieziekten",
         "infectious diseases"), ("diabetes", "diabetes", "diabetes"),
         ("cardiovascular", "hart- en vaatziekten", "cardiovascular diseases"),
         ("neurodegenerative-diseases", "neurodegeneratieve ziekten", "neurodegenerative diseases"),
         ("rare-diseases", "zeldzame ziekten", "rare diseases"), ("immunology", "immunologie",
         "immunology"), ("vaccines", "vaccins", "vaccines"), ("gene-therapy", "gentherapie",
         "gene therapy"), ("cell-therapy", "celtherapie", "cell therapy"),
         ("antimicrobial-resistance", "antimicrobiële resistentie", "antimicrobial resistance"),
         ("respiratory", "luchtwegziekten", "respiratory diseases"),
         ("dermatology", "dermatologie", "dermatology"), ("haematology", "hematologie", "haematology")]
THEMES = [("digital-health", "digitale gezondheid", "digital health"),
          ("sustainability", "duurzaamheid", "sustainability"),
          ("talent", "talent en onderwijs", "talent and education"),
          ("access", "toegang tot geneesmiddelen", "access to medicines"),
          ("valorisation", "valorisatie", "valorisation"), ("data", "data delen", "data sharing")]
# (measure id, nl, en, unit id)
MEASURES = [("employees", "aantal medewerkers", "number of employees", "fte"),
            ("revenue", "omzet", "revenue", "eur"),
            ("rnd-spending", "uitgaven aan R&D", "R&D spending", "eur"),
            ("patients", "aantal patiënten", "number of patients", "persons")]
UNITS = [("eur", "euro", "euro", "EUR"), ("usd", "Amerikaanse dollar", "US dollar", "USD"),
         ("fte", "fte", "FTE", None), ("persons", "personen", "persons", None)]
# (id, language, nl title, en title, file, year, weight)
SOURCES = [
    ("boston-aan-de-noordzee", "nl", "Boston aan de Noordzee", "Boston by the North Sea",
     "001-boston-aan-de-noordzee.pdf", 2021, 40),
    ("boston-by-the-north-sea-web", "en", "Boston aan de Noordzee (website)",
     "Boston by the North Sea (website)", "000-boston-by-the-north-sea.html", 2022, 20),
    ("lsh-internationalisation-strategy", "en", "Internationaliseringsstrategie LSH",
     "LSH internationalisation strategy", "002-lsh-internationalisation-strategy.pdf", 2023, 15),
    ("nederland-als-medicijnhub", "nl", "Nederland als medicijnhub", "The Netherlands as a medicines hub",
     "003-nederland-als-medicijnhub.pdf", 2022, 15),
    ("geneesmiddelensector-in-cijfers", "nl", "De geneesmiddelensector in cijfers",
     "The medicines sector in figures", "004-geneesmiddelensector-in-cijfers.pdf", 2024, 10),
]
QUALIFIERS = ["about", "more-than", "at-least", "less-than", "up-to"]

# quote templates per fact: (nl, en); {s} the subject's name, {o} the object's
FACT_QUOTES: dict[str, tuple[str, str]] = {
    "locatedIn": ("{s} is gevestigd in {o}", "{s} is located in {o}"),
    "foundedYear": ("{s}, opgericht in {o}", "{s}, founded in {o}"),
    "startYear": ("{s} startte in {o}", "{s} started in {o}"),
    "therapeuticArea": ("{s} richt zich op {o}", "{s} focuses on {o}"),
    "subsidiaryOf": ("{s}, een dochterbedrijf van {o}", "{s}, a subsidiary of {o}"),
    "spunOffFrom": ("{s} is een spin-off van {o}", "{s} is a spin-off of {o}"),
    "hasSite": ("{s} heeft een vestiging in {o}", "{s} has a site in {o}"),
    "memberOf": ("{s} neemt deel aan {o}", "{s} takes part in {o}"),
    "coordinator": ("{o} coördineert {s}", "{o} coordinates {s}"),
    "fundedBy": ("{s} wordt gefinancierd door {o}", "{s} is funded by {o}"),
    "post": ("{s}, {o}", "{s}, {o}"),
    "aim": ("Met {s} willen we {o}", "With {s} we want to {o}"),
    "strength": ("{s} draagt bij aan {o}", "{s} contributes to {o}"),
}
# memberships in the core's partnerships per synthetic organisation (Zipf over the partnerships)
JOINS_PER_ORGANISATION = 0.6


def slug(text: str) -> str:
    """A lower-case id like the records' (`[a-z0-9]+(-[a-z0-9]+)*`)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("ë", "e").replace("ö", "o")).strip("-")


@dataclass
class _Thing:
    """One generated entity: its IRI, names and the record evidence of its labels and type."""

    id: str
    iri: URIRef
    nl: str
    en: str
    kind: str = ""
    city: int = 0
    real: bool = False  # an entity of the core: linked to, never described again


# --- the core a graph is grown around ---------------------------------------------------------

@dataclass(frozen=True)
class Anchors:
    """The entities of a core graph (the shipped one) that synthetic entities link to.

    Each list is ranked, most connected first, so that Zipf draws favour the core's hubs.
    """

    triples: int  # lines of the core
    ids: frozenset[str]  # every id of the base namespace the core uses: never minted again
    labels: dict[str, tuple[str, str]]  # id -> (nl, en) label
    cities: tuple[tuple[_Thing, float, float], ...]  # Dutch cities with latitude, longitude
    partnerships: tuple[_Thing, ...]
    parents: tuple[_Thing, ...]  # parent companies: those the core names first
    parks: tuple[_Thing, ...]
    universities: tuple[_Thing, ...]
    associations: tuple[_Thing, ...]
    funds: tuple[_Thing, ...]
    strengths: tuple[_Thing, ...]
    areas: tuple[_Thing, ...]


_PREFIXES = ("PREFIX lsh: <https://w3id.org/lsh-kg/ontology#>\n"
             "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
             "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")
# {base} is the base IRI; every query selects ?x first, in rank order
_ANCHOR_QUERIES = {
    "cities": """SELECT ?x ?lat ?lon (COUNT(?thing) AS ?n) WHERE {
        ?x a lsh:City ; lsh:locatedIn+ <{base}netherlands> ; lsh:latitude ?lat ; lsh:longitude ?lon .
        OPTIONAL { ?thing lsh:locatedIn ?x } } GROUP BY ?x ?lat ?lon ORDER BY DESC(?n) ?x""",
    # preferential attachment: the partnerships with the most members and mentions grow most
    "partnerships": """SELECT ?x ?members (COUNT(?mention) AS ?n) WHERE {
        { SELECT ?x (COUNT(DISTINCT ?member) AS ?members) WHERE { ?x a lsh:Partnership .
            OPTIONAL { { ?member lsh:memberOf ?x } UNION { ?x lsh:coordinator|lsh:initiatedBy ?member } }
          } GROUP BY ?x }
        OPTIONAL { ?mention ?p ?x } } GROUP BY ?x ?members ORDER BY DESC(?members) DESC(?n) ?x""",
    "parents": """SELECT ?x (COUNT(?child) AS ?n) WHERE { ?x a lsh:Company .
        { ?child lsh:subsidiaryOf ?x } UNION { ?x a lsh:PharmaceuticalCompany } }
        GROUP BY ?x ORDER BY DESC(?n) ?x""",
    "parks": "SELECT ?x WHERE { ?x a lsh:SciencePark } ORDER BY ?x",
    "universities": "SELECT ?x WHERE { { ?x a lsh:University } UNION { ?x a lsh:UniversityMedicalCentre } } "
                    "ORDER BY ?x",
    "associations": "SELECT ?x WHERE { ?x a lsh:TradeAssociation } ORDER BY ?x",
    "funds": "SELECT ?x WHERE { ?x a lsh:Fund } ORDER BY ?x",
    "strengths": "SELECT ?x WHERE { ?x a lsh:Strength ; skos:inScheme <{base}scheme-strengths> } ORDER BY ?x",
    "areas": "SELECT ?x WHERE { ?x a lsh:TherapeuticArea } ORDER BY ?x",
}


def read_anchors(core: Path, base_iri: str = DEFAULT_BASE_IRI) -> Anchors:
    """The anchors of an N-Triples core (read once per file version)."""
    stat = core.stat()
    return _read_anchors(str(core.resolve()), stat.st_mtime_ns, stat.st_size, base_iri)


@functools.lru_cache(maxsize=4)
def _read_anchors(path: str, _mtime_ns: int, _size: int, base_iri: str) -> Anchors:
    data = Path(path).read_bytes()
    store = ox.Store()
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    ids = frozenset(term.value[len(base_iri):] for quad in store for term in (quad.subject, quad.object)
                    if isinstance(term, ox.NamedNode) and term.value.startswith(base_iri))
    labels = _core_labels(store, base_iri)
    ranked = {name: _ranked(store, name, base_iri, labels) for name in _ANCHOR_QUERIES}
    cities = tuple((city, float(row[1].value), float(row[2].value)) for city, row in ranked.pop("cities"))
    lists = {name: tuple(thing for thing, _ in rows) for name, rows in ranked.items()}
    return Anchors(triples=_lines(data), ids=ids, labels=labels, cities=cities, **lists)


def _ranked(store: ox.Store, name: str, base_iri: str,
            labels: dict[str, tuple[str, str]]) -> list[tuple[_Thing, ox.QuerySolution]]:
    query = _PREFIXES + _ANCHOR_QUERIES[name].replace("{base}", base_iri)
    return [(_real_thing(row[0].value, base_iri, labels), row) for row in store.query(query)]


def _core_labels(store: ox.Store, base_iri: str) -> dict[str, tuple[str, str]]:
    """id -> (nl, en) rdfs:label, each language standing in for the other when missing."""
    found: dict[str, dict[str, str]] = {}
    for row in store.query(_PREFIXES + "SELECT ?x ?label WHERE { ?x rdfs:label ?label }"):
        if row[0].value.startswith(base_iri):
            found.setdefault(row[0].value[len(base_iri):], {})[row[1].language or ""] = row[1].value
    return {key: (names.get("nl") or names.get("en") or next(iter(names.values())),
                  names.get("en") or names.get("nl") or next(iter(names.values())))
            for key, names in found.items()}


def _real_thing(iri: str, base_iri: str, labels: dict[str, tuple[str, str]]) -> _Thing:
    local = iri[len(base_iri):] if iri.startswith(base_iri) else iri
    nl, en = labels.get(local, (local, local))
    return _Thing(local, URIRef(iri), nl, en, real=True)


def _lines(data: bytes) -> int:
    """Triples of an N-Triples text: its lines that are neither blank nor comments."""
    return sum(1 for line in data.splitlines() if line.strip() and not line.lstrip().startswith(b"#"))


@dataclass
class _Pools:
    """What organisations link to: ours (drawn before) and the core's, if any."""

    parks: list[_Thing]
    universities: list[_Thing]
    associations: list[_Thing]
    association_weights: list[float]
    parents: list[int]  # our hub companies, by index
    real_parents: tuple[_Thing, ...]
    real_parent_weights: list[float]


class _Ecosystem:
    """Draws the entities for `organisations` organisations and yields their assertions."""

    def __init__(self, organisations: int, seed: int, base_iri: str, anchors: Anchors | None = None) -> None:
        self.n = max(1, organisations)
        self.rng = random.Random(seed)
        self.base = base_iri
        self.anchors = anchors
        self._ids: set[str] = set(anchors.ids) if anchors else set()
        self.sources = [self._known(s[0], s[2], s[3]) for s in SOURCES]
        self._source_languages = [s[1] for s in SOURCES]
        self._source_weights = list(accumulate(s[6] for s in SOURCES))
        self.areas = list(self._real("areas")) or [self._known(f"area-{a}", nl, en) for a, nl, en in AREAS]
        self.themes = [self._known(f"theme-{t}", nl, en) for t, nl, en in THEMES]
        self.measures = [self._known(f"measure-{m}", nl, en, kind=u) for m, nl, en, u in MEASURES]
        self.units = {u: self._known(f"unit-{u}", nl, en, kind=code or "")
                      for u, nl, en, code in UNITS}
        self.netherlands = self._known("netherlands", "Nederland", "the Netherlands")
        self.provinces = [self._known(f"{slug(p)}-province", p, p) for p in PROVINCES]
        self.cities = self._draw_cities(_city_count(self.n))
        self.city_weights = _zipf(len(self.cities), 1.1)
        self.orgs = self._draw_organisations()
        self.org_weights = _zipf(len(self.orgs), 1.0)
        self.by_kind: dict[str, list[int]] = {}
        for index, org in enumerate(self.orgs):
            self.by_kind.setdefault(org.kind, []).append(index)

    # drawing ---------------------------------------------------------------------------------

    def _thing(self, wanted_id: str, nl: str, en: str, kind: str = "", city: int = 0) -> _Thing:
        record_id, suffix = wanted_id, 2
        while record_id in self._ids:  # ids are unique across the dataset, as in the records
            record_id, suffix = f"{wanted_id}-{suffix}", suffix + 1
        self._ids.add(record_id)
        return _Thing(record_id, URIRef(self.base + record_id), nl, en, kind, city)

    def _known(self, wanted_id: str, nl: str, en: str, kind: str = "") -> _Thing:
        """The core's entity of that id if it has one (with its own labels), else a new one."""
        if self.anchors and wanted_id in self.anchors.labels:
            real_nl, real_en = self.anchors.labels[wanted_id]
            return _Thing(wanted_id, URIRef(self.base + wanted_id), real_nl, real_en, kind, real=True)
        return self._thing(wanted_id, nl, en, kind)

    def _real(self, name: str) -> tuple[_Thing, ...]:
        """One of the core's ranked lists (Anchors.<name>); empty without a core."""
        return getattr(self.anchors, name) if self.anchors else ()

    def _draw_cities(self, count: int) -> list[tuple[_Thing, int, float, float]]:
        # the core's cities first (province -1: not ours to place), then ours where the core has
        # no city of that name or place, then invented ones
        cities = [(city, -1, lat, lon) for city, lat, lon in self._real("cities")][:count]
        places = {(lat, lon) for _, _, lat, lon in cities}
        for name, province, lat, lon in REAL_CITIES:
            if len(cities) >= count:
                break
            if slug(name) not in self._ids and (lat, lon) not in places:
                cities.append((self._thing(slug(name), name, name), province, lat, lon))
        names = {c[0].nl for c in cities}
        south, north, west, east = NL_BOX
        while len(cities) < count:
            name = (self.rng.choice(CITY_HEADS) + self.rng.choice(CITY_STEMS)
                    + self.rng.choice(CITY_TAILS)).replace("- ", "-")
            if name in names:
                continue
            names.add(name)
            cities.append((self._thing(slug(name), name, name), self.rng.randrange(len(PROVINCES)),
                           round(self.rng.uniform(south, north), 4),
                           round(self.rng.uniform(west, east), 4)))
        return cities

    def _pick_city(self) -> int:
        return _weighted(self.rng, self.city_weights)

    def _draw_organisations(self) -> list[_Thing]:
        kinds = [k[0] for k in ORG_KINDS]
        weights = list(accumulate(k[1] for k in ORG_KINDS))
        # no name of the core's either: "Universiteit Leiden" is the real one
        used = {nl for nl, _ in self.anchors.labels.values()} if self.anchors else set()
        orgs = []
        for index in range(self.n):
            if index == 0 and self.anchors is None:  # the sector's association: the top hub
                kind = "TradeAssociation"
            elif 0 < index <= len(HUB_KINDS):
                kind = HUB_KINDS[index - 1]
            else:
                kind = self.rng.choices(kinds, cum_weights=weights)[0]
            city = self._pick_city()
            nl, en = self._org_name(index, kind, self.cities[city][0].nl)
            while nl in used:
                nl, en = f"{nl} {self.rng.choice(SYLLABLES_A)}", f"{en} {self.rng.choice(SYLLABLES_A)}"
            used.add(nl)
            orgs.append(self._thing(slug(en), nl, en, kind, city))
        return orgs

    def _org_name(self, index: int, kind: str, city: str) -> tuple[str, str]:
        stem = self.rng.choice(SYLLABLES_A) + self.rng.choice(SYLLABLES_B)
        topic_nl, topic_en = self.rng.choice(TOPICS)
        if index == 0 and self.anchors is None:  # a core has the real one
            return "Vereniging Innovatieve Geneesmiddelen", "Association of Innovative Medicines"
        if kind in COMPANY_KINDS:
            name = f"{stem} {self.rng.choice(COMPANY_WORDS)}"
            return name, name
        return {
            "UniversityMedicalCentre": (f"Universitair Medisch Centrum {city}",
                                        f"{city} University Medical Centre"),
            "University": (f"Universiteit {city}", f"{city} University"),
            "ResearchInstitute": (f"{stem} Instituut voor {topic_nl}", f"{stem} Institute for {topic_en}"),
            "NonProfitOrganisation": (f"Stichting {stem}", f"{stem} Foundation"),
            "TradeAssociation": (f"Vereniging {topic_nl}", f"{topic_en} Association"),
            "Fund": (f"{stem} {topic_nl}fonds", f"{stem} {topic_en} Fund"),
            "SciencePark": (f"{stem} Science Park {city}", f"{stem} Science Park {city}"),
            "Authority": (f"Autoriteit {topic_nl}", f"{topic_en} Authority"),
            "GovernmentBody": (f"Gemeente {city}", f"Municipality of {city}"),
        }[kind]

    def _org(self) -> int:
        """An organisation drawn by its Zipf weight: the hubs come up again and again."""
        return _weighted(self.rng, self.org_weights)

    def _distinct_orgs(self, count: int, exclude: int = -1) -> list[int]:
        chosen: dict[int, None] = {}
        count = min(count, self.n - (exclude >= 0))
        while len(chosen) < count:
            index = self._org() if self.rng.random() < 0.8 else self.rng.randrange(self.n)
            if index != exclude:
                chosen[index] = None
        return list(chosen)

    # evidence ---------------------------------------------------------------------------------

    def _quote(self, template: tuple[str, str], **words: str | tuple[str, str]) -> Evidence:
        """A passage of a source drawn by weight, in its language; a word may be (nl, en)."""
        source = self.rng.choices(range(len(SOURCES)), cum_weights=self._source_weights)[0]
        language = self._source_languages[source]
        side = 0 if language == "nl" else 1
        text = template[side].format(**{key: word if isinstance(word, str) else word[side]
                                        for key, word in words.items()})
        return Evidence(SOURCES[source][0], " ".join(text.split()), language)

    def _record_evidence(self, name: str, nl_noun: str, en_noun: str, extra: str = "") -> tuple:
        first = self._quote((f"{name} is een {nl_noun}{extra}", f"{name} is a {en_noun}{extra}"))
        if self.rng.random() < 0.2:
            second = self._quote((f"Het {nl_noun} {name} groeit", f"The {en_noun} {name} is growing"))
            return tuple(dict.fromkeys((first, second)))
        return (first,)

    def _fact_evidence(self, record: tuple, key: str, subject: str, obj: str) -> tuple:
        """Like the records: mostly the record's own passage, else one of its own, else general."""
        draw = self.rng.random()
        if draw < 0.6:
            return record
        if draw < 0.9:
            return (self._quote(FACT_QUOTES.get(key, ("{s} en {o}", "{s} and {o}")), s=subject, o=obj),)
        return (GENERAL_KNOWLEDGE,)

    # records ----------------------------------------------------------------------------------

    def assertions(self) -> Iterator[tuple[str, Iterator[Assertion]]]:
        """(section, its assertions), in a fixed order."""
        yield "sources", self._sources()
        yield "concepts", self._concepts()
        yield "places", self._places()
        yield "organisations", self._organisations()
        yield "sites", self._sites()
        yield "partnerships", self._partnerships()
        if self.anchors:
            yield "memberships", self._joined()
        yield "deals", self._deals()
        yield "people", self._people()
        yield "observations", self._observations()

    def _head(self, thing: _Thing, type_name: str, evidence: tuple,
              languages: tuple[str, ...] = ("nl", "en")) -> Iterator[Assertion]:
        yield Assertion(thing.iri, RDF.type, LSH[type_name], evidence, ORIGIN)
        for language in languages:
            label = Literal(thing.nl if language == "nl" else thing.en, lang=language)
            yield Assertion(thing.iri, RDFS.label, label, evidence, ORIGIN)
            yield Assertion(thing.iri, SKOS.prefLabel, label, evidence, ORIGIN)

    def _sources(self) -> Iterator[Assertion]:
        publisher = self.orgs[0].iri
        for thing, (_, language, _, _, file_name, year, _) in zip(self.sources, SOURCES, strict=True):
            if thing.real:
                continue
            evidence = (GENERAL_KNOWLEDGE,)
            yield from self._head(thing, "SourceDocument", evidence)
            title = thing.nl if language == "nl" else thing.en
            yield Assertion(thing.iri, LSH.title, Literal(title, lang=language), evidence, ORIGIN)
            yield Assertion(thing.iri, LSH.language, Literal(language), evidence, ORIGIN)
            yield Assertion(thing.iri, LSH.fileName, Literal(file_name), evidence, ORIGIN)
            yield Assertion(thing.iri, LSH.publicationYear, _integer(year), evidence, ORIGIN)
            yield Assertion(thing.iri, LSH.publisher, publisher, evidence, ORIGIN)

    def _concepts(self) -> Iterator[Assertion]:
        general = (GENERAL_KNOWLEDGE,)
        schemes = {name: self._known(f"scheme-{name}", nl, en) for name, nl, en in (
            ("therapeutic-areas", "Therapeutische gebieden", "Therapeutic areas"),
            ("themes", "Thema's", "Themes"), ("measures", "Maten", "Measures"),
            ("units", "Eenheden", "Units"))}
        for scheme in schemes.values():
            if not scheme.real:
                yield from self._head(scheme, "ConceptScheme", general)
        groups = (("TherapeuticArea", self.areas, "therapeutic-areas"), ("Theme", self.themes, "themes"),
                  ("Measure", self.measures, "measures"), ("Unit", list(self.units.values()), "units"))
        for type_name, concepts, scheme in groups:
            for concept in concepts:
                if concept.real:
                    continue
                documented = type_name in ("TherapeuticArea", "Theme")
                evidence = (self._quote(("{s} is een belangrijk gebied", "{s} is a key area"),
                                        s=(concept.nl, concept.en)) if documented else GENERAL_KNOWLEDGE,)
                yield from self._head(concept, type_name, evidence)
                yield Assertion(concept.iri, LSH.inScheme, schemes[scheme].iri, evidence, ORIGIN)
                if type_name == "Unit" and concept.kind:
                    yield Assertion(concept.iri, LSH.currencyCode, Literal(concept.kind), general, ORIGIN)

    def _places(self) -> Iterator[Assertion]:
        general = (GENERAL_KNOWLEDGE,)
        if not self.netherlands.real:
            yield from self._head(self.netherlands, "Country", general)
        for province in self.provinces:
            if not province.real:
                yield from self._head(province, "Region", general)
                yield Assertion(province.iri, LSH.locatedIn, self.netherlands.iri, general, ORIGIN)
        for city, province, latitude, longitude in self.cities:
            if city.real:
                continue
            evidence = general if self.rng.random() < 0.5 else self._record_evidence(
                city.nl, "stad", "city")
            yield from self._head(city, "City", evidence)
            yield Assertion(city.iri, LSH.locatedIn, self.provinces[province].iri, general, ORIGIN)
            yield Assertion(city.iri, LSH.latitude, _decimal(latitude), general, ORIGIN)
            yield Assertion(city.iri, LSH.longitude, _decimal(longitude), general, ORIGIN)

    def _organisations(self) -> Iterator[Assertion]:
        nouns = {kind: (nl, en) for kind, _, nl, en in ORG_KINDS}
        pools = self._pools()
        rng = self.rng
        for index, org in enumerate(self.orgs):
            city = self.cities[org.city][0]
            nl_noun, en_noun = nouns[org.kind]
            record = self._record_evidence(org.nl, nl_noun, en_noun, f" uit {city.nl}")
            yield from self._head(org, org.kind, record)
            if rng.random() < 0.2:
                initials = "".join(word[0] for word in org.en.split() if word[0].isalpha()).upper()
                yield Assertion(org.iri, LSH.abbreviation, Literal(initials or org.en[:3].upper()),
                                record, ORIGIN)
            if org.kind in COMPANY_KINDS and rng.random() < 0.1:
                yield Assertion(org.iri, SKOS.altLabel, Literal(org.nl.split()[0], lang="nl"),
                                record, ORIGIN)
            yield self._fact(org, "locatedIn", city, record)
            yield from self._org_facts(org, record, pools)
            yield from self._org_relations(index, org, record, pools)
            if rng.random() < 0.15:
                text = f"{org.nl} ontwikkelt nieuwe behandelingen vanuit {city.nl}"
                yield Assertion(org.iri, LSH.description, Literal(text, lang="nl"), record, ORIGIN)

    def _pools(self) -> _Pools:
        def of_kinds(*kinds: str) -> list[_Thing]:
            return [self.orgs[i] for kind in kinds for i in self.by_kind.get(kind, [])]

        # the core's associations first: the real sector bodies are the hubs
        associations = [*self._real("associations"), *of_kinds("TradeAssociation")]
        parents = [i for i in range(min(self.n, max(10, self.n // 100)))
                   if self.orgs[i].kind in COMPANY_KINDS]
        real_parents = self._real("parents")
        return _Pools(parks=[*of_kinds("SciencePark"), *self._real("parks")],
                      universities=[*of_kinds("University", "UniversityMedicalCentre"),
                                    *self._real("universities")],
                      associations=associations, association_weights=_zipf(len(associations), 1.0),
                      parents=parents, real_parents=real_parents,
                      real_parent_weights=_zipf(len(real_parents), 1.0))

    def _org_facts(self, org: _Thing, record: tuple, pools: _Pools) -> Iterator[Assertion]:
        """Science park, country, founding year and therapeutic areas of one organisation."""
        rng = self.rng
        if pools.parks and org.kind != "SciencePark" and rng.random() < 0.15:
            yield self._fact(org, "locatedIn", rng.choice(pools.parks), record)
        yield Assertion(org.iri, LSH.country, self.netherlands.iri, (GENERAL_KNOWLEDGE,), ORIGIN)
        if rng.random() < 0.5:
            year = min(2025, int(2026 - rng.expovariate(1 / 25)))
            yield self._fact(org, "foundedYear", _integer(year), record)
        if org.kind in COMPANY_KINDS or org.kind == "UniversityMedicalCentre":
            for area in rng.sample(self.areas, rng.choice((0, 1, 1, 2, 3))):
                yield self._fact(org, "therapeuticArea", area, record)

    def _org_relations(self, index: int, org: _Thing, record: tuple, pools: _Pools) -> Iterator[Assertion]:
        """Parent company, spin-off origin and association of one organisation."""
        rng = self.rng
        if ((pools.parents or pools.real_parents) and index not in pools.parents
                and org.kind in COMPANY_KINDS and rng.random() < 0.08):
            yield self._fact(org, "subsidiaryOf", self._parent(pools), record)
        if pools.universities and org.kind == "BiotechCompany" and rng.random() < 0.1:
            yield self._fact(org, "spunOffFrom", rng.choice(pools.universities), record)
        if pools.associations and rng.random() < 0.15:
            association = pools.associations[_weighted(rng, pools.association_weights)]
            if association is not org:
                yield self._fact(org, "memberOf", association, record)

    def _parent(self, pools: _Pools) -> _Thing:
        """A hub company of ours, or one of the core's parent companies (half of the time)."""
        if pools.real_parents and (not pools.parents or self.rng.random() < 0.5):
            return pools.real_parents[_weighted(self.rng, pools.real_parent_weights)]
        return self.orgs[self.rng.choice(pools.parents)]

    def _fact(self, subject: _Thing, key: str, obj: _Thing | Literal, record: tuple) -> Assertion:
        """subject lsh:key obj with the evidence a record would give it."""
        value = obj.iri if isinstance(obj, _Thing) else obj
        name = obj.nl if isinstance(obj, _Thing) else str(obj)
        return Assertion(subject.iri, LSH[key], value, self._fact_evidence(record, key, subject.nl, name),
                         ORIGIN)

    def _sites(self) -> Iterator[Assertion]:
        kinds = [k for k, *_ in SITE_KINDS]
        weights = list(accumulate(k[1] for k in SITE_KINDS))
        nouns = {kind: (nl, en) for kind, _, nl, en in SITE_KINDS}
        rng = self.rng
        for _ in range(int(0.6 * self.n)):
            operator = self.orgs[self._org()]
            city_index = operator.city if rng.random() < 0.7 else self._pick_city()
            city = self.cities[city_index][0]
            kind = rng.choices(kinds, cum_weights=weights)[0]
            nl_noun, en_noun = nouns[kind]
            site = self._thing(f"{operator.id}-{city.id}-{slug(en_noun)}",
                               f"{operator.nl} {nl_noun} {city.nl}", f"{operator.en} {en_noun} {city.en}")
            record = self._record_evidence(site.nl, nl_noun, en_noun, f" in {city.nl}")
            yield from self._head(site, kind, record)
            yield self._fact(site, "locatedIn", city, record)
            yield self._fact(operator, "hasSite", site, record)
            if rng.random() < 0.3:
                yield self._fact(site, "startYear", _integer(rng.randint(1960, 2025)), record)

    def _partnerships(self) -> Iterator[Assertion]:
        kinds = [k for k, *_ in PARTNERSHIP_KINDS]
        weights = list(accumulate(k[1] for k in PARTNERSHIP_KINDS))
        nouns = {kind: (nl, en) for kind, _, nl, en in PARTNERSHIP_KINDS}
        funds = [*(self.orgs[i] for i in self.by_kind.get("Fund", [])), *self._real("funds")]
        rng = self.rng
        for _ in range(max(2, self.n // 12)):
            kind = rng.choices(kinds, cum_weights=weights)[0]
            nl_noun, en_noun = nouns[kind]
            topic_nl, topic_en = rng.choice(TOPICS)
            stem = rng.choice(SYLLABLES_A) + rng.choice(SYLLABLES_B)
            thing = self._thing(slug(f"{stem} {topic_en} {en_noun}"), f"{stem} {topic_nl} {nl_noun}",
                                f"{stem} {topic_en} {en_noun}")
            record = self._record_evidence(thing.nl, nl_noun, en_noun)
            yield from self._head(thing, kind, record)
            if rng.random() < 0.3:
                yield Assertion(thing.iri, LSH.abbreviation, Literal(stem.upper()[:4]), record, ORIGIN)
            if rng.random() < 0.7:
                yield self._fact(thing, "startYear", _integer(rng.randint(2000, 2025)), record)
            if rng.random() < 0.4:
                aim = Literal(f"een impuls geven aan {topic_nl.lower()}", lang="nl")
                yield self._fact(thing, "aim", aim, record)
            yield from self._partnership_topics(thing, record)
            if rng.random() < 0.5:
                yield self._fact(thing, "locatedIn", self.cities[self._pick_city()][0], record)
            size = min(500, 2 + 2 * int(rng.paretovariate(1.2)))
            members = self._distinct_orgs(size)
            yield self._fact(thing, "coordinator", self.orgs[members[0]], record)
            if funds and rng.random() < 0.3:
                yield self._fact(thing, "fundedBy", rng.choice(funds), record)
            for member_index in members:
                yield from self._member(thing, self.orgs[member_index], record)

    def _partnership_topics(self, thing: _Thing, record: tuple) -> Iterator[Assertion]:
        """A therapeutic area and, as the core links its initiatives, some of the core's strengths."""
        yield self._fact(thing, "therapeuticArea", self.rng.choice(self.areas), record)
        strengths = self._real("strengths")
        if strengths and self.rng.random() < 0.4:
            for strength in self.rng.sample(strengths, min(len(strengths), self.rng.choice((1, 1, 2)))):
                yield self._fact(thing, "strength", strength, record)

    def _joined(self) -> Iterator[Assertion]:
        """Our organisations join the core's partnerships: Zipf over the partnerships' ranks (the
        core's best connected get hundreds of members at 1M triples), Zipf over our organisations."""
        partnerships = self._real("partnerships")
        shares = [1 / (rank + 1) for rank in range(len(partnerships))]
        joins = JOINS_PER_ORGANISATION * self.n / max(sum(shares), 1e-9)
        for partnership, share in zip(partnerships, shares, strict=True):
            for index in self._distinct_orgs(max(1, round(joins * share))):
                member = self.orgs[index]
                # the partnership has no record of ours: the membership's own sentence is its record
                record = (self._quote(FACT_QUOTES["memberOf"], s=(member.nl, member.en),
                                      o=(partnership.nl, partnership.en)),)
                yield from self._member(partnership, member, record)

    def _member(self, partnership: _Thing, member: _Thing, record: tuple) -> Iterator[Assertion]:
        """As graph.records.convert does for `member`: memberOf, and a Membership node when a role is
        given."""
        evidence = self._fact_evidence(record, "memberOf", member.nl, partnership.nl)
        yield Assertion(member.iri, LSH.memberOf, partnership.iri, evidence, ORIGIN)
        if self.rng.random() >= 0.3:
            return
        node = URIRef(f"{self.base}membership/{partnership.id}/{member.id}")
        yield Assertion(node, RDF.type, LSH.Membership, evidence, ORIGIN)
        yield Assertion(node, ORG.member, member.iri, evidence, ORIGIN)
        yield Assertion(node, ORG.organization, partnership.iri, evidence, ORIGIN)
        role_nl, role_en = self.rng.choice(ROLES)
        yield Assertion(node, LSH.role, Literal(role_nl, lang="nl"), evidence, ORIGIN)
        if role_en and self.rng.random() < 0.5:
            yield Assertion(node, LSH.role, Literal(role_en, lang="en"), evidence, ORIGIN)

    def _deals(self) -> Iterator[Assertion]:
        funds = self.by_kind.get("Fund", [])
        acquired: set[tuple[int, int]] = set()
        rng = self.rng
        for _ in range(max(1, self.n // 6)):
            if self.n < 2:
                return
            kind = rng.choices(("Acquisition", "LicensingDeal", "Investment"), cum_weights=(35, 75, 100))[0]
            first = rng.choice(funds) if kind == "Investment" and funds else self._org()
            second = rng.randrange(self.n)
            while second == first:
                second = rng.randrange(self.n)
            one, other = self.orgs[first], self.orgs[second]
            year = rng.randint(1995, 2025)
            nl, en = {
                "Acquisition": (f"Overname van {other.nl} door {one.nl}",
                                f"Acquisition of {other.en} by {one.en}"),
                "LicensingDeal": (f"Deal tussen {one.nl} en {other.nl}", f"{one.en} and {other.en} deal"),
                "Investment": (f"Investering van {one.nl} in {other.nl}",
                               f"Investment of {one.en} in {other.en}"),
            }[kind]
            deal = self._thing(f"deal-{one.id}-{other.id}-{year}", nl, en)
            # one sentence says it all: every fact of a deal takes the record's evidence
            record = (self._quote((f"{nl} in {year}", f"{en} in {year}")),)
            yield from self._head(deal, kind, record)
            roles = {"Acquisition": ("acquirer", "target"), "LicensingDeal": ("licensee", "licensor"),
                     "Investment": ("investor", "investedIn")}[kind]
            yield Assertion(deal.iri, LSH[roles[0]], one.iri, record, ORIGIN)
            yield Assertion(deal.iri, LSH[roles[1]], other.iri, record, ORIGIN)
            if kind == "Investment":  # investedIn is no party: name the receiver as one
                yield Assertion(deal.iri, LSH.party, other.iri, record, ORIGIN)
            if kind == "Acquisition" and (first, second) not in acquired:
                acquired.add((first, second))
                yield Assertion(one.iri, LSH.acquired, other.iri, record, ORIGIN)
            yield Assertion(deal.iri, LSH.year, _integer(year), record, ORIGIN)
            if rng.random() < 0.4:
                yield Assertion(deal.iri, LSH.month, _integer(rng.randint(1, 12)), record, ORIGIN)
            if rng.random() < 0.6:
                amount = int(rng.lognormvariate(17, 1.5)) // 100_000 * 100_000 + 100_000
                yield Assertion(deal.iri, LSH.amount, _decimal(amount), record, ORIGIN)
                yield Assertion(deal.iri, LSH.currency, Literal(rng.choice(("EUR", "EUR", "USD"))),
                                record, ORIGIN)
                if rng.random() < 0.15:
                    yield Assertion(deal.iri, LSH.valueQualifier, Literal(rng.choice(QUALIFIERS)),
                                    record, ORIGIN)
            if rng.random() < 0.2:
                yield Assertion(deal.iri, LSH.description, Literal(f"{nl} in {year}", lang="nl"),
                                record, ORIGIN)

    def _people(self) -> Iterator[Assertion]:
        rng = self.rng
        for _ in range(self.n // 3):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            person = self._thing(slug(name), name, name)
            record = self._record_evidence(name, "persoon", "person")
            yield from self._head(person, "Person", record)
            org = self.orgs[self._org()]
            title_nl, title_en = rng.choice(JOB_TITLES)
            evidence = self._fact_evidence(record, "post", name, f"{title_nl} van {org.nl}")
            # as graph.records.convert does for `post`: a Post node, org:holds, org:postIn, jobTitle, worksFor
            node = URIRef(f"{self.base}post/{person.id}/{org.id}")
            yield Assertion(node, RDF.type, LSH.Post, evidence, ORIGIN)
            yield Assertion(person.iri, ORG.holds, node, evidence, ORIGIN)
            yield Assertion(node, ORG.postIn, org.iri, evidence, ORIGIN)
            yield Assertion(node, LSH.jobTitle, Literal(title_nl, lang="nl"), evidence, ORIGIN)
            if title_en and rng.random() < 0.5:
                yield Assertion(node, LSH.jobTitle, Literal(title_en, lang="en"), evidence, ORIGIN)
            yield Assertion(person.iri, LSH.worksFor, org.iri, evidence, ORIGIN)

    def _observations(self) -> Iterator[Assertion]:
        rng = self.rng
        for _ in range(self.n // 10):
            org = self.orgs[self._org()]
            measure = rng.choice(self.measures)
            year = rng.randint(2015, 2025)
            thing = self._thing(f"fig-{org.id}-{measure.id[len('measure-'):]}-{year}",
                                f"{measure.nl.capitalize()} van {org.nl} in {year}",
                                f"{measure.en.capitalize()} of {org.en} in {year}")
            value = round(rng.lognormvariate(5 if measure.kind in ("fte", "persons") else 16, 1.2))
            record = (self._quote((f"{thing.nl}: {value}", f"{thing.en}: {value}")),)
            yield from self._head(thing, "Observation", record)
            yield Assertion(thing.iri, LSH.measure, measure.iri, record, ORIGIN)
            yield Assertion(thing.iri, LSH.unit, self.units[measure.kind].iri, record, ORIGIN)
            yield Assertion(thing.iri, LSH.numericValue, _decimal(value), record, ORIGIN)
            yield Assertion(thing.iri, LSH.about, org.iri, record, ORIGIN)
            yield Assertion(thing.iri, LSH.refYear, _integer(year), record, ORIGIN)
            if rng.random() < 0.15:
                yield Assertion(thing.iri, LSH.valueQualifier, Literal(rng.choice(QUALIFIERS)),
                                record, ORIGIN)
            if rng.random() < 0.1:
                yield Assertion(thing.iri, LSH.citedSource, Literal(f"Jaarverslag {org.nl} {year}"),
                                record, ORIGIN)


def _zipf(count: int, exponent: float) -> list[float]:
    """Cumulative Zipf weights: rank r is drawn in proportion to 1 / r**exponent."""
    return list(accumulate(1 / (rank + 1) ** exponent for rank in range(count)))


def _weighted(rng: random.Random, cumulative: list[float]) -> int:
    return bisect.bisect(cumulative, rng.random() * cumulative[-1])


def _city_count(organisations: int) -> int:
    """Cities (the core's included) for that many organisations: one per ten, 12 to 400."""
    return min(400, max(12, organisations // 10))


def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def _decimal(value: float | int) -> Literal:
    # as graph.records.convert writes numbers: Decimal(int) or Decimal(repr(float))
    number = Decimal(value) if isinstance(value, int) else Decimal(repr(float(value)))
    return Literal(number, datatype=XSD.decimal)


# --- triples ---------------------------------------------------------------------------------

def ecosystem_assertions(organisations: int, seed: int = 1, base_iri: str = DEFAULT_BASE_IRI,
                         core: Path | None = None) -> Iterator[Assertion]:
    """Every asserted triple of the synthetic ecosystem, with its evidence (deterministic).

    With a core, only what is grown around it: none of the core's own assertions.
    """
    anchors = read_anchors(core, base_iri) if core else None
    for _, section in _Ecosystem(organisations, seed, base_iri, anchors).assertions():
        yield from section


def _entailments(vocabulary: Vocabulary) -> tuple[dict, dict]:
    # sorted, so the output order does not depend on the hash seed
    return ({c: tuple(sorted(s)) for c, s in vocabulary.superclasses.items() if s},
            {p: tuple(sorted(s)) for p, s in vocabulary.superproperties.items() if s})


def _with_entailed(triple: Triple, classes: dict, properties: dict) -> Iterator[Triple]:
    """The triple and what graph.records.entailment writes for it: super-class types, super-properties."""
    yield triple
    subject, predicate, obj = triple
    if predicate == RDF.type:
        for superclass in classes.get(obj, ()):
            yield subject, RDF.type, superclass
    for superproperty in properties.get(predicate, ()):
        yield subject, superproperty, obj


def _section_triples(entailments: tuple[dict, dict], base_iri: str,
                     assertions: Iterable[Assertion]) -> Iterator[Triple]:
    classes, properties = entailments
    for assertion in assertions:
        yield from _with_entailed((assertion.subject, assertion.predicate, assertion.object),
                                  classes, properties)
        for triple in evidence_triples(base_iri, assertion):
            yield from _with_entailed(triple, classes, properties)


def _ontology_triples(vocabulary: Vocabulary, entailments: tuple[dict, dict]) -> list[Triple]:
    classes, properties = entailments
    found = {entailed for triple in vocabulary.graph
             for entailed in _with_entailed(triple, classes, properties)}
    return sorted(found, key=lambda t: tuple(_term(x) for x in t))


def _sections(organisations: int, seed: int, base_iri: str, vocabulary: Vocabulary,
              anchors: Anchors | None = None) -> Iterator[tuple[str, Iterator[Triple]]]:
    entailments = _entailments(vocabulary)
    if anchors is None:  # a core has the ontology already
        yield "ontology", iter(_ontology_triples(vocabulary, entailments))
    for name, assertions in _Ecosystem(organisations, seed, base_iri, anchors).assertions():
        yield name, _section_triples(entailments, base_iri, assertions)


def ecosystem_triples(organisations: int, seed: int = 1, base_iri: str = DEFAULT_BASE_IRI,
                      vocabulary: Vocabulary | None = None, core: Path | None = None) -> Iterator[Triple]:
    """The whole dataset as `lshkg build` would write it: ontology, assertions, evidence, entailed.

    With a core, only what is grown around it: no ontology, no entity of the core described again,
    only new subjects, so no triple of the core comes again. No triple comes twice (the generator
    never draws the same fact twice).
    """
    anchors = read_anchors(core, base_iri) if core else None
    for _, triples in _sections(organisations, seed, base_iri, vocabulary or load_vocabulary(), anchors):
        yield from triples


# --- N-Triples ---------------------------------------------------------------------------------

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _term(term: Node) -> str:
    """One term in N-Triples (written here: rdflib's serializer is several times slower)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        lexical = str(term).translate(_ESCAPES)
        if term.language:
            return f'"{lexical}"@{term.language}'
        if term.datatype is None or term.datatype == XSD.string:
            return f'"{lexical}"'
        return f'"{lexical}"^^<{term.datatype}>'
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def write_ntriples(triples: Iterable[Triple], out: TextIO) -> int:
    """Write the triples as N-Triples lines; returns how many."""
    count, lines = 0, []
    for subject, predicate, obj in triples:
        lines.append(f"{_term(subject)} {_term(predicate)} {_term(obj)} .\n")
        if len(lines) == 20_000:
            out.write("".join(lines))
            count += len(lines)
            lines.clear()
    out.write("".join(lines))
    return count + len(lines)


def count_triples(organisations: int, seed: int = 1, base_iri: str = DEFAULT_BASE_IRI,
                  core: Path | None = None) -> dict[str, int]:
    """Triples per section (core, ontology, sources, ..., observations) without writing them."""
    anchors = read_anchors(core, base_iri) if core else None
    counts = {"core": anchors.triples} if anchors else {}
    counts.update({name: sum(1 for _ in triples)
                   for name, triples in _sections(organisations, seed, base_iri, load_vocabulary(), anchors)})
    return counts


def organisations_for(triples: int, seed: int = 1, core: Path | None = None) -> int:
    """The number of organisations whose graph (with its core, if any) has about `triples` triples.

    Counted once at 1,000 organisations: the fixed part (core, ontology, sources, concepts), the
    part per city of ours (cities grow with organisations up to 400, the core's first) and the rest
    per organisation.
    """
    probe = 1000
    counts = count_triples(probe, seed, core=core)
    fixed = sum(counts.get(name, 0) for name in ("core", "ontology", "sources", "concepts"))
    real_cities = len(read_anchors(core).cities) if core else 0

    def our_cities(n: int) -> int:
        return max(0, _city_count(n) - real_cities)

    per_city = counts["places"] / max(1, our_cities(probe))
    per_org = (sum(counts.values()) - fixed - counts["places"]) / probe

    def estimate(n: int) -> float:
        return fixed + per_city * our_cities(n) + per_org * n

    low, high = 1, 10
    while estimate(high) < triples:
        high *= 2
    while low < high:  # the smallest n that reaches the target
        middle = (low + high) // 2
        low, high = (middle + 1, high) if estimate(middle) < triples else (low, middle)
    return low


def generate(organisations: int, path: Path, seed: int = 1, base_iri: str = DEFAULT_BASE_IRI,
             core: Path | None = None) -> int:
    """Write the synthetic dataset to `path`; returns its number of triples.

    With a core (N-Triples, as `lshkg build` writes it): the core's lines first, byte for byte, then
    the graph grown around it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    written = _copy_core(core, path, base_iri) if core else 0
    with path.open("a" if core else "w", encoding="utf-8", newline="\n") as out:
        return written + write_ntriples(ecosystem_triples(organisations, seed, base_iri, core=core), out)


def _copy_core(core: Path, path: Path, base_iri: str) -> int:
    if path.resolve() == core.resolve():
        raise ValueError(f"{path} is the core itself: write the grown graph elsewhere")
    data = core.read_bytes()
    # a last line without its newline would run into our first
    path.write_bytes(data if data.endswith(b"\n") or not data else data + b"\n")
    return read_anchors(core, base_iri).triples


# --- check -----------------------------------------------------------------------------------

LINK_PROBE = 400  # organisations of the graph whose links to the core are counted


def check(organisations: int = 40, seed: int = 1, core: Path | None = None,
          report: Callable[[str], object] | None = None) -> list[str]:
    """Problems with two small generated graphs (empty: none): a standalone one and one grown
    around `core` (default: the records built into a temporary folder, as `lshkg build` does).

    Each must parse with pyoxigraph with no duplicate line, be exactly what the project's own
    build (`graph.records.build.assemble`: evidence and entailment) makes of the same assertions (plus the
    core's triples) and conform to ontology/shapes.ttl. On the grown one every gallery query must
    answer, and our organisations must link to the core's cities, partnerships, strengths, areas
    and parent companies. `report` gets a line per graph.
    """
    say = report or (lambda _: None)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        problems = _check_graph(organisations, seed, folder / "synthetic.nt", None, say)
        core = core or _build_core(folder / "shipped.nt")
        grown = folder / "grown.nt"
        problems += _check_graph(organisations, seed, grown, core, say)
        problems += _gallery_problems(grown, core, say)
        problems += _link_problems(seed, core, say)
    return problems


def _build_core(path: Path) -> Path:
    from graph import config
    from graph.records.build import ntriples
    from graph.store.dataset import build_dataset

    path.write_bytes(ntriples(build_dataset(config.records_dir(), config.setting("base_iri")).graph))
    return path


def _load(path: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    return store


def _check_graph(organisations: int, seed: int, path: Path, core: Path | None,
                 say: Callable[[str], object]) -> list[str]:
    """No duplicate, what graph.records.build.assemble makes of the assertions (and the core), conforms."""
    from rdflib import Graph

    from graph.records.build import assemble
    from graph.records.validate import validate_graph

    written = generate(organisations, path, seed, core=core)
    problems = []
    distinct = len(_load(path))
    if distinct != written:
        problems.append(f"{path.name}: {written} lines but {distinct} distinct triples (duplicates)")
    graph = Graph().parse(path, format="nt")
    ours = set(graph)
    expected = set(assemble(ecosystem_assertions(organisations, seed, core=core), load_vocabulary(),
                            DEFAULT_BASE_IRI).graph)
    if core:
        expected |= set(Graph().parse(core, format="nt"))
    if ours != expected:
        problems.append(f"{path.name}: differs from graph.records.build.assemble: "
                        f"{len(ours - expected)} extra, {len(expected - ours)} missing triples")
    violations = [f"{path.name}: {violation}" for violation in validate_graph(graph)]
    core_part = f" ({read_anchors(core).triples:,} of them the core's)" if core else ""
    say(f"{path.name}: {written:,} triples{core_part}, {organisations} organisations, "
        f"{len(violations)} shape violations")
    return problems + violations


def _answer_size(store: ox.Store, query: str) -> int:
    """Rows of a SELECT, triples of a CONSTRUCT, 1 for a true ASK."""
    result = store.query(query)
    return int(bool(result)) if isinstance(result, ox.QueryBoolean) else sum(1 for _ in result)


def _gallery_problems(grown: Path, core: Path, say: Callable[[str], object]) -> list[str]:
    """Every gallery query answers on the grown graph; how its answers grew over the core's."""
    from graph.store.gallery import load_gallery

    stores = _load(core), _load(grown)
    sizes = {example.id: tuple(_answer_size(store, example.query) for store in stores)
             for example in load_gallery()}
    empty = [query_id for query_id, (_, rows) in sizes.items() if rows == 0]
    grew = ", ".join(f"{query_id} {before}->{after}" for query_id, (before, after) in sizes.items()
                     if after != before)
    say(f"gallery on {grown.name}: {len(sizes) - len(empty)} of {len(sizes)} answer; rows grown over "
        f"the core's: {grew or 'none'}")
    return [f"{grown.name}: gallery query {query_id} answers nothing" for query_id in empty]


def _link_problems(seed: int, core: Path, say: Callable[[str], object]) -> list[str]:
    """Our organisations and partnerships link to each kind of the core's entities."""
    anchors = read_anchors(core)
    targets = {"memberOf": anchors.partnerships, "locatedIn": tuple(c for c, _, _ in anchors.cities),
               "strength": anchors.strengths, "therapeuticArea": anchors.areas,
               "subsidiaryOf": anchors.parents}
    wanted = {LSH[key]: (key, {thing.iri for thing in things}) for key, things in targets.items() if things}
    counts: Counter[str] = Counter()
    for assertion in ecosystem_assertions(LINK_PROBE, seed, core=core):
        key, iris = wanted.get(assertion.predicate, ("", set()))
        if assertion.object in iris:
            counts[key] += 1
    say(f"links to the core's entities with {LINK_PROBE} organisations: "
        + ", ".join(f"lsh:{key} {counts[key]}" for key, _ in wanted.values()))
    return [f"no lsh:{key} to the core's entities with {LINK_PROBE} organisations"
            for key, _ in wanted.values() if not counts[key]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synthetic", description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--organisations", type=int, help="number of organisations")
    size.add_argument("--triples", type=int, help="choose the number of organisations to reach "
                      "about this many triples")
    parser.add_argument("-o", "--output", type=Path, help="N-Triples file to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--core", type=Path, help="grow the graph around this N-Triples file (the "
                        "shipped graph, as `lshkg build` writes it): its lines first, then ours, "
                        "linked to its cities, partnerships, strengths and companies")
    parser.add_argument("--check", action="store_true", help="generate two small graphs, one grown "
                        "around --core (default: the records, built), and check they parse, match the "
                        "project's build, conform to the shapes and answer every gallery query")
    args = parser.parse_args(argv)
    if args.check:
        started = time.perf_counter()
        problems = check(seed=args.seed, core=args.core, report=print)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"check: {'FAILED' if problems else 'ok'} ({time.perf_counter() - started:.1f} s)")
        if problems or args.output is None:
            return 1 if problems else 0
    if args.output is None or (args.organisations is None and args.triples is None):
        parser.error("give --organisations or --triples, and -o FILE (or --check)")
    organisations = args.organisations or organisations_for(args.triples, args.seed, args.core)
    started = time.perf_counter()
    count = generate(organisations, args.output, args.seed, core=args.core)
    core = f" ({read_anchors(args.core).triples} of them the core's)" if args.core else ""
    print(f"{count} triples{core}, {organisations} organisations, {time.perf_counter() - started:.1f} s: "
          f"{args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
