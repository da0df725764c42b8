"""Every quote of the shipped records occurs, verbatim, in the document it cites, cutting no word.

Documents are read with the one normalisation of graph.records.documents: whitespace runs count as
one space and a hyphen at a line end is kept ("farma- ceutische").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import config
from graph.records.build import BuiltDataset
from graph.records.documents import DocumentText
from ontology.namespaces import DEFAULT_BASE_IRI


@pytest.fixture(scope="module")
def documents(shipped: BuiltDataset) -> dict[str, DocumentText]:
    """Each source id's document text, normalised."""
    seeds = Path(config.setting("seeds_dir"))
    if not seeds.is_dir():
        pytest.skip(f"the source documents are not at {seeds} (set LSHKG_SEEDS_DIR)")
    texts = {}
    for assertion in shipped.assertions:
        if str(assertion.predicate).endswith("#fileName"):
            source_id = str(assertion.subject)[len(DEFAULT_BASE_IRI):]
            texts[source_id] = DocumentText.read(seeds / str(assertion.object))
    return texts


def test_every_source_document_is_on_disk(documents: dict[str, DocumentText]) -> None:
    assert len(documents) == 5
    assert all(len(document.text) > 1000 for document in documents.values())


def test_every_quote_occurs_in_its_document(shipped: BuiltDataset,
                                            documents: dict[str, DocumentText]) -> None:
    missing = sorted({
        f"{assertion.origin}: {evidence.source}: {evidence.quote!r}"
        for assertion in shipped.assertions
        for evidence in assertion.evidence
        if evidence.quote is not None and not documents[evidence.source].find(evidence.quote)
    })
    assert not missing, "quotes not found in their documents (or cutting a word):\n" + "\n".join(missing)


def test_a_quote_across_a_line_break_keeps_the_hyphen_and_never_stops_inside_the_word() -> None:
    document = DocumentText.from_text("om de dynamische en unieke farma-\nceutische kennisgemeenschap\n"
                                      "Hotspot Oss-\nNijmegen")
    assert document.find("unieke farma- ceutische kennisgemeenschap")
    assert document.find("Hotspot Oss- Nijmegen")
    for cut in ("unieke farma-", "unieke farma", "ceutische kennisgemeenschap",
                "unieke farmaceutische", "unieke farma-ceutische", "dynamische en uniek"):
        assert not document.find(cut), cut
