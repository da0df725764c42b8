"""Every gallery example runs on the shipped graph and gives its expected answer."""

from __future__ import annotations

import json

import pytest

from graph.config import PROJECT_ROOT
from graph.records.build import BuiltDataset
from graph.store.backends import EmbeddedStore
from graph.store.gallery import SH, Example, load_gallery, render_markdown
from ontology.namespaces import DEFAULT_BASE_IRI, RDF, RDFS, preset_prefixes

EXAMPLES = load_gallery()
PRESETS = preset_prefixes(DEFAULT_BASE_IRI)


def expand(value: str) -> str:
    """`lshid:x` or `lsh:X` in an expectation stands for the full IRI."""
    prefix, _, rest = value.partition(":")
    return PRESETS[prefix] + rest if prefix in PRESETS and rest and " " not in value else value


def test_the_gallery_has_at_least_fifteen_examples_in_both_languages() -> None:
    assert len(EXAMPLES) >= 15
    assert len({example.id for example in EXAMPLES}) == len(EXAMPLES)
    for example in EXAMPLES:
        assert set(example.label) == {"nl", "en"} == set(example.comment), example.id
        assert example.expect, f"{example.id} has nothing to check"


def test_the_gallery_is_in_the_dataset(shipped: BuiltDataset) -> None:
    executables = set(shipped.graph.subjects(RDF.type, SH.SPARQLExecutable))
    assert len(executables) == len(EXAMPLES)
    for node in executables:
        assert {label.language for label in shipped.graph.objects(node, RDFS.label)} == {"nl", "en"}


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.id for example in EXAMPLES])
def test_example_gives_its_expected_answer(shipped_store: EmbeddedStore, example: Example) -> None:
    expect = example.expect
    if example.form == "ASK":
        answer = shipped_store.answer(example.query, "json", max_rows=100_000, timeout_s=30)
        assert json.loads(answer.body)["boolean"] is expect["ask"]
        return
    if example.form in ("CONSTRUCT", "DESCRIBE"):
        answer = shipped_store.answer(example.query, "nt", max_rows=100_000, timeout_s=30)
        assert answer.count >= expect["min_rows"]
        return
    rows = shipped_store.select(example.query)
    assert len(rows) >= expect.get("min_rows", 1), f"{len(rows)} rows"
    for wanted in expect.get("contains", []):
        wanted = {name: expand(str(value)) for name, value in wanted.items()}
        assert any(all(row.get(name) == value for name, value in wanted.items()) for row in rows), \
            f"no row has {wanted}; first rows: {rows[:3]}"


def test_the_gallery_docs_are_generated_from_the_gallery() -> None:
    page = (PROJECT_ROOT / "docs" / "gallery.md").read_text(encoding="utf-8")
    assert page == render_markdown(EXAMPLES), "run: python -m graph.store.gallery > docs/gallery.md"
