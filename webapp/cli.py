"""`lshkg`, the outermost layer: the graph's commands (`graph.cli`) gathered in one group with the
settings file option, and `serve`, which runs the web app."""

from __future__ import annotations

import errno
import os
import socket
from collections.abc import Callable
from pathlib import Path

import click

from graph import config
from graph.cli.bundle import bundle
from graph.cli.coverage import coverage
from graph.cli.dataset import build, validate
from graph.cli.export import export_command
from graph.cli.imports import import_command
from graph.cli.options import endpoint_option, fail
from graph.cli.paths import paths
from graph.cli.query import query, stats
from webapp import create_app

__all__ = ["main"]


@click.group()
@click.version_option(package_name="lsh-kg")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A TOML file of settings (else LSHKG_CONFIG, else ./lshkg.toml if present).")
def main(config_path: Path | None) -> None:
    """lsh-kg: the knowledge graph of the Dutch Life Sciences & Health ecosystem.

    Settings come from defaults, a config file, LSHKG_* variables and options, later ones winning.
    """
    if config_path is not None:
        os.environ[config.CONFIG_FILE_VARIABLE] = str(config_path.resolve())
    try:
        config.file_values()
    except ValueError as error:
        fail(str(error))


for command in (build, validate, export_command, bundle, import_command, stats, query, paths, coverage):
    main.add_command(command)


def port_taken(host: str, port: int) -> str | None:
    """Why the address cannot be served, or None. Granian binds with SO_REUSEPORT, so a second server
    on a busy port would start silently and split the requests with the first: bind once without
    it to find out (SO_REUSEADDR only lets a port in TIME_WAIT through)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as error:
        return f"host {host!r} cannot be served: {error.strerror}"
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"port {port} on {host} is in use (another lshkg serve?): choose another with --port"
            return f"cannot serve on {host}:{port}: {error.strerror}"
    return None


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
        fail(f"no store at {config.store_dir()}: run `lshkg build` first")
    host, port = config.setting("host"), int(config.number("port"))
    problem = port_taken(host, port)
    if problem:
        fail(problem)
    click.echo(f"lsh-kg at http://{host}:{port}/  (SPARQL endpoint: http://{host}:{port}/sparql)")
    if dev:
        create_app().run(host=host, port=port, debug=True, use_reloader=False)
        return
    from webapp.serve import serve as run_server

    run_server(host, port, workers=int(config.number("workers")), threads=int(config.number("threads")))
