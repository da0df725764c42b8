"""`lshkg stats` and `lshkg query`: counts over the store, and a read-only SPARQL query with the same
checks and limits as the web endpoint."""

from __future__ import annotations

import click

from graph import config
from graph.cli.options import endpoint_option, fail, open_configured_store
from graph.cli.table import render_table
from graph.store.backends import StoreUnavailable
from graph.store.engine_errors import syntax_error
from graph.store.guard import QueryRefused, check_query
from graph.store.query_pool import EngineFailure, QueryTimeout
from graph.store.stats import compute_stats
from ontology.namespaces import PREFIXES, preset_prefixes

__all__ = ["QUERY_FORMATS", "query", "stats"]


@click.command()
@endpoint_option
def stats(endpoint: str | None) -> None:
    """Counts per class and per property, and the share of assertions with document evidence.

    Example: lshkg stats
    """
    store = open_configured_store(endpoint)
    try:
        result = compute_stats(store, store.triple_count())
    except StoreUnavailable as error:
        fail(str(error))
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


@click.command()
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
        fail("give the query as an argument or with --file, not both")
    text = sparql if sparql is not None else query_file.read()
    presets = preset_prefixes(config.setting("base_iri"))  # our prefixes, as in the editor
    try:
        checked = check_query(text, max_bytes=int(config.number("query_max_bytes")), presets=presets)
    except QueryRefused as refused:
        fail(str(refused))
    graph_formats = ("ttl", "nt", "jsonld", "rdfxml")
    if output_format == "table":
        result_format = "ttl" if checked.returns_graph else "json"
    else:
        result_format = output_format
        if checked.returns_graph != (output_format in graph_formats):
            kind, choices = (("a graph", "ttl, nt, jsonld or rdfxml") if checked.returns_graph
                             else ("solutions", "table, json, xml, csv or tsv"))
            fail(f"a {checked.form} query gives {kind}: --format {choices}")
    store = open_configured_store(endpoint)
    try:
        answer = store.answer(checked.text, result_format,
                              max_rows=int(config.number("query_max_rows")),
                              timeout_s=config.number("query_timeout_s"), prefixes=PREFIXES)
    except EngineFailure as failure:
        if failure.syntax:  # the engine's syntax error: worded with the position
            worded = syntax_error(checked, str(failure),
                                  known_prefixes=presets)
            if worded is not None:
                fail(str(worded))
        fail(str(failure))
    except (QueryTimeout, StoreUnavailable) as error:
        fail(str(error))
    finally:
        store.close()
    if output_format == "table" and not checked.returns_graph:
        click.echo(render_table(answer.body, extra_prefixes={"lshid": config.setting("base_iri")}))
    else:
        click.echo(answer.body.decode("utf-8"), nl=not answer.body.endswith(b"\n"))
    if answer.truncated:
        click.echo(f"note: the answer was cut at {answer.count} rows (LSHKG_QUERY_MAX_ROWS)", err=True)
