"""Keystroke search over entity names: Dutch and English labels, other names and abbreviations.

Case- and accent-insensitive: whole names first, then name prefixes, then names whose words match
every word typed (exactly, as a prefix, inside, or with a typo, scored by rapidfuzz).
The index lives in memory, built once from the store: a SPARQL `CONTAINS` scan of every literal
is far too slow per keystroke on a large graph.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rapidfuzz import fuzz, process

from graph.store.backends import Store
from graph.store.patterns import (
    RDFS_LABEL,
    KindReader,
    language_of,
    members,
    objects_by_subject,
    pattern_reader,
    plain_row,
)
from ontology.namespaces import LSH

__all__ = ["Hit", "SearchIndex", "build_search_index", "kind_rows", "name_rows", "normalise"]

NAMES = f"""
PREFIX lsh: <{LSH}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?entity ?name ?lang ?how WHERE {{
  ?entity a lsh:Organisation .
  {{ ?entity rdfs:label ?name . BIND("label" AS ?how) }}
  UNION {{ ?entity skos:altLabel ?name . BIND("other name" AS ?how) }}
  UNION {{ ?entity lsh:abbreviation ?name . BIND("abbreviation" AS ?how) }}
  BIND(LANG(?name) AS ?lang)
}}"""
KINDS = f"""
PREFIX lsh: <{LSH}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity ?kind ?kindLabel WHERE {{
  ?entity a lsh:Organisation ; a ?kind . FILTER(STRSTARTS(STR(?kind), STR(lsh:)))
  FILTER NOT EXISTS {{ ?entity a ?narrower . ?narrower rdfs:subClassOf ?kind . FILTER(?narrower != ?kind) }}
  OPTIONAL {{ ?kind rdfs:label ?kindLabel FILTER(LANG(?kindLabel) = "en") }}
}}"""
# NAMES' three kinds of name, in the order of its UNION
NAME_PREDICATES = ((RDFS_LABEL, "label"),
                   (ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"), "other name"),
                   (ox.NamedNode(f"{LSH}abbreviation"), "abbreviation"))
# the kinds of thing that can be searched for (every root class that has named members)
SEARCHABLE = ("Organisation", "Initiative", "Place", "Site", "Person", "Deal", "SourceDocument",
              "TherapeuticArea", "Strength", "Theme")


def normalise(text: str) -> str:
    """Lower case, no accents, single spaces, dashes as hyphens.

    >>> normalise("  Radboud UMC \u2013 Coördinatie ")
    'radboud umc - coordinatie'
    """
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2013", "-").replace("\u2014", "-"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


@dataclass
class Entry:
    iri: str
    kind: str = ""
    kind_label: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    names: list[tuple[str, str]] = field(default_factory=list)  # (name as written, how)


@dataclass(frozen=True)
class Hit:
    """One search result: the entity, its kind, its label in the wanted language, what matched."""

    iri: str
    label: str
    kind: str
    kind_label: str
    matched: str
    how: str
    score: float

    def as_dict(self) -> dict:
        return {"iri": self.iri, "label": self.label, "kind": self.kind, "kindLabel": self.kind_label,
                "matched": self.matched, "how": self.how, "score": round(self.score, 1)}


class SearchIndex:
    """Every name of every searchable entity, normalised once."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = {entry.iri: entry for entry in entries}
        self._keys: list[str] = []
        self._key_words: list[list[str]] = []  # split once here, not on every keystroke
        self._owners: list[tuple[str, str, str]] = []  # (iri, name as written, how)
        postings: dict[str, set[int]] = {}
        for entry in self.entries.values():
            for name, how in entry.names:
                key = normalise(name)
                self._key_words.append(_words(key))
                for word in self._key_words[-1]:
                    postings.setdefault(word, set()).add(len(self._keys))
                self._keys.append(key)
                self._owners.append((entry.iri, name, how))
        # every distinct word of every name, and the names it is in: a keystroke scores only the names
        # with a word that can match each word typed, not every name
        self._vocabulary = list(postings)
        self._postings = [postings[word] for word in self._vocabulary]

    def __len__(self) -> int:
        return len(self.entries)

    def _score(self, query: str, words: list[str], key: str, key_words: list[str], how: str) -> float:
        """Exact name > name prefix > every query word matching a word (exactly, as its start, inside
        it, or with a typo) > nothing; shorter names first among equals."""
        coverage = len(query) / len(key)
        if key == query:
            return 100.0 + (2 if how == "abbreviation" else 1 if how == "label" else 0)
        if key.startswith(query):
            return 90.0 + 5 * coverage
        if not words:  # only punctuation or symbols typed: whole-name matches alone
            return 0.0
        total = 0.0
        for word in words:
            best = 0.0
            for candidate in key_words:
                if candidate == word:
                    best = 1.0
                    break
                if candidate.startswith(word):
                    best = max(best, 0.9)
                elif word in candidate:
                    best = max(best, 0.7)
                elif len(word) >= 4 and best < 0.6:
                    best = max(best, 0.6 * fuzz.ratio(word, candidate) / 100
                               if fuzz.ratio(word, candidate) >= 80 else 0.0)
            if best == 0.0:
                return 0.0
            total += best
        return 50.0 + 30 * total / len(words) + 5 * coverage

    def _candidates(self, words: list[str]) -> Iterable[int]:
        """The names that can score at all: for each word typed, a word of theirs contains it, or is
        within the typo distance `_score` allows (a name that starts with what was typed contains
        every word typed, so it is among them)."""
        if not words:
            return range(len(self._keys))
        found: set[int] | None = None
        for word in words:
            matched: set[int] = set()
            for index, candidate in enumerate(self._vocabulary):
                if word in candidate:
                    matched |= self._postings[index]
            if len(word) >= 4:
                for _, _, index in process.extract_iter(word, self._vocabulary, scorer=fuzz.ratio,
                                                        score_cutoff=80):
                    matched |= self._postings[index]
            found = matched if found is None else found & matched
            if not found:
                return ()
        return sorted(found or ())

    def search(self, text: str, *, language: str = "en", limit: int = 10,
               kinds: Iterable[str] = ()) -> list[Hit]:
        """The best `limit` entities for `text`, one hit per entity."""
        query = normalise(text)
        if not query:
            return []
        words = _words(query)
        wanted = set(kinds)
        best: dict[str, tuple[float, int]] = {}
        for index in self._candidates(words):
            key = self._keys[index]
            iri, _, how = self._owners[index]
            if wanted and self.entries[iri].kind not in wanted:
                continue
            score = self._score(query, words, key, self._key_words[index], how)
            if score and score > best.get(iri, (0.0, 0))[0]:
                best[iri] = (score, index)
        hits = []
        for iri, (score, index) in sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:limit]:
            entry = self.entries[iri]
            label = entry.labels.get(language) or next(iter(entry.labels.values()), self._owners[index][1])
            hits.append(Hit(iri, label, entry.kind, entry.kind_label, self._owners[index][1],
                            self._owners[index][2], score))
        return hits


