"""What the graph's commands share: the error exit, the --records and --endpoint options, and
opening the configured store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from graph import config
from graph.store.backends import Store, StoreUnavailable, open_store

__all__ = ["endpoint_option", "fail", "open_configured_store", "records_option"]


def fail(message: str) -> NoReturn:
    """Print `error: message` on standard error and exit with status 1."""
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


records_option = click.option(
    "--records", "records_dir", type=click.Path(file_okay=False, path_type=Path),
    default=None, help="Folder of the YAML records (default: graph/data, or LSHKG_RECORDS_DIR).")

endpoint_option = click.option(
    "--endpoint", default=None, metavar="URL",
    help="A remote SPARQL 1.1 endpoint instead of the embedded store (or LSHKG_ENDPOINT).")


def open_configured_store(endpoint: str | None) -> Store:
    """The store the settings name (`endpoint` overriding them), or exit with the reason."""
    if endpoint:
        config.override("endpoint", endpoint)
    try:
        return open_store(config.setting("endpoint") or None, config.store_dir(),
                          timeout_s=config.number("query_timeout_s"))
    except (StoreUnavailable, ValueError) as error:
        fail(str(error))
