"""`lshkg paths FROM TO`: how two entities are linked, told as sentences with their evidence, by the
same functions as `/paths`."""

from __future__ import annotations

import click

from graph import config
from graph.cli.options import endpoint_option, fail, open_configured_store
from graph.insight.sentences import MAX_PATHS, evidence_words, tell_paths
from graph.network.model import build_map_model, load_documents
from graph.network.projection import load_network
from graph.store.backends import StoreUnavailable

__all__ = ["paths"]


@click.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("-k", "limit", type=click.IntRange(1, MAX_PATHS), default=1, show_default=True,
              help="How many paths, each through other intermediaries.")
@click.option("--attributes", is_flag=True,
              help="Also through shared places, themes and years (told as such).")
@click.option("--exclude", multiple=True, metavar="KIND",
              help="Leave out links of this kind, e.g. locatedIn (repeatable).")
@click.option("--lang", type=click.Choice(["en", "nl"]), default="en", show_default=True)
@endpoint_option
def paths(source: str, target: str, limit: int, attributes: bool, exclude: tuple[str, ...], lang: str,
          endpoint: str | None) -> None:
    """Tell how FROM and TO are linked, hop by hop, with the document and words for each.

    Example: lshkg paths tno radboud-umc -k 2 --lang nl
    """
    store = open_configured_store(endpoint)
    try:
        network = load_network(store)
        model = build_map_model(network, config.setting("base_iri"), load_documents(store))
    except StoreUnavailable as error:
        fail(str(error))
    finally:
        store.close()
    ends = [model.resolve(value) for value in (source, target)]
    for value, found in zip((source, target), ends, strict=True):
        if found is None:
            fail(f"{value!r} is no entity on the map")
    told = tell_paths(model, ends[0], ends[1], lang=lang, attributes=attributes, exclude=exclude, limit=limit)
    if not told:
        fail(f"no path from {source} to {target}" + ("" if attributes else
                                                      " over links between actors (try --attributes)"))
    for number, path in enumerate(told, start=1):
        click.echo(f"{number}. " + " -> ".join(model.label(node, lang) for node in path.nodes))
        for hop in path.hops:
            click.echo(f"   - {hop.sentence}")
            for words in evidence_words(hop, model, lang):
                click.echo(f"       {words}")
