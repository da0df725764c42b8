"""Paths as sentences: how two entities are linked, told hop by hop in Dutch or English, each hop
with the document and the words that say so.

By default a path runs over links between actors only (membership, partnership, deal, site, post,
...). Hops through a shared attribute (a city, a country, a therapeutic area, a year) are taken
only when asked, and then told as what they are: "both ... are in Leiden", never as a link between
the two. Kinds of link can be left out (`exclude`). More than one path: the shortest first, then
paths through other intermediaries. The paths are found by the map's own search
(`graph.network.paths.find_paths`), so the map's path panel and `/paths` tell the same paths.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.network.details import evidence_items, term_labels
from graph.network.kinds import ACTOR_FAMILIES, ATTRIBUTE_PATH_AVOID, PATH_AVOID
from graph.network.model import MapModel
from graph.network.paths import MAX_PATHS, find_paths, link_kind

__all__ = ["MAX_PATHS", "Hop", "ToldPath", "evidence_words", "tell_path", "tell_paths", "told_as_data"]
WORDS = {
    "en": {"shared": "{a} and {b} both have “{relation}”: {attribute}", "says": "says", "general":
           "general knowledge"},
    "nl": {"shared": "{a} en {b} hebben allebei “{relation}”: {attribute}", "says": "zegt", "general":
           "algemene kennis"},
}


@dataclass
class Hop:
    """One step: the fact that links two nodes (in its own direction), or a shared attribute."""

    source: str
    target: str
    sentence: str
    predicate: str
    evidence: list[dict] = field(default_factory=list)
    shared_attribute: str | None = None  # the attribute both ends have, for a hop through one


@dataclass
class ToldPath:
    nodes: list[str]
    hops: list[Hop]

    @property
    def through_attribute(self) -> bool:
        return any(hop.shared_attribute for hop in self.hops)


def _link_sentence(model: MapModel, link: dict, lang: str) -> str:
    relation = link.get("labels") or term_labels(link["predicate"])
    verb = relation.get(lang) or relation.get("en") or next(iter(relation.values()), "")
    return f"{model.label(link['from'], lang)} {verb} {model.label(link['to'], lang)}"


def _hop(model: MapModel, a: str, b: str, lang: str, exclude: set[str], attribute: str | None) -> Hop:
    every = model.network.links_between(a, b)
    links = [link for link in every if link_kind(link["predicate"]) not in exclude] or every
    link = links[0]
    evidence = evidence_items(model, link.get("evidence", []))
    sentence = _link_sentence(model, link, lang)
    return Hop(a, b, sentence, link["predicate"], evidence, attribute)


def tell_path(model: MapModel, path: list[str], lang: str = "en", exclude: Iterable[str] = ()) -> ToldPath:
    """One path (IRIs) told hop by hop: a hop through a shared attribute as what both ends have."""
    exclude = set(exclude)
    hops: list[Hop] = []
    index = 0
    while index < len(path) - 1:
        a, b = path[index], path[index + 1]
        is_attribute = model.family[b].key not in ACTOR_FAMILIES and index + 2 < len(path)
        if is_attribute:  # a -> attribute <- c: the two share it, which links neither to the other
            c = path[index + 2]
            first, second = _hop(model, a, b, lang, exclude, b), _hop(model, c, b, lang, exclude, b)
            relation = term_labels(model.network.links_between(a, b)[0]["predicate"])
            told = WORDS[lang]["shared"].format(a=model.label(a, lang), b=model.label(c, lang),
                                                relation=relation.get(lang) or relation.get("en", ""),
                                                attribute=model.label(b, lang))
            hops.append(Hop(a, c, told, first.predicate, first.evidence + second.evidence, b))
            index += 2
        else:
            hops.append(_hop(model, a, b, lang, exclude, None))
            index += 1
    return ToldPath(list(path), hops)


def tell_paths(model: MapModel, source: str, target: str, *, lang: str = "en", attributes: bool = False,
               exclude: Iterable[str] = (), limit: int = 1) -> list[ToldPath]:
    """Up to `limit` paths from `source` to `target` (the map's own search: over links between actors,
    through shared attributes only when asked), each told hop by hop with its evidence."""
    excluded = set(exclude)
    paths = find_paths(model, source, target, avoid=ATTRIBUTE_PATH_AVOID if attributes else PATH_AVOID,
                       exclude=excluded, limit=max(1, min(limit, MAX_PATHS)))
    return [tell_path(model, path, lang, excluded) for path in paths]


def told_as_data(model: MapModel, paths: list[ToldPath]) -> list[dict]:
    """Told paths as plain data for the map's path panel: each hop's sentence, its evidence (quote,
    language, document) and, for a hop through a shared attribute, that attribute's id."""
    return [{"nodes": [model.short_id(n) for n in path.nodes], "through_attribute": path.through_attribute,
             "hops": [{"from": model.short_id(hop.source), "to": model.short_id(hop.target),
                       "sentence": hop.sentence, "predicate": link_kind(hop.predicate),
                       "shared": hop.shared_attribute and model.short_id(hop.shared_attribute),
                       "evidence": hop.evidence} for hop in path.hops]}
            for path in paths]


def evidence_words(hop: Hop, model: MapModel, lang: str) -> list[str]:
    """Each piece of a hop's evidence in words: “quote” (document), or general knowledge."""
    words = []
    for item in hop.evidence:
        if item.get("quote"):
            labels = item.get("source", {}).get("labels", {})
            name = labels.get(lang) or labels.get("en") or labels.get("nl") or item["source"]["id"]
            words.append(f"“{item['quote']}” ({name})")
        else:
            words.append(WORDS[lang]["general"])
    return words
