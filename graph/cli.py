"""`lshkg`: build, validate and inspect the knowledge graph from the command line."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from graph import config
from graph.build import build_dataset, ntriples, write_atomically
from graph.engine_errors import syntax_error
from graph.namespaces import PREFIXES, preset_prefixes
from graph.query_pool import EngineFailure, QueryTimeout
from graph.records import RecordError
from graph.sparql_guard import QueryRefused, check_query
from graph.stats import compute_stats
from graph.store import Store, StoreUnavailable, load_store, open_store
from graph.table import render_table
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
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A TOML file of settings (else LSHKG_CONFIG, else ./lshkg.toml if present).")
def main(config_path: Path | None) -> None:
    """lsh-kg: the knowledge graph of the Dutch Life Sciences & Health ecosystem.

    Settings come from defaults, a config file, LSHKG_* variables and options, later ones winning.
    """
    import os

    if config_path is not None:
        os.environ[config.CONFIG_FILE_VARIABLE] = str(config_path.resolve())
    try:
        config.file_values()
    except ValueError as error:
        _fail(str(error))


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


def _register_export() -> None:
    from graph.cli_export import export_command

    main.add_command(export_command)


_register_export()

endpoint_option = click.option(
    "--endpoint", default=None, metavar="URL",
    help="A remote SPARQL 1.1 endpoint instead of the embedded store (or LSHKG_ENDPOINT).")


def _open_store(endpoint: str | None) -> Store:
    if endpoint:
        config.override("endpoint", endpoint)
    try:
        return open_store(config.setting("endpoint") or None, config.store_dir(),
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


QUERY_FORMATS = ("table", "json", "xml", "csv", "tsv", "ttl", "nt", "jsonld", "rdfxml")


@main.command()
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.File("r", encoding="utf-8"),
              help="Read the query from a file (- for standard input).")
@click.option("--format", "output_format", type=click.Choice(QUERY_FORMATS), default="table",
              show_default=True, help="table/json/xml/csv/tsv for SELECT and ASK; "
              "ttl/nt/jsonld/rdfxml for CONSTRUCT and DESCRIBE (table shows them as Turtle).")
@endpoint_option
def query(sparql: str | None, query_file, output_format: str, endpoint: str | None) -> None:
    """Run a read-only SPARQL query, with the same checks and limits as the web endpoint.

    Example: lshkg query 'SELECT ?umc WHERE { ?umc a lsh:UniversityMedicalCentre }'
    """
    if (sparql is None) == (query_file is None):
        _fail("give the query as an argument or with --file, not both")
    text = sparql if sparql is not None else query_file.read()
    presets = preset_prefixes(config.setting("base_iri"))
    declared = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in presets.items()
                       if f"PREFIX {p}:".lower() not in text.lower())
    text = declared + text  # our prefixes are preset, as in the editor
    def refuse(refused: QueryRefused) -> None:
        line = f"line {refused.line - declared.count(chr(10))}, column {refused.column}: " \
            if refused.line else ""
        _fail(line + refused.message)

    try:
        checked = check_query(text, max_bytes=int(config.number("query_max_bytes")))
    except QueryRefused as refused:
        refuse(refused)
    graph_formats = ("ttl", "nt", "jsonld", "rdfxml")
    if output_format == "table":
        result_format = "ttl" if checked.returns_graph else "json"
    else:
        result_format = output_format
        if checked.returns_graph != (output_format in graph_formats):
            kind, choices = (("a graph", "ttl, nt, jsonld or rdfxml") if checked.returns_graph
                             else ("solutions", "table, json, xml, csv or tsv"))
            _fail(f"a {checked.form} query gives {kind}: --format {choices}")
    store = _open_store(endpoint)
    try:
        answer = store.answer(checked.text, result_format,
                              max_rows=int(config.number("query_max_rows")),
                              timeout_s=config.number("query_timeout_s"), prefixes=PREFIXES)
    except EngineFailure as failure:
        if failure.status == 400:  # the engine's syntax error: worded with the position
            worded = syntax_error(text, str(failure), max_bytes=int(config.number("query_max_bytes")),
                                  known_prefixes=preset_prefixes(config.setting("base_iri")))
            if worded is not None:
                refuse(worded)
        _fail(str(failure))
    except (QueryTimeout, StoreUnavailable) as error:
        _fail(str(error))
    finally:
        store.close()
    if output_format == "table" and not checked.returns_graph:
        click.echo(render_table(answer.body, extra_prefixes={"lshid": config.setting("base_iri")}))
    else:
        click.echo(answer.body.decode("utf-8"), nl=not answer.body.endswith(b"\n"))
    if answer.truncated:
        click.echo(f"note: the answer was cut at {answer.count} rows (LSHKG_QUERY_MAX_ROWS)", err=True)


def _setting_option(name: str, value_type: type = str) -> Callable:
    """An option that overrides one setting; its help shows the setting's meaning and default."""
    item = next(item for item in config.SETTINGS if item.name == name)
    return click.option(f"--{name}", default=None, type=value_type,
                        help=f"{item.help} [default: {item.default}; {item.env_var}]")


@main.command()
@_setting_option("host")
@_setting_option("port", int)
@_setting_option("workers", int)
@_setting_option("threads", int)
@click.option("--dev", is_flag=True, help="Flask's development server with its debugger "
              "(never on a public address).")
@endpoint_option
def serve(host: str | None, port: int | None, workers: int | None, threads: int | None, dev: bool,
          endpoint: str | None) -> None:
    """Serve the web app and the SPARQL endpoint (Granian; --dev for development).

    Stops cleanly on SIGTERM or SIGINT.

    Example: lshkg serve --port 8000
    """
    for name, value in (("host", host), ("port", port), ("workers", workers), ("threads", threads),
                        ("endpoint", endpoint)):
        if value is not None:
            config.override(name, value)
    if not config.setting("endpoint") and not (config.store_dir() / "CURRENT").exists():
        # checked without opening it: a store opened here would be inherited by the forked workers
        _fail(f"no store at {config.store_dir()}: run `lshkg build` first")
    host, port = config.setting("host"), int(config.number("port"))
    click.echo(f"lsh-kg at http://{host}:{port}/  (SPARQL endpoint: http://{host}:{port}/sparql)")
    if dev:
        from webapp import create_app

        create_app().run(host=host, port=port, debug=True, use_reloader=False)
        return
    from webapp.serve import serve as run_server

    run_server(host, port, workers=int(config.number("workers")), threads=int(config.number("threads")))
