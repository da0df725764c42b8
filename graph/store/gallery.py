"""The example gallery: real questions answered from the documents, as SHACL SPARQL executables.

Read from `graph/store/gallery.yaml`; written into the dataset (the pattern of SIB's sparql-editor) so that
the editor, the tests and the docs all read the same examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, Namespace, URIRef
from ruamel.yaml import YAML

from graph.records.loader import Origin, RecordError
from graph.store.guard import QueryRefused, check_query
from ontology.namespaces import DEFAULT_BASE_IRI, RDF, RDFS, SCHEMA, preset_prefixes

__all__ = ["GALLERY_FILE", "Example", "gallery_triples", "load_gallery", "prefixed"]

SH = Namespace("http://www.w3.org/ns/shacl#")
GALLERY_FILE = Path(__file__).resolve().parent / "gallery.yaml"
_KINDS = {"SELECT": (SH.SPARQLSelectExecutable, SH.select),
          "ASK": (SH.SPARQLAskExecutable, SH.ask),
          "CONSTRUCT": (SH.SPARQLConstructExecutable, SH.construct),
          "DESCRIBE": (SH.SPARQLExecutable, SH.describe)}


@dataclass(frozen=True)
class Example:
    """One gallery question: titles and explanations in nl and en, the query, what it must answer."""

    id: str
    label: dict[str, str]
    comment: dict[str, str]
    query: str
    form: str
    expect: dict = field(default_factory=dict)


def prefixed(body: str, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """A query with the prefixes it uses declared in front, as the editor presets them."""
    declarations = "".join(f"PREFIX {prefix}: <{namespace}>\n"
                           for prefix, namespace in preset_prefixes(base_iri).items()
                           if re.search(rf"(?<![\w-]){prefix}:", body))
    return declarations + body


def load_gallery(path: Path = GALLERY_FILE, base_iri: str = DEFAULT_BASE_IRI) -> list[Example]:
    """Every example; a query that does not pass the guard is an error naming its line."""
    items = YAML(typ="rt").load(path.read_text(encoding="utf-8")) or []
    examples = []
    for item in items:
        origin = Origin(str(path.name), item.lc.line + 1, "query")
        text = prefixed(str(item["query"]).strip() + "\n", base_iri)
        try:
            form = check_query(text, max_bytes=1_000_000).form
        except QueryRefused as refused:
            raise RecordError(f"example {item['id']!r}: {refused}", origin) from None
        examples.append(Example(str(item["id"]), dict(item["label"]), dict(item["comment"]), text,
                                form, dict(item.get("expect") or {})))
    return examples


def gallery_triples(examples: list[Example], base_iri: str) -> Iterator[tuple]:
    """The examples as sh:SPARQLExecutable resources with labels and comments in both languages."""
    for position, example in enumerate(examples, start=1):
        node = URIRef(f"{base_iri}query/{example.id}")
        kind, text_property = _KINDS[example.form]
        yield node, RDF.type, SH.SPARQLExecutable
        yield node, RDF.type, kind
        for language, text in example.label.items():
            yield node, RDFS.label, Literal(text, lang=language)
        for language, text in example.comment.items():
            yield node, RDFS.comment, Literal(text, lang=language)
        yield node, text_property, Literal(example.query)
        yield node, SCHEMA.position, Literal(position)


def render_markdown(examples: list[Example]) -> str:
    """The gallery as a Markdown page (docs/gallery.md is this, generated)."""
    lines = ["# Example queries", "",
             "Real questions answered from the five documents. Generated from `graph/store/gallery.yaml` by",
             "`python -m graph.store.gallery`; the same examples are in the query editor and in the dataset",
             "(as `sh:SPARQLExecutable` resources) and are run by the tests.", ""]
    for example in examples:
        lines += [f"## {example.label['en']}", "", f"*{example.label['nl']}*", "",
                  example.comment["en"], "", "```sparql", example.query.rstrip(), "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render_markdown(load_gallery()), end="")
