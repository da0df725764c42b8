"""`lshkg export`: a subgraph to a file, by the same functions as `/api/export`.

Registered onto the `lshkg` group by `webapp/cli.py`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from urllib.parse import parse_qs

import click

from graph import config
from graph.cli.bundle import cli_sources, selection_from_options
from graph.cli.options import endpoint_option, fail, open_configured_store
from graph.entity.indexes import kind_tree
from graph.entity.search import build_search_index
from graph.export.about import version_words
from graph.export.bundle import Bundle, make_bundle
from graph.export.formats import FORMATS, export, format_named
from graph.export.select import ego, partnership, paths, run_construct, whole
from graph.export.selection import run_selection
from graph.export.subgraph import ExportError, Subgraph
from graph.export.view import map_model_for, map_view
from graph.network.projection import load_network
from graph.store.backends import Store, StoreUnavailable
from graph.store.version import store_version

__all__ = ["export_command"]


def _format_for(output: Path | None, format_name: str | None) -> str:
    if format_name:
        return format_named(format_name).name
    if output is not None and str(output) != "-":
        for chosen in FORMATS.values():
            if output.name.endswith("." + chosen.extension):
                return chosen.name
    return "ttl"


def _select(store: Store, base_iri: str, options: dict) -> Subgraph:
    chosen = [name for name in ("ego", "path", "partnership", "query", "view", "everything") if options[name]]
    if len(chosen) != 1:
        raise ExportError("selection",
                          "give exactly one of --ego, --path, --partnership, --query, --view, --all")
    network = load_network(store)
    if options["ego"]:
        return ego(network, kind_tree(store), base_iri, options["ego"], options["depth"], options["kind"])
    if options["path"]:
        return paths(network, base_iri, *options["path"])
    if options["partnership"]:
        return partnership(network, kind_tree(store), base_iri, options["partnership"])
    if options["query"]:
        return run_construct(store, options["query"].read(), network, base_iri=base_iri,
                             max_bytes=int(config.number("query_max_bytes")),
                             max_rows=int(config.number("query_max_rows")),
                             timeout_s=config.number("query_timeout_s"))
    if options["view"]:
        params = parse_qs(options["view"].lstrip("?"), keep_blank_values=True)
        params.pop("view", None)
        params.pop("format", None)
        return map_view(map_model_for(store, network, base_iri), params)
    return whole(network)


def _suggest(store: Store, value: str) -> str:
    hits = build_search_index(store).search(value.replace("-", " "), limit=3)
    base_iri = config.setting("base_iri")
    names = [f"{hit.iri.removeprefix(base_iri)} ({hit.label})" for hit in hits]
    return f"; did you mean {', '.join(names)}?" if names else ""


def _write_bundle(output: Path | None, endpoint: str | None, base_iri: str, options: dict) -> None:
    store = open_configured_store(endpoint)
    version = store_version(store)

    def made() -> Bundle:
        selection = selection_from_options(options)
        subgraph = run_selection(selection, cli_sources(store, base_iri))
        return make_bundle(selection, subgraph, store, base_iri, version=version)

    bundle = _made(store, made)
    _write(output, bundle.body, bundle.filename, f"bundle, {version_words(version)}")


_Made = TypeVar("_Made")


def _made(store: Store, make: Callable[[], _Made]) -> _Made:
    """What `make` gives from the store, which is closed after; an unknown id (with suggestions), a
    bad selection or an unreachable store ends the command with its error."""
    try:
        return make()
    except ExportError as error:
        fail(str(error) + (_suggest(store, error.value) if error.status == 404 and error.value else ""))
    except StoreUnavailable as error:
        fail(str(error))
    finally:
        store.close()


def _write(output: Path | None, body: bytes, filename: str, what: str) -> None:
    if output is not None and str(output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
        return
    target = output or Path(filename)
    target.write_bytes(body)
    click.echo(f"wrote {target} ({len(body)} bytes, {what})", err=True)


@click.command("export")
@click.option("--ego", metavar="ID", help="An entity's neighbourhood (with --depth and --kind).")
@click.option("--depth", default="1", show_default=True, help="Links away from --ego: 1, 2 or 3.")
@click.option("--kind", multiple=True, help="Keep only nodes of this kind in --ego (repeatable).")
@click.option("--path", nargs=2, metavar="A B", help="The shortest paths between two entities.")
@click.option("--partnership", metavar="ID", help="A partnership, its members and their sites.")
@click.option("--query", type=click.File("r", encoding="utf-8"), metavar="FILE",
              help="A CONSTRUCT or DESCRIBE query's answer (- for standard input).")
@click.option("--view", metavar="QUERYSTRING",
              help="The map's view, as in its URL: 'kind=company&place=leiden'.")
@click.option("--all", "everything", is_flag=True, help="The whole graph.")
@click.option("--format", "format_name", metavar="FORMAT",
              help=f"One of {', '.join(FORMATS)} (default: from the -o extension, else ttl).")
@click.option("--bundle", "as_bundle", is_flag=True,
              help="A reproducible bundle (zip): the selection, TriG, GEXF, CSV, HTML map, README, RO-Crate.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write; - for standard output (default: a name that says what it holds).")
@endpoint_option
def export_command(output: Path | None, format_name: str | None, endpoint: str | None, as_bundle: bool,
                   **options) -> None:
    """Export a subgraph: for Gephi, Cytoscape, a triple store, a spreadsheet or a browser.

    Example: lshkg export --ego kite --depth 2 --format gexf -o kite.gexf
    """
    base_iri = config.setting("base_iri")
    if as_bundle:
        if format_name:  # a bundle holds every format: a chosen one would be silently ignored
            fail("--bundle holds TriG, GEXF, CSV and HTML together: leave out --format")
        _write_bundle(output, endpoint, base_iri, options)
        return
    try:
        chosen = _format_for(output, format_name)
    except ExportError as error:
        fail(str(error))
    store = open_configured_store(endpoint)
    version = store_version(store)
    exported = _made(store, lambda: export(_select(store, base_iri, options), chosen, store, base_iri,
                                           version=version))
    _write(output, exported.body, exported.filename, f"{chosen}, {version_words(version)}")
