"""`lshkg import`: users' own files into the store, each a named graph with its provenance, checked
against the shapes before anything is written; `--list` and `--remove NAME`.

`import_files` and `remove_import` are what the command and the web app's import API both call.
"""

from __future__ import annotations

import datetime
import getpass
import hashlib
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import click
import pyoxigraph as ox
from rdflib import Graph, URIRef

from graph import config
from graph.cli.dataset import derive
from graph.cli.options import fail
from graph.store.import_check import (
    ImportProvenance,
    check_import,
    import_graph_iri,
    mentioned,
    prepare_import,
)
from graph.store.import_problems import ImportProblem, ImportRefused
from graph.store.import_read import read_import
from graph.store.imports import (
    ImportBusy,
    ImportInfo,
    import_lock,
    imported_quads,
    list_imports,
    replace_store,
    versioned_dataset,
)
from ontology.namespaces import RDF, RDFS

__all__ = ["import_command", "import_files", "remove_import"]

NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a container's user without a name
        return "unknown"


def _name_for(path: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.name.split(".")[0].lower()).strip("-") or "import"


def _context(store_dir: Path, graph: Graph) -> Graph:
    """The types and labels the store in use gives the entities an import names."""
    context = Graph()
    if not (store_dir / "CURRENT").exists():
        return context
    store = ox.Store.read_only(str(store_dir))
    names = sorted(mentioned(graph))
    for start in range(0, len(names), 500):
        values = " ".join(f"<{name}>" for name in names[start:start + 500])
        for row in store.query(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} VALUES ?p {{ <{RDF.type}> "
                               f"<{RDFS.label}> }} ?s ?p ?o }}"):
            obj = row["o"]
            term = URIRef(obj.value) if isinstance(obj, ox.NamedNode) else \
                Graph().parse(data=f"<x:s> <x:p> {obj} .", format="nt").value(URIRef("x:s"), URIRef("x:p"))
            context.add((URIRef(row["s"].value), URIRef(row["p"].value), term))
    del store
    return context


def import_files(files: Sequence[Path], *, names: Sequence[str] | None = None, who: str | None = None,
                 wait: bool = False, mappings: dict[Path, Path] | None = None,
                 max_bytes: int | None = None) -> list[ImportInfo]:
    """Import each file as a named graph of its own; ImportRefused lists every problem of every file
    (and nothing is written), ImportBusy when another import runs and `wait` is false."""
    base_iri, store_dir = config.setting("base_iri"), config.store_dir()
    max_bytes = max_bytes or int(config.number("import_max_bytes"))
    names = list(names) if names else [_name_for(path) for path in files]
    who = who or _user()
    with import_lock(config.data_dir(), wait=wait):
        existing = {info.name for info in list_imports(store_dir, base_iri)}
        problems: list[ImportProblem] = []
        graphs: list[tuple[str, Graph]] = []
        for path, name in zip(files, names, strict=True):
            if not NAME.fullmatch(name):
                problems.append(ImportProblem(path.name, f"import name {name!r} is not a slug "
                                                         "(lower-case letters, digits and hyphens)"))
                continue
            if name in existing or name in (n for n, _ in graphs):
                problems.append(ImportProblem(path.name, f"an import named {name!r} exists already: "
                                                         f"remove it first (lshkg import --remove {name})"))
                continue
            try:
                read = read_import(path, max_bytes=max_bytes, base_iri=base_iri,
                                   mapping=(mappings or {}).get(path), records_dir=config.records_dir())
            except ImportRefused as refused:
                problems.extend(refused.problems)
                continue
            now = datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()
            prepared = prepare_import(read, ImportProvenance(name, path.name, _checksum(path), now, who),
                                      base_iri)
            found = check_import(read, prepared, _context(store_dir, read.graph))
            problems.extend(found)
            graphs.append((name, prepared))
        if problems:
            raise ImportRefused(problems)
        quads = imported_quads(store_dir, base_iri)
        for name, graph in graphs:
            target = ox.NamedNode(str(import_graph_iri(base_iri, name)))
            parsed = ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
            quads.extend(ox.Quad(q.subject, q.predicate, q.object, target) for q in parsed)
        _rebuild(quads, base_iri)
        return [info for info in list_imports(store_dir, base_iri) if info.name in names]


def remove_import(name: str, *, wait: bool = False) -> ImportInfo:
    """Remove one import, exactly its triples (those the shipped data or another import also holds
    stay); KeyError when there is no such import."""
    base_iri, store_dir = config.setting("base_iri"), config.store_dir()
    with import_lock(config.data_dir(), wait=wait):
        found = {info.name: info for info in list_imports(store_dir, base_iri)}
        if name not in found:
            raise KeyError(name)
        _rebuild(imported_quads(store_dir, base_iri, leave_out=[found[name].graph]), base_iri)
        return found[name]


def _rebuild(quads: list[ox.Quad], base_iri: str) -> None:
    replace_store(config.dataset_file(), config.store_dir(), quads)
    derive(versioned_dataset(config.dataset_file(), quads), config.store_dir(), base_iri)


def _print_list() -> None:
    imports = list_imports(config.store_dir(), config.setting("base_iri"))
    if not imports:
        click.echo("no imports")
    for info in imports:
        click.echo("\t".join((info.name, info.file, info.checksum, info.time, info.who,
                              f"{info.triples} triples")))


@click.command("import")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--graph", "name", metavar="NAME", help="Name of the import (one file only; default: "
              "the file's name as a slug).")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="YAML mapping of a CSV file's columns (default: NAME.mapping.yaml beside it).")
@click.option("--list", "show_list", is_flag=True, help="List the imports: name, file, checksum, time, "
              "who, triples.")
@click.option("--remove", metavar="NAME", help="Remove the import NAME and exactly its triples.")
@click.option("--wait", is_flag=True, help="Wait for a running import instead of giving up.")
def import_command(files: tuple[Path, ...], name: str | None, mapping: Path | None, show_list: bool,
                   remove: str | None, wait: bool) -> None:
    """Import FILE... (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML, CSV with a mapping, our
    YAML records; also .gz or .zip) into the store, each as a named graph of its own.

    Every file is checked against ontology/shapes.ttl first; any problem is printed with its file
    and line (or row and column), and then nothing is written.

    Example: lshkg import companies.ttl --graph my-companies
    """
    if not config.store_dir().exists():
        fail("no store has been built: run `lshkg build` first")
    try:
        if show_list:
            _print_list()
        elif remove:
            removed = remove_import(remove, wait=wait)
            click.echo(f"removed {removed.name} ({removed.triples} triples from {removed.file})")
        elif files:
            if name and len(files) > 1:
                fail("--graph names one import: give one file with it")
            done = import_files(files, names=[name] if name else None, wait=wait,
                                mappings={path: mapping for path in files} if mapping else None)
            for info in done:
                click.echo(f"imported {info.file} as {info.name}: {info.triples} triples "
                           f"(graph <{info.graph}>)")
        else:
            fail("give files to import, --list or --remove NAME")
    except ImportRefused as refused:
        for problem in refused.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{len(refused.problems)} problem(s); nothing was imported", err=True)
        sys.exit(1)
    except ImportBusy as busy:
        fail(str(busy))
    except KeyError:
        fail(f"no import named {remove!r} (lshkg import --list shows them)")
