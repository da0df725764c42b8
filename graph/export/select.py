"""The subgraphs one can export: an entity's neighbourhood, paths between two entities, a
partnership with its members and their sites, a CONSTRUCT query's answer, the whole graph.

(The map's current view is in `graph.export.view`.) Every function checks its input and raises
`ExportError` naming the parameter and what is allowed; unknown entities give status 404.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from itertools import pairwise

import networkx as nx
import pyoxigraph as ox

from graph.entity.indexes import KindTree
from graph.export.subgraph import ExportError, Subgraph
from graph.messages import message, reason
from graph.network.from_triples import last_segment
from graph.network.projection import Network
from graph.store.backends import Store, StoreUnavailable
from graph.store.deadline import WorkCut
from graph.store.guard import QueryRefused, check_query
from graph.store.query_pool import EngineFailure, QueryStopped, QueryTimeout, TooManyLongQueries
from ontology.namespaces import LSH, PREFIXES, preset_prefixes

__all__ = ["DEPTHS", "construct", "ego", "members_of", "node_for", "parse_depth",
           "partnership", "paths", "run_construct", "wanted_kinds", "whole"]

DEPTHS = (1, 2, 3)
PARTNERSHIP_KINDS = ("Initiative",)  # partnerships, consortia, MoUs and programmes all have members
MEMBER_LINKS = (str(LSH.memberOf), str(LSH.coordinator))


def node_for(network: Network, base_iri: str, entity: str | None, parameter: str) -> str:
    """The node of an entity id (`kite`) or IRI; 404 when the network has no such node."""
    if not entity:
        raise ExportError(parameter, message("give %(name)s=<entity id>, e.g. %(name)s=kite", name=parameter))
    iri = entity if entity.startswith(("http://", "https://")) else base_iri + entity
    if iri not in network.graph:
        raise ExportError(parameter, message("%(name)s=%(value)s: no entity with that id in the network",
                                             name=parameter, value=repr(entity)),
                          status=404, value=entity)
    return iri


def parse_depth(value: str | int | None, parameter: str = "depth") -> int:
    try:
        depth = int(value if value is not None else 1)
    except (TypeError, ValueError):
        depth = 0
    if depth not in DEPTHS:
        raise ExportError(parameter, message("%(name)s=%(value)s is out of range", name=parameter,
                                             value=repr(value)),
                          allowed=[str(d) for d in DEPTHS])
    return depth


def wanted_kinds(tree: KindTree, kinds: Iterable[str], parameter: str = "kind") -> set[str]:
    """The named kinds and every kind below them (`Organisation` includes `UniversityMedicalCentre`)."""
    wanted: set[str] = set()
    allowed = tree.browsable()
    for kind in kinds:
        for name in (part.strip() for part in kind.split(",")):
            if not name:
                continue
            if name not in allowed:
                raise ExportError(parameter, message("%(name)s=%(value)s is not a kind", name=parameter,
                                                      value=repr(name)), allowed=allowed)
            wanted |= tree.closure(name)
    return wanted


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def _short(iri: str, base_iri: str) -> str:
    return _slug(iri[len(base_iri):] if iri.startswith(base_iri) else last_segment(iri))


def ego(network: Network, tree: KindTree, base_iri: str, entity: str, depth: str | int | None = 1,
        kinds: Iterable[str] = ()) -> Subgraph:
    """The entity and everything up to `depth` links away (either direction), optionally only the
    nodes of some kinds (the entity itself always stays)."""
    node = node_for(network, base_iri, entity, "ego")
    hops = parse_depth(depth)
    names = sorted({k.strip() for kind in kinds for k in kind.split(",") if k.strip()})
    wanted = wanted_kinds(tree, names)
    graph = network.ego(node, hops, wanted)
    suffix = f"-{'-'.join(_slug(k) for k in names)}" if names else ""
    label = network.label(node)
    return Subgraph(graph, f"ego-{_short(node, base_iri)}-depth{hops}{suffix}",
                    f"{label}: neighbourhood, {hops} link{'s' if hops > 1 else ''} deep"
                    + (f" ({', '.join(names)})" if names else ""))


def paths(network: Network, base_iri: str, source: str, target: str, limit: int = 5) -> Subgraph:
    """The shortest paths (up to `limit`) between two entities: their nodes and every link
    between consecutive nodes."""
    a = node_for(network, base_iri, source, "from")
    b = node_for(network, base_iri, target, "to")
    if a == b:
        raise ExportError("to", message("from and to are the same entity: give two different ones"))
    found = network.shortest_paths(a, b, limit)
    if not found:
        raise ExportError("to", message("no path links %(source)s and %(target)s", source=repr(source),
                                        target=repr(target)), status=404)
    graph = nx.MultiDiGraph()
    for path in found:
        for node in path:
            graph.add_node(node, **network.graph.nodes[node])
        for left, right in pairwise(path):
            for link in network.links_between(left, right):
                data = {k: v for k, v in link.items() if k not in ("from", "to", "predicate")}
                graph.add_edge(link["from"], link["to"], key=link["predicate"],
                               predicate=link["predicate"], **data)
    return Subgraph(graph, f"path-{_short(a, base_iri)}-to-{_short(b, base_iri)}",
                    f"{network.label(a)} to {network.label(b)}: {len(found)} shortest "
                    f"path{'s' if len(found) > 1 else ''}")


def members_of(network: Network, node: str) -> set[str]:
    """The members (and coordinator) of a partnership."""
    graph = network.graph
    found = {source for source, _, key in graph.in_edges(node, keys=True) if key == str(LSH.memberOf)}
    found |= {target for _, target, key in graph.out_edges(node, keys=True) if key in MEMBER_LINKS}
    return found


def partnership(network: Network, tree: KindTree, base_iri: str, entity: str) -> Subgraph:
    """A partnership (any initiative), its members and coordinator, and the members' sites."""
    node = node_for(network, base_iri, entity, "partnership")
    initiatives = set().union(*(tree.closure(k) for k in PARTNERSHIP_KINDS))
    kind = network.graph.nodes[node].get("kind", "")
    if kind not in initiatives:
        examples = sorted(_short(n, base_iri) for n, d in network.graph.nodes(data=True)
                          if d.get("kind") in initiatives and members_of(network, n))
        raise ExportError("partnership", message("partnership=%(value)s is a %(kind)s, not a partnership",
                                                 value=repr(entity), kind=kind),
                          allowed=examples)
    members = members_of(network, node)
    sites = {target for member in members
             for _, target, key in network.graph.out_edges(member, keys=True) if key == str(LSH.hasSite)}
    graph = network.graph.subgraph({node} | members | sites).copy()
    return Subgraph(graph, f"partnership-{_short(node, base_iri)}",
                    f"{network.label(node)}: {len(members)} members and {len(sites)} of their sites")


