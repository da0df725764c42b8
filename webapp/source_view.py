"""What a source document's page shows beyond its facts: the document described (title, publisher,
year, language, the text it was read from) and the statements it supports, grouped by passage and
paged, so that a long document's page stays light."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from flask_babel import gettext

from graph.entity.facts import EntityFacts
from graph.entity.indexes import labels_of
from graph.store.backends import Store
from ontology.namespaces import LSH
from webapp.entity_view import Links, pick

__all__ = ["PASSAGES_PER_PAGE", "document_text_path", "document_view", "supports_page"]

PASSAGES_PER_PAGE = 40
_SAFE_FILE_NAME = re.compile(r"\A[\w.-]+\.txt\Z")


def _values(entity: EntityFacts, local_name: str) -> list[Any]:
    predicate = str(LSH[local_name])
    return [fact for fact in entity.facts() if fact.direction == "out" and fact.predicate == predicate]


def document_text_path(entity: EntityFacts, seeds_dir: str) -> Path | None:
    """The document's text as it was read for the graph, when this deployment has it."""
    for fact in _values(entity, "fileName"):
        if _SAFE_FILE_NAME.match(fact.value):  # a plain file name inside the folder, nothing else
            path = Path(seeds_dir) / fact.value
            if path.is_file():
                return path
    return None


def document_view(entity: EntityFacts, links: Links, language: str, text_href: str | None) -> dict[str, Any]:
    """Title, publisher, year, language and where to read it, as text and links."""
    titles = {fact.language: fact.value for fact in _values(entity, "title")}
    publishers = [{"text": links.name(f.value, f.value_labels, language), "href": links.href(f.value)}
                  for f in _values(entity, "publisher") if f.is_iri]
    years = sorted({fact.value for fact in _values(entity, "publicationYear")})
    codes = [fact.value for fact in _values(entity, "language")]
    names = {"nl": gettext("Dutch"), "en": gettext("English")}
    return {"title": pick(titles, language) if titles else entity.label(language),
            "publishers": publishers, "years": years,
            "languages": [names.get(code, code) for code in codes],
            "text_href": text_href}


def _passages(rows: list[dict], store: Store, links: Links, language: str) -> list[dict]:
    """The statements grouped by quote (one passage often supports several), in subject order."""
    iris = {r["subject"] for r in rows} | {r["predicate"] for r in rows} | \
        {r["object"] for r in rows if r["object_is_iri"]}
    labels = labels_of(store, sorted(iris))
    quotes: dict[tuple[str, str], dict] = {}
    for row in rows:
        subject, obj, is_iri = row["subject"], row["object"], row["object_is_iri"]
        relation = pick(labels.get(row["predicate"], {}), language) or row["predicate"].rsplit("#", 1)[-1]
        passage = quotes.setdefault((row["quote"], row["quote_language"]), {
            "quote": row["quote"], "quote_language": row["quote_language"], "statements": []})
        passage["statements"].append({
            "subject": {"text": links.name(subject, labels.get(subject, {}), language),
                        "href": links.href(subject)},
            "relation": relation,
            "object": {"text": links.name(obj, labels.get(obj, {}), language) if is_iri else obj,
                       "href": links.href(obj) if is_iri else None,
                       "language": row["object_language"]}})
    return sorted(quotes.values(),
                  key=lambda each: (each["statements"][0]["subject"]["text"].casefold(), each["quote"]))


def supports_page(rows: list[dict], store: Store, links: Links, language: str, page: int) -> dict[str, Any]:
    """One page of the passages: {passages, page, pages, statements, total_passages, first}; a page
    past the last gives the last."""
    passages = _passages(rows, store, links, language)
    pages = max(1, math.ceil(len(passages) / PASSAGES_PER_PAGE))
    page = min(max(1, page), pages)
    start = (page - 1) * PASSAGES_PER_PAGE
    return {"passages": passages[start:start + PASSAGES_PER_PAGE], "page": page, "pages": pages,
            "statements": len(rows), "total_passages": len(passages), "first": start + 1}
