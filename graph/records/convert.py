"""Turn curated records into assertions: triples, each with its evidence and the place it is written."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from graph.records.assertions import GENERAL_KNOWLEDGE, Assertion, Evidence
from graph.records.loader import Origin, Record, RecordError, position
from ontology.namespaces import LSH, ORG, RDF, RDFS, SKOS, XSD
from ontology.vocabulary import Vocabulary

__all__ = ["GENERAL_KNOWLEDGE", "Assertion", "Evidence", "convert_records"]

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
CURRENCY_PATTERN = re.compile(r"^[A-Z]{3}$")
QUALIFIERS = ("about", "more-than", "at-least", "less-than", "up-to")
HEAD_KEYS = ("id", "type", "label", "altLabel", "evidence")
EVIDENCE_KEYS = ("source", "quote", "evidence", "general", "reference")
SOURCE_CLASS = "SourceDocument"


@dataclass(frozen=True)
class _Context:
    vocabulary: Vocabulary
    base_iri: str
    types: dict[str, str]
    source_languages: dict[str, str]

    def iri(self, record_id: str) -> URIRef:
        return URIRef(self.base_iri + record_id)


def is_year_property(local_name: str) -> bool:
    """Year properties hold a calendar year as an integer (startYear, refYearEnd, year, ...)."""
    return local_name == "year" or local_name.endswith(("Year", "YearEnd"))


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=3)
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""


def _text(value: Any, origin: Origin, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RecordError(f"{what} must be a non-empty text", origin)
    return value.strip()


def _type_name(node: Any) -> str:
    """A record's class: `type: Acquisition`, or `type: {value: Acquisition, general: true}` when the
    type has evidence of its own (the documents name the thing but not its kind)."""
    return str(node.get("value") if isinstance(node, CommentedMap) else node)


def _index(records: list[Record]) -> tuple[dict[str, str], dict[str, str]]:
    """First pass: every id with its type (unique across files), and each source's language."""
    types: dict[str, str] = {}
    seen: dict[str, Origin] = {}
    languages: dict[str, str] = {}
    for record in records:
        fields = record.fields
        if "id" not in fields:
            raise RecordError("record has no 'id'", record.origin())
        record_id = fields["id"]
        if not isinstance(record_id, str) or not ID_PATTERN.match(record_id):
            raise RecordError(f"id {record_id!r} is not a lower-case slug (a-z, 0-9, '-')",
                              record.origin("id"))
        if record_id in seen:
            raise RecordError(f"duplicate id {record_id!r}, first defined at {seen[record_id]}",
                              record.origin("id"))
        seen[record_id] = record.origin("id")
        if "type" not in fields:
            raise RecordError("record has no 'type'", record.origin())
        types[record_id] = _type_name(fields["type"])
        if types[record_id] == SOURCE_CLASS:
            language = fields.get("language")
            if isinstance(language, CommentedMap):
                language = language.get("value")
            languages[record_id] = _text(language, record.origin("language"), "a source's language")
    return types, languages


def convert_records(records: Iterable[Record], vocabulary: Vocabulary,
                    base_iri: str) -> Iterator[Assertion]:
    """All assertions of all records; raises RecordError at the first bad field."""
    records = list(records)
    types, languages = _index(records)
    context = _Context(vocabulary, base_iri, types, languages)
    for record in records:
        yield from _RecordConverter(record, context).assertions()


