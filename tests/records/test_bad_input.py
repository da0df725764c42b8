"""Bad records stop the build with file, line and field, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.records.loader import RecordError
from graph.store.dataset import build_dataset
from ontology.namespaces import DEFAULT_BASE_IRI
from webapp.cli import main


def replace_in(path: Path, old: str, new: str) -> int:
    """Edit one place of a record file; returns the 1-based line of the edit."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


BAD_EDITS = [
    # (file, old text, new text, field, words the message must contain)
    ("organisations.yaml", "{ref: oss,", "{ref: osss,", "locatedIn", ["unknown id 'osss'", "'oss'"]),
    ("organisations.yaml", "- id: beta-bio", "- id: acme-pharma", "id",
     ["duplicate id 'acme-pharma'", "organisations.yaml:1"]),
    ("partnerships.yaml", 'quote: "Acme Pharma coördineert"', 'quote: ""', "coordinator",
     ["missing or empty quote"]),
    ("people.yaml", ', quote: "Jan Jansen, directeur van Acme Pharma"', "", "post",
     ["missing or empty quote"]),
    ("partnerships.yaml", "value: 2013,", "value: 20133,", "startYear", ["must be a year"]),
    ("partnerships.yaml", "value: 2013,", "value: '2013',", "startYear", ["whole number"]),
    ("deals.yaml", "year: 2016", "year: 16", "year", ["must be a year"]),
    ("deals.yaml", ", currency: USD}", "}", "amount", ["without currency"]),
    ("deals.yaml", "currency: USD", "currency: dollars", "amount", ["ISO 4217"]),
    ("organisations.yaml", "  locatedIn:", "  locatedAt:", "locatedAt",
     ["unknown field 'locatedAt'", "locatedIn"]),
    ("organisations.yaml", "type: BiotechCompany", "type: BioTechCompany", "type",
     ["unknown type 'BioTechCompany'", "BiotechCompany"]),
    ("figures.yaml", "qualifier: more-than", "qualifier: lots", "numericValue", ["qualifier 'lots'"]),
    ("places.yaml", "{source: doc-a, quote: \"fabrieken in Oss\"}",
     "{source: doc-b, quote: \"fabrieken in Oss\"}", "evidence", ["unknown source 'doc-b'"]),
]


@pytest.mark.parametrize(("file", "old", "new", "field", "words"), BAD_EDITS,
                         ids=[f"{edit[0]}:{edit[3]}:{edit[2][:20]}" for edit in BAD_EDITS])
def test_bad_record_is_rejected_with_file_line_and_field(
        tiny_records: Path, file: str, old: str, new: str, field: str, words: list[str]) -> None:
    line = replace_in(tiny_records / file, old, new)
    with pytest.raises(RecordError) as raised:
        build_dataset(tiny_records, DEFAULT_BASE_IRI)
    error = raised.value
    assert error.origin.file.endswith(file)
    assert error.origin.line == line
    assert error.origin.field == field
    for word in words:
        assert word in str(error)


def test_malformed_yaml_names_file_line_and_column(tiny_records: Path) -> None:
    line = replace_in(tiny_records / "organisations.yaml", "label: {en: Beta Bio}",
                      "label: {en: Beta Bio")
    with pytest.raises(RecordError) as raised:
        build_dataset(tiny_records, DEFAULT_BASE_IRI)
    assert "malformed YAML" in str(raised.value)
    assert raised.value.origin.file.endswith("organisations.yaml")
    assert line <= raised.value.origin.line <= line + 1
    assert raised.value.origin.column is not None


def test_duplicate_key_in_a_record_is_malformed(tiny_records: Path) -> None:
    replace_in(tiny_records / "deals.yaml", "  year: 2016", "  year: 2016\n  year: 2017")
    with pytest.raises(RecordError, match="malformed YAML"):
        build_dataset(tiny_records, DEFAULT_BASE_IRI)


def test_failed_build_writes_nothing_and_keeps_the_previous_dataset(
        tiny_records: Path, data_dir: Path, runner: CliRunner) -> None:
    first = runner.invoke(main, ["build", "--records", str(tiny_records)])
    assert first.exit_code == 0, first.output
    dataset = data_dir / "lsh-kg.nt"
    before = dataset.read_bytes()
    store_files = sorted(p.name for p in (data_dir / "store").iterdir())
    derived = {p.name: p.read_bytes() for p in (data_dir / "derived").iterdir()}

    replace_in(tiny_records / "deals.yaml", ", currency: USD}", "}")
    replace_in(tiny_records / "organisations.yaml", "Acme Pharma maakt", "Acme Pharma Maakt")
    failed = runner.invoke(main, ["build", "--records", str(tiny_records)])

    assert failed.exit_code == 1
    assert "deals.yaml:" in failed.output and "without currency" in failed.output
    assert dataset.read_bytes() == before
    assert sorted(p.name for p in (data_dir / "store").iterdir()) == store_files
    # the store is a link to its generation folder (swapped by rename); the lock serialises imports
    assert sorted(p.name for p in data_dir.iterdir()) == sorted(
        [".import.lock", "derived", "lsh-kg.nt", "store", (data_dir / "store").resolve().name])
    assert {p.name: p.read_bytes() for p in (data_dir / "derived").iterdir()} == derived


def test_nonconforming_dataset_is_reported_with_record_line_and_not_written(
        tiny_records: Path, data_dir: Path, runner: CliRunner) -> None:
    # A city without coordinates converts, but violates the shapes.
    path = tiny_records / "places.yaml"
    line = replace_in(path, "  latitude: {value: 51.7650, general: true}\n", "")
    result = runner.invoke(main, ["build", "--records", str(tiny_records)])
    assert result.exit_code == 1
    assert "coordinates" in result.output
    assert f"places.yaml:{line - 4}" in result.output  # the record of the city
    assert not data_dir.exists() or not (data_dir / "lsh-kg.nt").exists()


def test_a_triple_without_evidence_is_a_violation_naming_its_record() -> None:
    from rdflib import URIRef

    from graph.records.validate import validate_graph
    from ontology.namespaces import LSH, RDF
    from tests.conftest import TINY_RECORDS

    built = build_dataset(TINY_RECORDS, DEFAULT_BASE_IRI)
    subject = URIRef(DEFAULT_BASE_IRI + "beta-bio")
    for node in list(built.graph.subjects(RDF.subject, subject)):
        if built.graph.value(node, RDF.predicate) == LSH.subsidiaryOf:
            built.graph.remove((node, None, None))
    violations = validate_graph(built.graph, built)
    assert [v.path for v in violations] == ["lsh:subsidiaryOf"]
    assert "asserted without evidence" in violations[0].message
    assert violations[0].origin is not None and violations[0].origin.file.endswith("organisations.yaml")
