"""`lshkg bundle verify FILE.zip`, and what `lshkg export --bundle` needs: the selection its
options name, and the store's network, kinds and map model read when a selection needs them.

Registered onto the `lshkg` group by `webapp/cli.py`.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import click

from graph import config
from graph.cli.options import endpoint_option, fail, open_configured_store
from graph.entity.indexes import kind_tree
from graph.export.selection import Selection, Sources
from graph.export.subgraph import ExportError
from graph.export.verify import verify_bundle
from graph.export.view import map_model_for
from graph.network.projection import load_network
from graph.store.backends import Store, StoreUnavailable
from graph.store.version import store_version

__all__ = ["bundle", "cli_sources", "selection_from_options"]


def cli_sources(store: Store, base_iri: str) -> Sources:
    """The store's network, kinds and map model, each built once on first need."""
    network = cache(lambda: load_network(store))
    return Sources(store, base_iri, network, cache(lambda: kind_tree(store)),
                   cache(lambda: map_model_for(store, network(), base_iri)),
                   {"max_bytes": int(config.number("query_max_bytes")),
                    "max_rows": int(config.number("query_max_rows")),
                    "timeout_s": config.number("query_timeout_s")})


def selection_from_options(options: dict) -> Selection:
    """The selection `lshkg export`'s options name (exactly one of them)."""
    chosen = [name for name in ("ego", "path", "partnership", "query", "view", "everything") if options[name]]
    if len(chosen) != 1:
        raise ExportError("selection",
                          "give exactly one of --ego, --path, --partnership, --query, --view, --all")
    name = chosen[0]
    if name == "ego":
        return Selection("ego", {"ego": options["ego"], "depth": str(options["depth"]),
                                 "kind": list(options["kind"])})
    if name == "path":
        return Selection("path", {"from": options["path"][0], "to": options["path"][1]})
    if name == "query":
        return Selection("query", {"query": options["query"].read()})
    if name in ("partnership", "view"):
        return Selection(name, {name: options[name].lstrip("?") if name == "view" else options[name]})
    return Selection("all")


@click.group("bundle")
def bundle() -> None:
    """Reproducible bundles: check one against the current dataset (make one with lshkg export --bundle).

    Example: lshkg bundle verify kite-bundle.zip
    """


@bundle.command("verify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@endpoint_option
def verify(file: Path, endpoint: str | None) -> None:
    """Check a bundle's checksums, run its selection again on the current dataset and say whether
    the answer is unchanged (exit 0) or what differs (exit 1).

    Example: lshkg bundle verify lsh-kg-2f52c9e7-ego-kite-depth2-bundle.zip
    """
    store = open_configured_store(endpoint)
    try:
        verdict = verify_bundle(file.read_bytes(), cli_sources(store, config.setting("base_iri")),
                                store_version(store))
    except (ExportError, StoreUnavailable) as error:
        fail(str(error))
    finally:
        store.close()
    for line in verdict.lines():
        click.echo(line)
    sys.exit(0 if verdict.unchanged else 1)
