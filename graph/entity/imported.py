"""Which users' imports an entity's facts come from: the names behind the "imported: NAME" badges."""

from __future__ import annotations

from collections.abc import Iterable

from graph.store.backends import Store

__all__ = ["imports_of"]


def imports_of(store: Store, iris: Iterable[str], base_iri: str) -> dict[str, list[str]]:
    """For each IRI that an import describes (as a subject), the names of those imports, sorted."""
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    values = " ".join(f"<{iri}>" for iri in wanted)
    rows = store.select(f"""SELECT DISTINCT ?s ?g WHERE {{ VALUES ?s {{ {values} }}
        GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{base_iri}import/")) }}""")
    found: dict[str, list[str]] = {}
    for row in rows:
        found.setdefault(row["s"], []).append(row["g"][len(base_iri) + len("import/"):])
    return {iri: sorted(names) for iri, names in found.items()}