class _RecordConverter:
    """Converts one record; knows its subject, its file and its own evidence."""

    def __init__(self, record: Record, context: _Context) -> None:
        self.record = record
        self.context = context
        self.file = record.file
        self.subject = context.iri(record.id)
        self.record_evidence: tuple[Evidence, ...] = ()

    def assertions(self) -> Iterator[Assertion]:
        fields = self.record.fields
        type_name = _type_name(fields["type"])
        if not self.context.vocabulary.is_class(type_name):
            raise RecordError(
                f"unknown type {type_name!r}"
                + _suggest(type_name, self.context.vocabulary.local_names("class")),
                self.record.origin("type"))
        if "evidence" not in fields:
            raise RecordError("record has no 'evidence' (source and quote, or general: true)",
                              self.record.origin())
        self.record_evidence = self._evidence_list(fields["evidence"], fields, "evidence",
                                                   "evidence")
        type_evidence = self.record_evidence
        if isinstance(fields["type"], CommentedMap):
            type_evidence = self._fact_evidence(fields["type"], fields, "type", "type")
        yield self._assert(RDF.type, LSH[type_name], type_evidence, self.record.origin("type"))
        yield from self._labels(fields)
        for key in fields:
            if key in HEAD_KEYS:
                continue
            yield from self._field(str(key), fields[key])

    # evidence -------------------------------------------------------------------------------

    def _evidence_list(self, node: Any, parent: Any, key: Any,
                       field: str) -> tuple[Evidence, ...]:
        origin = position(parent, self.file, key, field)
        if not isinstance(node, CommentedSeq) or not node:
            raise RecordError("'evidence' must be a non-empty list of {source, quote} "
                              "or {general: true}", origin)
        return tuple(self._one_evidence(item, node, index, field)
                     for index, item in enumerate(node))

    def _one_evidence(self, node: Any, parent: Any, key: Any, field: str) -> Evidence:
        """One passage; errors name the fact's field (or 'evidence' for the record's own)."""
        origin = position(parent, self.file, key, field)
        if not isinstance(node, CommentedMap):
            raise RecordError("evidence must be a mapping {source, quote} or {general: true}",
                              origin)
        if node.get("general") is True:
            if "source" in node or "quote" in node:
                raise RecordError("general knowledge has no source or quote", origin)
            return GENERAL_KNOWLEDGE
        if "source" not in node:
            raise RecordError("evidence without 'source' (or general: true)", origin)
        source = node["source"]
        if self.context.types.get(source) != SOURCE_CLASS:
            raise RecordError(
                f"unknown source {source!r}"
                + _suggest(str(source), self.context.source_languages),
                position(node, self.file, "source", field))
        quote_origin = position(node, self.file, "quote" if "quote" in node else None, field)
        if "quote" not in node or node["quote"] is None or not str(node["quote"]).strip():
            raise RecordError(f"missing or empty quote for source {source!r}", quote_origin)
        if not isinstance(node["quote"], str):
            raise RecordError("a quote must be text", quote_origin)
        reference = node.get("reference", False)
        if not isinstance(reference, bool):
            raise RecordError("'reference' is true (the quote is a reference, such as an address in "
                              "a list of links) or left out", position(node, self.file, "reference", field))
        quote = " ".join(node["quote"].split())
        return Evidence(source, quote, self.context.source_languages[source], reference)

    def _fact_evidence(self, fact: Any, parent: Any, key: Any,
                       field: str) -> tuple[Evidence, ...]:
        """A fact's own evidence, or the record's when it has none."""
        if not isinstance(fact, CommentedMap):
            return self.record_evidence
        if "evidence" in fact:
            return self._evidence_list(fact["evidence"], fact, "evidence", field)
        if any(key in fact for key in ("source", "quote", "general", "reference")):
            return (self._one_evidence(fact, parent, key, field),)
        return self.record_evidence

    # head -----------------------------------------------------------------------------------

    def _labels(self, fields: CommentedMap) -> Iterator[Assertion]:
        label = fields.get("label")
        origin = self.record.origin("label")
        if not isinstance(label, CommentedMap) or not label:
            raise RecordError("'label' must be a mapping of language to text, e.g. {nl: ..., en: ...}",
                              origin)
        for language, text in self._language_texts(label, "label"):
            for predicate in (RDFS.label, SKOS.prefLabel):
                yield self._assert(predicate, Literal(text, lang=language), self.record_evidence,
                                   position(label, self.file, language, "label"))
        alternatives = fields.get("altLabel")
        if alternatives is None:
            return
        if not isinstance(alternatives, CommentedMap):
            raise RecordError("'altLabel' must be a mapping of language to a list of texts",
                              self.record.origin("altLabel"))
        for language in alternatives:
            texts = alternatives[language]
            texts = texts if isinstance(texts, CommentedSeq) else [texts]
            for index, text in enumerate(texts):
                where = position(alternatives, self.file, language, "altLabel")
                evidence = self.record_evidence
                if isinstance(text, CommentedMap):  # a name with evidence of its own
                    if "value" not in text:
                        raise RecordError("an alternative label with its own evidence is "
                                          "{value: ..., source: ..., quote: ...} or "
                                          "{value: ..., general: true}", where)
                    evidence = self._fact_evidence(text, texts, index, "altLabel")
                    text = text["value"]
                yield self._assert(SKOS.altLabel,
                                   Literal(_text(text, where, "an alternative label"),
                                           lang=self._language(language, where)),
                                   evidence, where)

    def _language(self, language: Any, origin: Origin) -> str:
        if not isinstance(language, str) or not LANGUAGE_PATTERN.match(language):
            raise RecordError(f"{language!r} is not a language tag such as 'nl' or 'en'", origin)
        return language

    def _language_texts(self, mapping: CommentedMap, field: str) -> Iterator[tuple[str, str]]:
        for language in mapping:
            where = position(mapping, self.file, language, field)
            yield self._language(language, where), _text(mapping[language], where, field)

    # fields ---------------------------------------------------------------------------------

    def _field(self, key: str, node: Any) -> Iterator[Assertion]:
        special = {"member": self._member, "post": self._post, "amount": self._amount}
        vocabulary = self.context.vocabulary
        if key not in special and vocabulary.property_kind(key) is None:
            choices = (vocabulary.local_names("object") + vocabulary.local_names("datatype")
                       + list(special))
            raise RecordError(f"unknown field {key!r}: not a property of ontology/lsh.ttl"
                              + _suggest(key, choices), self.record.origin(key))
        items = node if isinstance(node, CommentedSeq) else [node]
        parent = node if isinstance(node, CommentedSeq) else self.record.fields
        for index, item in enumerate(items):
            place = index if isinstance(node, CommentedSeq) else key
            origin = position(parent, self.file, place, key)
            if key in special:
                if not isinstance(item, CommentedMap):
                    raise RecordError(f"each '{key}' entry must be a mapping", origin)
                yield from special[key](item, parent, place, origin)
            else:
                yield from self._property(key, item, parent, place, origin)

    def _property(self, key: str, item: Any, parent: Any, place: Any,
                  origin: Origin) -> Iterator[Assertion]:
        kind = self.context.vocabulary.property_kind(key)
        value_key = "ref" if kind == "object" else "value"
        if isinstance(item, CommentedMap):
            allowed = (value_key, "qualifier", *EVIDENCE_KEYS)
            for name in item:
                if name not in allowed:
                    raise RecordError(
                        f"unexpected key {name!r} in a {key!r} fact (allowed: {', '.join(allowed)})",
                        position(item, self.file, name, key))
            if value_key not in item:
                raise RecordError(f"a {key!r} fact needs '{value_key}'", origin)
            value, value_origin = item[value_key], position(item, self.file, value_key, key)
        else:
            value, value_origin = item, origin
        evidence = self._fact_evidence(item, parent, place, key)
        predicate = LSH[key]
        if kind == "object":
            objects = [self._ref(value, value_origin)]
        else:
            objects = list(self._literals(key, value, value_origin))
        for obj in objects:
            yield self._assert(predicate, obj, evidence, origin)
        if isinstance(item, CommentedMap) and "qualifier" in item:
            yield self._qualifier(item, evidence, key)

    def _qualifier(self, item: CommentedMap, evidence: tuple[Evidence, ...],
                   field: str) -> Assertion:
        origin = position(item, self.file, "qualifier", field)
        if item["qualifier"] not in QUALIFIERS:
            raise RecordError(f"qualifier {item['qualifier']!r} is not one of "
                              f"{', '.join(QUALIFIERS)}", origin)
        return self._assert(LSH.valueQualifier, Literal(item["qualifier"]), evidence, origin)

    def _ref(self, value: Any, origin: Origin) -> URIRef:
        if not isinstance(value, str) or value not in self.context.types:
            raise RecordError(f"unknown id {value!r}" + _suggest(str(value), self.context.types),
                              origin)
        return self.context.iri(value)

    def _literals(self, key: str, value: Any, origin: Origin) -> Iterator[Literal]:
        datatype = self.context.vocabulary.datatype_ranges[LSH[key]]
        if datatype == RDF.langString:
            if not isinstance(value, CommentedMap) or not value:
                raise RecordError(f"{key!r} is a text with a language: write {{nl: ..., en: ...}}",
                                  origin)
            for language, text in self._language_texts(value, key):
                yield Literal(text, lang=language)
        elif datatype == XSD.integer:
            yield Literal(self._integer(key, value, origin), datatype=XSD.integer)
        elif datatype == XSD.decimal:
            yield Literal(self._decimal(key, value, origin), datatype=XSD.decimal)
        else:
            if not isinstance(value, str | int) or isinstance(value, bool):
                raise RecordError(f"{key!r} must be a text", origin)
            text = _text(str(value), origin, key)
            # xsd:string is written as a plain literal, as RDF 1.1 engines normalise it
            yield Literal(text) if datatype == XSD.string else Literal(text, datatype=datatype)

    @staticmethod
    def _integer(key: str, value: Any, origin: Origin) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise RecordError(f"{key!r} must be a whole number, not {value!r}", origin)
        if is_year_property(key) and not 1500 <= value <= 2100:
            raise RecordError(f"{key!r} must be a year (1500-2100), not {value!r}", origin)
        if key == "month" and not 1 <= value <= 12:
            raise RecordError(f"'month' must be 1-12, not {value!r}", origin)
        return int(value)

    @staticmethod
    def _decimal(key: str, value: Any, origin: Origin) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise RecordError(f"{key!r} must be a number, not {value!r}", origin)
        return Decimal(int(value)) if isinstance(value, int) else Decimal(repr(float(value)))

    # special fields -------------------------------------------------------------------------

    def _member(self, item: CommentedMap, parent: Any, place: Any,
                origin: Origin) -> Iterator[Assertion]:
        if "ref" not in item:
            raise RecordError("a 'member' entry needs 'ref' (the member's id)", origin)
        member = self._ref(item["ref"], position(item, self.file, "ref", "member"))
        evidence = self._fact_evidence(item, parent, place, "member")
        yield Assertion(member, LSH.memberOf, self.subject, evidence, origin)
        if "role" not in item:
            return
        role = item["role"]
        role_origin = position(item, self.file, "role", "member")
        if not isinstance(role, CommentedMap) or not role:
            raise RecordError("a member's 'role' is a text with a language: {nl: ...}", role_origin)
        node = URIRef(f"{self.context.base_iri}membership/{self.record.id}/{item['ref']}")
        yield Assertion(node, RDF.type, LSH.Membership, evidence, origin)
        yield Assertion(node, ORG.member, member, evidence, origin)
        yield Assertion(node, ORG.organization, self.subject, evidence, origin)
        for language, text in self._language_texts(role, "member"):
            yield Assertion(node, LSH.role, Literal(text, lang=language), evidence, role_origin)

    def _post(self, item: CommentedMap, parent: Any, place: Any,
              origin: Origin) -> Iterator[Assertion]:
        for required in ("title", "in"):
            if required not in item:
                raise RecordError(f"a 'post' entry needs '{required}'", origin)
        organisation = self._ref(item["in"], position(item, self.file, "in", "post"))
        title = item["title"]
        title_origin = position(item, self.file, "title", "post")
        if not isinstance(title, CommentedMap) or not title:
            raise RecordError("a post's 'title' is a text with a language: {nl: ...}", title_origin)
        evidence = self._fact_evidence(item, parent, place, "post")
        node = URIRef(f"{self.context.base_iri}post/{self.record.id}/{item['in']}")
        yield Assertion(node, RDF.type, LSH.Post, evidence, origin)
        yield self._assert(ORG.holds, node, evidence, origin)
        yield Assertion(node, ORG.postIn, organisation, evidence, origin)
        for language, text in self._language_texts(title, "post"):
            yield Assertion(node, LSH.jobTitle, Literal(text, lang=language), evidence, title_origin)
        yield self._assert(LSH.worksFor, organisation, evidence, origin)

    def _amount(self, item: CommentedMap, parent: Any, place: Any,
                origin: Origin) -> Iterator[Assertion]:
        if "value" not in item:
            raise RecordError("an 'amount' needs 'value'", origin)
        currency_origin = position(item, self.file, "currency", "amount")
        if "currency" not in item:
            raise RecordError("an amount without currency: add currency: EUR (or USD, ...)",
                              origin)
        if not isinstance(item["currency"], str) or not CURRENCY_PATTERN.match(item["currency"]):
            raise RecordError(f"currency {item['currency']!r} is not an ISO 4217 code like EUR",
                              currency_origin)
        evidence = self._fact_evidence(item, parent, place, "amount")
        value = self._decimal("amount", item["value"], position(item, self.file, "value", "amount"))
        yield self._assert(LSH.amount, Literal(value, datatype=XSD.decimal), evidence, origin)
        yield self._assert(LSH.currency, Literal(item["currency"]), evidence, currency_origin)
        if "qualifier" in item:
            yield self._qualifier(item, evidence, "amount")

    def _assert(self, predicate: URIRef, obj: Node, evidence: tuple[Evidence, ...],
                origin: Origin) -> Assertion:
        return Assertion(self.subject, predicate, obj, evidence, origin)