def _words(text: str) -> list[str]:
    return [word for word in "".join(c if c.isalnum() else " " for c in text).split() if word]


def name_rows(store: Store, use_patterns: bool | None = None) -> Iterator[dict[str, str]]:
    """The rows of NAMES for each searchable root class in turn: by quad patterns from an embedded
    store (unless `use_patterns` is False), else by the query."""
    reader = pattern_reader(store, use_patterns)
    if reader is None:
        for root in SEARCHABLE:
            yield from store.select(NAMES.replace("lsh:Organisation", f"lsh:{root}"))
        return
    names = [(objects_by_subject(reader, predicate), how) for predicate, how in NAME_PREDICATES]
    for root in SEARCHABLE:
        for entity in members(reader, ox.NamedNode(f"{LSH}{root}")):
            for by_entity, how in names:  # an entity's names together, labels first, as the query
                for name in by_entity.get(entity, ()):
                    yield plain_row(entity=entity, name=name, lang=language_of(name), how=how)


def kind_rows(store: Store, use_patterns: bool | None = None) -> Iterator[dict[str, str]]:
    """The rows of KINDS for each searchable root class in turn: by quad patterns from an embedded
    store (unless `use_patterns` is False), else by the query."""
    reader = pattern_reader(store, use_patterns)
    if reader is None:
        for root in SEARCHABLE:  # per root class: the evidence nodes, most of a graph, are not read
            yield from store.select(KINDS.replace("lsh:Organisation", f"lsh:{root}"))
        return
    kinds = KindReader(reader, str(LSH))
    english: dict[ox.NamedNode, list] = {}  # each kind's English labels, looked up once
    for root in SEARCHABLE:
        for entity in members(reader, ox.NamedNode(f"{LSH}{root}")):
            for kind in kinds.kinds(entity):
                if kind not in english:
                    english[kind] = [quad.object for quad in reader.quads_matching(kind, RDFS_LABEL, None)
                                     if language_of(quad.object) == "en"]
                for label in english[kind] or (None,):  # OPTIONAL
                    yield plain_row(entity=entity, kind=kind, kindLabel=label)


def build_search_index(store: Store, *, use_patterns: bool | None = None) -> SearchIndex:
    """Read every searchable entity's names and most specific kind from the store: by quad patterns
    from an embedded store (unless `use_patterns` is False), by SPARQL from a remote one; the index
    is the same either way."""
    entries: dict[str, Entry] = {}
    for row in name_rows(store, use_patterns):
        entry = entries.setdefault(row["entity"], Entry(row["entity"]))
        if row["how"] == "label" and row.get("lang"):
            entry.labels.setdefault(row["lang"], row["name"])
        entry.names.append((row["name"], row["how"]))
    for row in kind_rows(store, use_patterns):
        entry = entries.get(row["entity"])
        if entry is not None and not entry.kind:
            entry.kind = row["kind"][len(str(LSH)):]
            entry.kind_label = row.get("kindLabel", entry.kind)
    return SearchIndex(entries.values())
