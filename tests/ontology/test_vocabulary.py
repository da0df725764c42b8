"""The ontology defines every term in both languages; the docs list every setting."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Literal

from graph.config import PROJECT_ROOT, SETTINGS
from ontology.namespaces import LSH, OWL, RDF, RDFS, SKOS
from ontology.vocabulary import load_vocabulary


def test_every_term_has_labels_and_definitions_in_dutch_and_english() -> None:
    graph = load_vocabulary().graph
    missing = []
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in graph.subjects(RDF.type, kind):
            if not str(term).startswith(str(LSH)):
                continue
            for predicate in (RDFS.label, SKOS.definition):
                languages = {o.language for o in graph.objects(term, predicate)
                             if isinstance(o, Literal)}
                missing += [f"{term} {predicate} @{lang}" for lang in ("nl", "en")
                            if lang not in languages]
    assert not missing, missing


def test_record_keys_of_the_data_model_are_ontology_properties() -> None:
    vocabulary = load_vocabulary()
    model = (PROJECT_ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    table_keys = set(re.findall(r"^\| `(\w+)`", model, flags=re.MULTILINE))
    properties = set(vocabulary.local_names("object") + vocabulary.local_names("datatype"))
    classes = set(vocabulary.local_names("class"))
    unknown = {key for key in table_keys if key not in properties | classes}
    # `Company`-style rows are classes; the rest must be properties
    assert not unknown, unknown


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (Path(PROJECT_ROOT) / "README.md").read_text(encoding="utf-8")
    for item in SETTINGS:
        assert f"`{item.env_var}`" in readme, item.env_var


def test_the_ontology_docs_are_generated_from_the_ontology() -> None:
    from ontology.docs import render_ontology

    page = (PROJECT_ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    assert page == render_ontology(), "run: python -m ontology.docs > docs/ontology.md"
