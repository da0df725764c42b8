"""`lshkg`: build, validate and inspect the knowledge graph from the command line."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from graph import config
from graph.build import build_dataset, ntriples, write_atomically
from graph.records import RecordError
from graph.stats import compute_stats
from graph.store import Store, StoreUnavailable, load_store, open_store
from graph.validate import Violation, parse_rdf_file, validate_graph

__all__ = ["main"]


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def _report(violations: list[Violation]) -> None:
    for violation in violations:
        click.echo(str(violation), err=True)
    click.echo(f"{len(violations)} violation(s) of ontology/shapes.ttl", err=True)


records_option = click.option(
    "--records", "records_dir", type=click.Path(file_okay=False, path_type=Path),
    default=None, help="Folder of the YAML records (default: graph/data, or LSHKG_RECORDS_DIR).")


@click.group()
@click.version_option(package_name="lsh-kg")
def main() -> None:
    """lsh-kg: the knowledge graph of the Dutch Life Sciences & Health ecosystem."""


@main.command()
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
        _fail(str(error))
    violations = validate_graph(built.graph, built)
    if violations:
        _report(violations)
        _fail("the dataset does not conform; nothing was written")
    target = config.dataset_file()
    write_atomically(target, ntriples(built.graph))
    if not no_store:
        load_store(target, config.store_dir())
    click.echo(f"built {len(built.graph)} triples from {len(built.assertions)} assertions "
               f"in {time.perf_counter() - started:.1f} s")
    click.echo(f"dataset: {target}")
    if not no_store:
        click.echo(f"store:   {config.store_dir()}")


@main.command()
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
            _fail(str(error))
        graph, violations = built.graph, validate_graph(built.graph, built)
    else:
        try:
            graph = parse_rdf_file(file)
        except SyntaxError as error:
            _fail(str(error))
        violations = validate_graph(graph)
    if violations:
        _report(violations)
        sys.exit(1)
    click.echo(f"conforms: {len(graph)} triples, no violations")


endpoint_option = click.option(
    "--endpoint", default=None, metavar="URL",
    help="A remote SPARQL 1.1 endpoint instead of the embedded store (or LSHKG_ENDPOINT).")


def _open_store(endpoint: str | None) -> Store:
    try:
        return open_store(endpoint or config.setting("endpoint") or None, config.store_dir(),
                          timeout_s=config.number("query_timeout_s"))
    except (StoreUnavailable, ValueError) as error:
        _fail(str(error))
        raise  # unreachable: _fail exits


@main.command()
@endpoint_option
def stats(endpoint: str | None) -> None:
    """Counts per class and per property, and the share of assertions with document evidence.

    Example: lshkg stats
    """
    store = _open_store(endpoint)
    try:
        result = compute_stats(store, store.triple_count())
    except StoreUnavailable as error:
        _fail(str(error))
    click.echo(f"triples: {result.triples}")
    click.echo(f"assertions with evidence: {result.asserted}; from a document quote: "
               f"{result.documented} ({result.documented_share:.1%}); the rest general knowledge")
    click.echo("\nclass counts:")
    for name, count in result.classes:
        click.echo(f"  {count:6d}  {name}")
    click.echo("\nproperty counts:")
    for name, count in result.properties:
        click.echo(f"  {count:6d}  {name}")
