"""The embedded store read by quad patterns: how the map model and the search index read the
network's nodes with their most specific kind and the names and kinds of what can be searched for
(and, when asked, the evidence of the network's links).

Those SPARQL queries check every node's types against the class tree in a FILTER NOT EXISTS, a join
per node; read by patterns, each property is one walk along an index, the class tree (rdfs:subClassOf)
is read once and applied in Python. The readers that use these helpers, beside their SPARQL twins in
`graph.network.projection` and `graph.entity.search`, yield the very rows their query answers, in the
same order, so that the network and the search index are equal either way. A remote store keeps the
SPARQL queries."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from graph.store.backends import EmbeddedStore, Store

__all__ = ["RDF", "RDFS_LABEL", "RDF_TYPE", "KindReader", "language_of", "members", "objects_by_subject",
           "pattern_reader", "plain_row", "text_of"]

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = ox.NamedNode(RDF + "type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDFS_SUBCLASS_OF = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")

Term = ox.NamedNode | ox.BlankNode | ox.Literal


def pattern_reader(store: Store, use_patterns: bool | None) -> EmbeddedStore | None:
    """The store to read by patterns: an embedded one unless `use_patterns` is False (True asks for
    it, and fails on a remote store); None means SPARQL."""
    if use_patterns is False or (use_patterns is None and not isinstance(store, EmbeddedStore)):
        return None
    if not isinstance(store, EmbeddedStore):
        raise TypeError(f"{store.description} cannot be read by quad patterns")
    return store


def text_of(term: Term) -> str | None:
    """SPARQL's STR(): an IRI's or a literal's text; None (an error) for a blank node."""
    return None if isinstance(term, ox.BlankNode) else term.value


def language_of(term: Term) -> str | None:
    """SPARQL's LANG(): a literal's language tag, "" when it has none; None (unbound) for the rest."""
    if not isinstance(term, ox.Literal):
        return None
    return term.language or ""


def plain_row(**terms: Term | str | None) -> dict[str, str]:
    """A row as `Store.select` gives it: each bound variable's plain value, unbound ones left out."""
    return {name: term if isinstance(term, str) else term.value
            for name, term in terms.items() if term is not None}


def members(store: EmbeddedStore, cls: ox.NamedNode) -> list[Term]:
    """What is typed `cls`, in the order SPARQL's `?x a cls` finds it (the same index)."""
    return [quad.subject for quad in store.quads_matching(None, RDF_TYPE, cls)]


def objects_by_subject(store: EmbeddedStore, predicate: ox.NamedNode,
                       keep: Callable[[Term, Term], bool] | None = None) -> dict[Term, list[Term]]:
    """Every subject's objects of `predicate` (each subject's in the order a lookup of it gives:
    one walk along the index orders them alike), those `keep(subject, object)` refuses left out."""
    found: dict[Term, list[Term]] = {}
    for quad in store.quads_matching(None, predicate, None):
        if keep is None or keep(quad.subject, quad.object):
            found.setdefault(quad.subject, []).append(quad.object)
    return found


class KindReader:
    """Each node's most specific kinds within a namespace, as our queries choose them: a type in the
    namespace that no other type of the node is declared a subclass of

        ?node a ?kind . FILTER(STRSTARTS(STR(?kind), namespace))
        FILTER NOT EXISTS { ?node a ?narrower . ?narrower rdfs:subClassOf ?kind . FILTER(?narrower != ?kind) }

    The class tree (rdfs:subClassOf) is read once; each node's types are looked up once."""

    def __init__(self, store: EmbeddedStore, namespace: str) -> None:
        self._store = store
        self._namespace = namespace
        self._broader: dict[Term, set[Term]] = {}  # a class -> the classes it is declared a subclass of
        for quad in store.quads_matching(None, RDFS_SUBCLASS_OF, None):
            if quad.subject != quad.object:
                self._broader.setdefault(quad.subject, set()).add(quad.object)
        self._kinds: dict[Term, list[Term]] = {}

    def kinds(self, node: Term) -> list[Term]:
        """The node's most specific kinds, in the order its types are stored (as SPARQL reads them)."""
        found = self._kinds.get(node)
        if found is None:
            types = [quad.object for quad in self._store.quads_matching(node, RDF_TYPE, None)]
            broader: set[Term] = set()
            for cls in types:
                broader |= self._broader.get(cls, set())
            found = [cls for cls in types if cls not in broader
                     and (text_of(cls) or "").startswith(self._namespace)]
            self._kinds[node] = found
        return found