def whole(network: Network) -> Subgraph:
    """Every node and link of the network (for RDF: every triple of the store)."""
    return Subgraph(network.graph.copy(), "all", "the whole graph", extra={"whole": True})


def construct(triples: list[ox.Triple], text: str, network: Network, truncated: bool = False) -> Subgraph:
    """A CONSTRUCT or DESCRIBE answer: its triples exactly, and as a network the IRIs it links
    (with the network's kinds, labels and evidence where it knows them)."""
    graph = nx.MultiDiGraph()
    rdf_type, label = str(PREFIXES["rdf"]) + "type", str(PREFIXES["rdfs"]) + "label"
    for triple in triples:
        subject, predicate, obj = triple.subject, triple.predicate.value, triple.object
        if not isinstance(subject, ox.NamedNode):
            continue
        _add_node(graph, network, subject.value)
        if isinstance(obj, ox.NamedNode) and predicate != rdf_type:
            _add_node(graph, network, obj.value)
            known = network.graph.get_edge_data(subject.value, obj.value, key=predicate) or {}
            graph.add_edge(subject.value, obj.value, key=predicate, predicate=predicate,
                           labels=known.get("labels", {}), evidence=known.get("evidence", []),
                           roles=known.get("roles", []))
        elif isinstance(obj, ox.NamedNode) and obj.value.startswith(str(LSH)):
            graph.nodes[subject.value].setdefault("kind", obj.value[len(str(LSH)):])
        elif isinstance(obj, ox.Literal) and predicate == label and obj.language:
            graph.nodes[subject.value]["labels"].setdefault(obj.language, obj.value)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return Subgraph(graph, f"query-{digest}", f"CONSTRUCT query {digest}: {len(triples)} triples",
                    triples=triples, truncated=truncated)


def _add_node(graph: nx.MultiDiGraph, network: Network, iri: str) -> None:
    if iri in graph:
        return
    if iri in network.graph:
        data = network.graph.nodes[iri]
        graph.add_node(iri, **{**data, "labels": dict(data.get("labels", {}))})
    else:
        graph.add_node(iri, labels={}, abbreviations=[])


def run_construct(store: Store, text: str, network: Network, *, base_iri: str, max_bytes: int,
                  max_rows: int, timeout_s: float, arrived: float | None = None,
                  client: str | None = None, stopped: Callable[[], bool] | None = None) -> Subgraph:
    """Check a user's CONSTRUCT or DESCRIBE query with the guard, run it in the store's killable
    workers (never in-process: it could run away) and select its answer; WorkCut as soon as
    `stopped()` says so (the export's deadline), its worker killed."""
    if not text or not text.strip():
        raise ExportError("query", message("give a CONSTRUCT or DESCRIBE query"))
    try:
        checked = check_query(text, max_bytes=max_bytes, presets=preset_prefixes(base_iri))
    except QueryRefused as refused:
        raise ExportError("query", message("query refused: %(reason)s", reason=refused.said()),
                          status=refused.status) from None
    if not checked.returns_graph:
        raise ExportError("query", message("a %(form)s query gives solutions, not a graph",
                                           form=checked.form),
                          allowed=["CONSTRUCT", "DESCRIBE"])
    try:
        answer = store.answer(checked.text, "nt", max_rows=max_rows, timeout_s=timeout_s, prefixes=PREFIXES,
                              arrived=arrived, client=client, stopped=stopped)
    except QueryStopped:
        raise WorkCut("the export was stopped at its deadline") from None
    except QueryTimeout as timeout:
        raise ExportError("query", message("query stopped: %(reason)s", reason=reason(timeout)), status=503,
                          retry_after_s=max(1, round(timeout_s))) from None
    except TooManyLongQueries as busy:
        raise ExportError("query", reason(busy), status=429, retry_after_s=busy.retry_after_s) from None
    except StoreUnavailable as unavailable:
        raise ExportError("query", reason(unavailable), status=503) from None
    except EngineFailure as failure:
        raise ExportError("query", reason(failure), status=failure.status) from None
    triples = [quad.triple for quad in ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES)] \
        if answer.body else []
    return construct(triples, text, network, truncated=answer.truncated)
