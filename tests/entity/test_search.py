"""Keystroke search finds entities by either language's name, abbreviation, typo or without accents."""

from __future__ import annotations

import pytest

from graph.entity.search import SearchIndex, build_search_index
from graph.store.backends import EmbeddedStore
from ontology.namespaces import DEFAULT_BASE_IRI


@pytest.fixture(scope="module")
def index(shipped_store: EmbeddedStore) -> SearchIndex:
    return build_search_index(shipped_store)


@pytest.mark.parametrize(("text", "expected"), [
    ("Europees Medicijn Agentschap", "ema"),        # Dutch label
    ("European Medicines Agency", "ema"),           # English label
    ("EMA", "ema"), ("ema", "ema"),                 # abbreviation, any case
    ("ELF", "european-lead-factory"), ("PGA", "pharma-gateway-amsterdam"),
    ("VGN", "vaccines-gateway-netherlands"), ("UMCG", "umc-groningen"), ("lumc", "lumc"),
    ("Lead Factori", "european-lead-factory"),      # misspelt
    ("radbod umc", "radboud-umc"),                  # misspelt
    ("Europese geneesmiddelenautoriteit", "ema"),   # another Dutch name
    ("piv", "pivot-park"),                          # prefix, as typed
    ("Leids Universitair Medisch Centrum", "lumc"), # full Dutch name (general knowledge)
    ("Academisch Medisch Centrum", "amc"),
])
def test_search_finds(index: SearchIndex, text: str, expected: str) -> None:
    hits = index.search(text, limit=5)
    assert hits, f"nothing for {text!r}"
    assert hits[0].iri == DEFAULT_BASE_IRI + expected, [h.label for h in hits]


def test_search_ignores_accents_both_ways(index: SearchIndex) -> None:
    with_accents = [h.iri for h in index.search("Coördinatie", limit=5)]
    without = [h.iri for h in index.search("Coordinatie", limit=5)]
    assert with_accents == without
    assert index.search("cooperatie")[:1] == index.search("coöperatie")[:1]


def test_hits_carry_kind_and_label_in_the_asked_language(index: SearchIndex) -> None:
    nl = index.search("EMA", language="nl", limit=1)[0]
    en = index.search("EMA", language="en", limit=1)[0]
    assert (nl.label, en.label) == ("Europees Medicijn Agentschap", "European Medicines Agency")
    assert nl.kind == "Regulator"
    umcs = index.search("umc", limit=20, kinds=["UniversityMedicalCentre"])
    assert {h.kind for h in umcs} == {"UniversityMedicalCentre"}
    assert {h.iri.rsplit("/", 1)[1] for h in umcs} == {
        "amsterdam-umc", "lumc", "maastricht-umc", "radboud-umc", "umc-groningen", "umc-utrecht", "vumc"}


def test_search_api_validates_its_parameters(shipped_store: EmbeddedStore) -> None:
    from webapp import create_app

    app = create_app({"LSHKG_STORE_DIR": str(shipped_store.path)})
    with app.test_client() as client:
        assert client.get("/api/search?q=EMA").json["hits"][0]["label"] == "European Medicines Agency"
        for bad in ("lang=fr", "limit=0", "limit=x", "q=" + "a" * 201):
            response = client.get("/api/search?" + bad)
            assert response.status_code == 400
            assert response.json["error"]


def test_regression_text_without_letters_or_digits_is_no_error(index: SearchIndex) -> None:
    """Regression: text that normalises to symbols only divided by zero (found by schemathesis)."""
    assert index.search("\U00088652\x1d") == []
    assert index.search("&&") == []
