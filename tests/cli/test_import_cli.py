"""`lshkg import`: every format lands in a named graph of its own, found by SPARQL and on an entity
page; bad files are refused with their line (or row and column), focus node, path and message, all
at once, and nothing is written; --list and --remove; one import at a time."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli.imports import import_command
from graph.store.imports import import_lock, list_imports
from ontology.namespaces import DEFAULT_BASE_IRI as ID
from tests.conftest import make_app
from tests.store.import_files import FORMATS, LSH, write
from webapp.app_store import close_store

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def run(*args: str):
    return CliRunner().invoke(import_command, list(args), catch_exceptions=False)


def ask(data_dir: Path, query: str):
    result = ox.Store.read_only(str(data_dir / "store")).query(query)
    return bool(result) if isinstance(result, ox.QueryBoolean) else list(result)


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_is_found_by_sparql_in_its_own_graph_and_on_its_entity_page(
        fmt: str, import_data_dir: Path, tmp_path: Path) -> None:
    slug = f"imported-{fmt}-co"
    path = write(tmp_path, fmt, slug)
    result = run(str(path), "--graph", f"from-{fmt}")
    assert result.exit_code == 0, result.output
    graph = f"{ID}import/from-{fmt}"
    rows = ask(import_data_dir, f"SELECT ?city WHERE {{ GRAPH <{graph}> {{ <{ID}{slug}> "
                                f"<https://w3id.org/lsh-kg/ontology#locatedIn> ?city }} }}")
    assert [row["city"].value for row in rows] == [f"{ID}leiden"]
    # the default graph, which the app reads, has it too, with evidence
    assert ask(import_data_dir, f"ASK {{ ?e <{RDF}subject> <{ID}{slug}> ; <{LSH}basis> ?basis }}")
    app = make_app(str(import_data_dir / "store"))
    try:
        page = app.test_client().get(f"/id/{slug}")
        assert page.status_code == 200
        assert f"Imported {slug}" in page.get_data(as_text=True)
    finally:
        close_store(app)


def test_a_fact_without_a_source_is_supplied_by_the_importer(import_data_dir: Path, tmp_path: Path) -> None:
    assert run(str(write(tmp_path, "ttl", "plain-co")), "--graph", "plain").exit_code == 0
    rows = ask(import_data_dir, f"""SELECT ?basis ?source WHERE {{ ?e <{RDF}subject> <{ID}plain-co> ;
        <{RDF}predicate> <{LSH}locatedIn> ; <{LSH}basis> ?basis ;
        <http://www.w3.org/ns/prov#wasDerivedFrom> ?source }}""")
    assert [(r["basis"].value, r["source"].value) for r in rows] == [
        ("https://w3id.org/lsh-kg/ontology#SuppliedByImporter", f"{ID}import/plain")]


def test_the_list_gives_name_file_checksum_time_and_triples(import_data_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "ttl", "listed-co")
    assert run(str(path), "--graph", "listed").exit_code == 0
    listed = run("--list")
    assert listed.exit_code == 0
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    name, file, checksum, time, _who, triples = listed.output.strip().split("\t")
    assert (name, file, checksum) == ("listed", "listed-co.ttl", f"sha256:{digest}")
    assert time.startswith("20") and int(triples.split()[0]) > 3


def test_wrong_syntax_is_told_at_its_line(import_data_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix lsh: <https://w3id.org/lsh-kg/ontology#> .\n\n<http://x/a> lsh:p <http://x/b> ;\n"
                   "    lsh:q .\n", encoding="utf-8")
    before = (import_data_dir / "store").resolve()
    result = run(str(bad))
    assert result.exit_code == 1
    assert "broken.ttl:4: not valid turtle" in result.output
    assert (import_data_dir / "store").resolve() == before and list_imports(before, ID) == []


def test_shape_violations_are_all_told_with_focus_path_and_message(import_data_dir: Path,
                                                                   tmp_path: Path) -> None:
    bad = tmp_path / "shapes.ttl"
    bad.write_text(
        f"@prefix lsh: <{LSH}> .\n@prefix lshid: <{ID}> .\n\n"
        "lshid:no-label a lsh:BiotechCompany ;\n"
        "    lsh:foundedYear 1200 ;\n"
        '    lsh:locatedIn "Leiden" .\n', encoding="utf-8")
    good = write(tmp_path, "ttl", "good-co")
    result = run(str(good), str(bad))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith("shapes.ttl:4:") and "no-label> rdfs:label: needs a label" in line
               for line in lines), result.output
    # the nested shape's own words, not pySHACL's "does not conform to Shape"
    year = 'lsh:foundedYear: a year is an xsd:integer between 1500 and 2100 (value "1200"^^xsd:integer)'
    assert any(line.startswith("shapes.ttl:5:") and year in line for line in lines), result.output
    # a literal where an IRI (a place) must be
    assert any(line.startswith("shapes.ttl:6:") and "lsh:locatedIn: lsh:locatedIn points at a place" in line
               for line in lines), result.output
    assert "nothing was imported" in result.output
    assert list_imports(import_data_dir / "store", ID) == []  # the good file was not imported either


def test_a_csv_cell_is_told_by_row_and_column(import_data_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "csv", "csv-co")
    path.write_text("id,name,type,city,founded\ncsv-co,CSV Co,BiotechCompany,leiden,2001\n"
                    "csv-co-2,CSV Co 2,BiotechCompany,leiden,999\n", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 1
    assert "csv-co.csv: row 3, column founded: <https://w3id.org/lsh-kg/id/csv-co-2> lsh:foundedYear" \
        in result.output


def test_removal_removes_exactly_that_imports_triples(import_data_dir: Path, tmp_path: Path) -> None:
    def everything() -> set[str]:
        return {str(quad) for quad in ox.Store.read_only(str(import_data_dir / "store"))}

    shipped = everything()
    assert run(str(write(tmp_path, "ttl", "kept-co")), "--graph", "kept").exit_code == 0
    with_kept = everything()
    # the second import repeats a shipped triple and one of the first import's: both must stay
    twice = write(tmp_path, "ttl", "kept-co", label="Imported kept-co")
    twice.rename(tmp_path / "again.ttl")
    assert run(str(tmp_path / "again.ttl"), "--graph", "again").exit_code == 0
    assert everything() != with_kept
    result = run("--remove", "again")
    assert result.exit_code == 0, result.output
    assert everything() == with_kept
    assert run("--remove", "kept").exit_code == 0
    assert everything() == shipped
    assert run("--remove", "kept").exit_code == 1


def test_an_import_waits_for_or_is_refused_by_a_running_one(import_data_dir: Path, tmp_path: Path) -> None:
    with import_lock(import_data_dir):
        result = run(str(write(tmp_path, "ttl", "second-co")))
    assert result.exit_code == 1
    assert "another import or removal is running" in result.output
    assert list_imports(import_data_dir / "store", ID) == []


def test_a_name_twice_is_refused(import_data_dir: Path, tmp_path: Path) -> None:
    assert run(str(write(tmp_path, "ttl", "once-co")), "--graph", "once").exit_code == 0
    result = run(str(write(tmp_path, "nt", "twice-co")), "--graph", "once")
    assert result.exit_code == 1 and "exists already" in result.output


def test_an_import_gives_the_dataset_a_new_version_and_a_build_keeps_it(import_data_dir: Path,
                                                                          tmp_path: Path) -> None:
    from graph.store.derived import derived_folder, read_version
    from tests.conftest import TINY_RECORDS
    from webapp.cli import main

    folder = derived_folder(import_data_dir / "store")
    assert run(str(write(tmp_path, "ttl", "versioned-co")), "--graph", "versioned").exit_code == 0
    first = read_version(folder)
    assert first is not None and (folder / "map-model.pickle").exists()
    assert run("--remove", "versioned").exit_code == 0
    alone = read_version(folder)
    assert alone.hash != first.hash  # the same code hashes the shipped data alone now
    assert run(str(write(tmp_path, "ttl", "versioned-co")), "--graph", "versioned").exit_code == 0
    assert read_version(folder).hash != alone.hash
    built = CliRunner().invoke(main, ["build", "--records", str(TINY_RECORDS)], catch_exceptions=False)
    assert built.exit_code == 0, built.output
    assert [info.name for info in list_imports(import_data_dir / "store", ID)] == ["versioned"]
    assert ask(import_data_dir, f"ASK {{ <{ID}versioned-co> ?p ?o }}")


def test_a_store_of_an_earlier_build_becomes_a_generation_at_the_first_import(
        import_data_dir: Path, tmp_path: Path) -> None:
    from graph.store.backends import load_store

    store = import_data_dir / "store"
    store.unlink()
    load_store(import_data_dir / "lsh-kg.nt", store)  # a plain folder, as builds before imports wrote
    assert store.is_dir() and not store.is_symlink()
    assert run(str(write(tmp_path, "ttl", "upgraded-co"))).exit_code == 0
    assert store.is_symlink() and ask(import_data_dir, f"ASK {{ <{ID}upgraded-co> ?p ?o }}")
    assert (import_data_dir / "store.g0" / "CURRENT").exists()  # kept for the readers of the old one
