"""Every quote of the shipped records occurs, verbatim, in the document it cites."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import config
from graph.records.build import BuiltDataset
from ontology.namespaces import DEFAULT_BASE_IRI


def collapse(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def documents(shipped: BuiltDataset) -> dict[str, str]:
    """Each source id's document text, whitespace collapsed."""
    seeds = Path(config.setting("seeds_dir"))
    if not seeds.is_dir():
        pytest.skip(f"the source documents are not at {seeds} (set LSHKG_SEEDS_DIR)")
    texts = {}
    for assertion in shipped.assertions:
        if str(assertion.predicate).endswith("#fileName"):
            source_id = str(assertion.subject)[len(DEFAULT_BASE_IRI):]
            texts[source_id] = collapse((seeds / str(assertion.object)).read_text("utf-8"))
    return texts


def test_every_source_document_is_on_disk(documents: dict[str, str]) -> None:
    assert len(documents) == 5
    assert all(len(text) > 1000 for text in documents.values())


def test_every_quote_occurs_in_its_document(shipped: BuiltDataset,
                                            documents: dict[str, str]) -> None:
    missing = sorted({
        f"{assertion.origin}: {evidence.source}: {evidence.quote!r}"
        for assertion in shipped.assertions
        for evidence in assertion.evidence
        if evidence.quote is not None and evidence.quote not in documents[evidence.source]
    })
    assert not missing, "quotes not found in their documents:\n" + "\n".join(missing)
