"""`lshkg build` and `lshkg validate`: the records into the dataset and the store, checked against
the shapes."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from graph import config
from graph.cli.options import fail, records_option
from graph.entity.search import build_search_index
from graph.insight.prepared import prepared
from graph.network.model import build_map_model, load_documents
from graph.network.projection import load_network
from graph.network.settled import derived_name, settle_views
from graph.network.view import node_cap
from graph.records.build import ntriples, write_atomically
from graph.records.loader import RecordError
from graph.records.validate import Violation, parse_rdf_file, validate_graph
from graph.store.backends import EmbeddedStore
from graph.store.dataset import build_dataset
from graph.store.derived import compute_version, derived_folder, load_or_build, write_version
from graph.store.imports import import_lock, imported_quads, replace_store, versioned_dataset

__all__ = ["build", "validate"]


def derive(dataset_file: Path, store_dir: Path, base_iri: str) -> None:
    """The dataset's version, then the map model, its settled first views and the search index made
    from it, kept beside the store so that the server reads them at start."""
    folder = derived_folder(store_dir)
    write_version(folder, compute_version(dataset_file))
    store = EmbeddedStore(store_dir)
    try:
        model = load_or_build(folder, "map-model",
                              lambda: prepared(build_map_model(load_network(store), base_iri,
                                                              load_documents(store))))
        max_nodes = node_cap(config.number("map_max_nodes"))
        load_or_build(folder, derived_name(max_nodes), lambda: settle_views(model, max_nodes))
        load_or_build(folder, "search-index", lambda: build_search_index(store))
    finally:
        store.close()


def _report(violations: list[Violation]) -> None:
    for violation in violations:
        click.echo(str(violation), err=True)
    click.echo(f"{len(violations)} violation(s) of ontology/shapes.ttl", err=True)


@click.command()
@records_option
@click.option("--no-store", is_flag=True, help="Write the dataset file only; do not load the store.")
def build(records_dir: Path | None, no_store: bool) -> None:
    """Build the dataset from the records, validate it, write it and load the embedded store.

    Nothing is written unless every record converts and the dataset conforms to the shapes.

    Example: lshkg build
    """
    started = time.perf_counter()
    base_iri = config.setting("base_iri")
    try:
        built = build_dataset(records_dir or config.records_dir(), base_iri)
    except RecordError as error:
        fail(str(error))
    violations = validate_graph(built.graph, built)
    if violations:
        _report(violations)
        fail("the dataset does not conform; nothing was written")
    target = config.dataset_file()
    write_atomically(target, ntriples(built.graph))
    if not no_store:
        with import_lock(config.data_dir(), wait=True):  # users' imports are carried over
            quads = imported_quads(config.store_dir(), base_iri)
            replace_store(target, config.store_dir(), quads)
            derive(versioned_dataset(target, quads), config.store_dir(), base_iri)
    click.echo(f"built {len(built.graph)} triples from {len(built.assertions)} assertions "
               f"in {time.perf_counter() - started:.1f} s")
    click.echo(f"dataset: {target}")
    if not no_store:
        click.echo(f"store:   {config.store_dir()}")


@click.command()
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False,
                                                        path_type=Path))
@records_option
def validate(file: Path | None, records_dir: Path | None) -> None:
    """Validate FILE (any RDF file), or the records, against ontology/shapes.ttl.

    Each violation is printed with its focus node and path and, for records, the YAML file
    and line it comes from.

    Example: lshkg validate my-import.ttl
    """
    if file is None:
        try:
            built = build_dataset(records_dir or config.records_dir(), config.setting("base_iri"))
        except RecordError as error:
            fail(str(error))
        graph, violations = built.graph, validate_graph(built.graph, built)
    else:
        try:
            graph = parse_rdf_file(file)
        except SyntaxError as error:
            fail(str(error))
        violations = validate_graph(graph)
    if violations:
        _report(violations)
        sys.exit(1)
    click.echo(f"conforms: {len(graph)} triples, no violations")
