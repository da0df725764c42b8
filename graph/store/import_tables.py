"""A CSV table read as RDF through a small mapping: which column is the id, the label, the kind,
and which columns link to other entities.

    id: id                     # column of the entity's id (a slug, or a full IRI)
    label: name                # column of its name
    language: en               # the label's language (nl or en; default en)
    kind: type                 # column naming its lsh: class ... or `type: Company` for all rows
    links: {city: locatedIn}   # column -> lsh: property; the cell is an id (or IRI) to link to
    values: {founded: foundedYear}   # column -> lsh: property with a literal value

Every triple remembers its row and column, so a shape's complaint is told where the cell is.
"""

from __future__ import annotations

import csv
import io
import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from graph.store.import_problems import ImportProblem, ImportRefused, ReadImport
from ontology.namespaces import LSH, RDF, RDFS

__all__ = ["read_csv"]

SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _entity(value: str, base_iri: str) -> URIRef | None:
    value = value.strip()
    if value.startswith(("http://", "https://")):
        return URIRef(value)
    return URIRef(base_iri + value) if SLUG.fullmatch(value) else None


def _literal(value: str) -> Literal:
    """A whole number as xsd:integer (years are integers in our data), a decimal as xsd:decimal."""
    value = value.strip()
    if re.fullmatch(r"-?\d+", value):
        return Literal(int(value), datatype=XSD.integer)
    if re.fullmatch(r"-?\d+\.\d+", value):
        return Literal(value, datatype=XSD.decimal)
    return Literal(value)


def read_csv(file: str, data: bytes, mapping: dict, base_iri: str) -> ReadImport:
    """The rows of a CSV file as entities; every bad cell is reported, with its row and column."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused([ImportProblem(file, f"not UTF-8 text: {error.reason}")]) from None
    reader = csv.DictReader(io.StringIO(text))
    columns = reader.fieldnames or []
    named = [mapping.get("id"), mapping.get("label"), mapping.get("kind"),
             *(mapping.get("links") or {}), *(mapping.get("values") or {})]
    missing = [str(name) for name in named if name and name not in columns]
    if missing:
        raise ImportRefused([ImportProblem(file, f"the mapping names columns the file lacks: "
                                                 f"{', '.join(missing)}", 1)])
    read = ReadImport(file, Graph(), text=text)
    problems: list[ImportProblem] = []
    language = str(mapping.get("language", "en"))
    for row_number, row in enumerate(reader, 2):  # row 1 is the header
        subject = _entity(row.get(mapping["id"]) or "", base_iri)
        if subject is None:
            problems.append(ImportProblem(file, "not an id (a slug or an http(s) IRI)", row_number,
                                          mapping["id"]))
            continue
        read.positions[(subject, None)] = (row_number, mapping["id"])

        def add(predicate: URIRef, value: object, column: str, subject: URIRef = subject,
                row_number: int = row_number) -> None:
            read.graph.add((subject, predicate, value))  # type: ignore[arg-type]
            read.positions[(subject, predicate)] = (row_number, column)

        if mapping.get("label") and row.get(mapping["label"], "").strip():
            add(RDFS.label, Literal(row[mapping["label"]].strip(), lang=language), mapping["label"])
        kind = row.get(mapping["kind"], "").strip() if mapping.get("kind") else mapping.get("type")
        if kind:
            add(RDF.type, LSH[str(kind)], mapping.get("kind") or "type")
        for column, prop in (mapping.get("links") or {}).items():
            cell = (row.get(column) or "").strip()
            if not cell:
                continue
            target = _entity(cell, base_iri)
            if target is None:
                problems.append(ImportProblem(file, f"not an id to link to: {cell!r}", row_number, column))
            else:
                add(LSH[str(prop)], target, column)
        for column, prop in (mapping.get("values") or {}).items():
            cell = (row.get(column) or "").strip()
            if cell:
                add(LSH[str(prop)], _literal(cell), column)
    if problems:
        raise ImportRefused(problems)
    return read
