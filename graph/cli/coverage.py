"""`lshkg coverage`: each source document's paragraphs, what they gave, and what the ledger lacks."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph import config
from graph.cli.options import fail, records_option
from graph.records.build import build_records
from graph.records.coverage import DocumentCoverage, check_coverage
from graph.records.loader import RecordError

__all__ = ["coverage"]


def _print_document(document: DocumentCoverage, verbose: bool) -> None:
    state = f"pending: {document.pending}" if document.pending else "complete"
    mapped = sum(1 for p in document.paragraphs if p.records)
    excused = len(document.paragraphs) - mapped
    click.echo(f"{document.source} ({document.file_name}), {state}: {len(document.paragraphs)} "
               f"paragraphs accounted for ({mapped} with records, {excused} excused), "
               f"{len(document.problems)} problem(s)")
    if not verbose:
        return
    for paragraph in document.paragraphs:
        given = ", ".join(paragraph.records) if paragraph.records else f"none: {paragraph.none}"
        click.echo(f"  lines {paragraph.first}-{paragraph.last}: {given}")
        if paragraph.actors:
            names = ", ".join(f"{name} ({actor})" for actor, name in sorted(paragraph.actors.items()))
            if len(paragraph.actors) < 2:
                state = "one actor"
            elif paragraph.linked:
                state = "linked"
            else:
                state = f"not linked: {paragraph.unlinked}" if paragraph.unlinked else "NOT LINKED"
            click.echo(f"    actors: {names} [{state}]")


@click.command("coverage")
@records_option
@click.option("--ledger", "ledger_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of the ledgers (default: the records folder's coverage/).")
@click.option("--source", "sources", multiple=True, metavar="ID",
              help="Only this source document (repeatable).")
@click.option("--summary", is_flag=True, help="One line per document, without its paragraphs.")
def coverage(records_dir: Path | None, ledger_dir: Path | None, sources: tuple[str, ...],
             summary: bool) -> None:
    """Show, per source document, its paragraphs, the records each gave, the actors each names and
    whether its facts link them; exit 1 when the ledger leaves something unaccounted for.

    Documents listed in the ledger's pending.yaml are shown but not checked.

    Example: lshkg coverage --source lsh-internationalisation-strategy
    """
    records_dir = records_dir or config.records_dir()
    base_iri = config.setting("base_iri")
    try:
        built = build_records(records_dir, base_iri)
        report = check_coverage(built, ledger_dir or records_dir / "coverage",
                                Path(config.setting("seeds_dir")), base_iri)
    except RecordError as error:
        fail(str(error))
    except OSError as error:
        fail(f"cannot read a source document: {error}")
    known = {document.source for document in report}
    for source in sources:
        if source not in known:
            fail(f"no source document {source!r} (known: {', '.join(sorted(known))})")
    shown = [d for d in report if not sources or d.source in sources]
    problems = [problem for document in shown for problem in document.problems]
    for document in shown:
        _print_document(document, verbose=not summary)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) in the coverage ledger", err=True)
        sys.exit(1)
