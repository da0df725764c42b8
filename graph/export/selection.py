"""A selection as data: what made a subgraph (an entity's neighbourhood, paths, a partnership, a
query, the map's view, everything), so that a bundle can keep it, say the command that makes it
again and run it again on the current dataset. One function runs any selection; the web app, the
command line and `lshkg bundle verify` all go through it.
"""

from __future__ import annotations

import hashlib
import json
import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode

from graph.entity.indexes import KindTree
from graph.export.select import ego, partnership, paths, run_construct, whole
from graph.export.subgraph import ExportError, Subgraph
from graph.export.view import map_view
from graph.messages import message, reason
from graph.network.model import MapModel
from graph.network.projection import Network
from graph.store.backends import Store, StoreUnavailable
from graph.store.guard import QueryRefused, check_query
from graph.store.query_pool import EngineFailure, QueryTimeout, TooManyLongQueries
from ontology.namespaces import PREFIXES, preset_prefixes

__all__ = ["KINDS", "Selection", "Sources", "run_selection", "selection_from_args"]

KINDS = ("ego", "path", "partnership", "query", "view", "all")


@dataclass(frozen=True)
class Selection:
    """What to select: `kind` (one of KINDS) and its parameters as plain text."""

    kind: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "params": self.params}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Selection:
        kind = data.get("kind")
        if kind not in KINDS or not isinstance(data.get("params", {}), dict):
            raise ExportError("selection", message("not a selection: %(kind)s", kind=repr(kind)),
                              allowed=list(KINDS))
        return cls(str(kind), dict(data.get("params", {})))

    def command(self, bundle: bool = True) -> str:
        """The `lshkg export` command that makes the same selection (a query is read from the
        bundle's `query.rq`)."""
        p = self.params
        words = {"ego": ["--ego", p.get("ego", ""), "--depth", str(p.get("depth", 1))]
                 + [w for kind in p.get("kind", []) for w in ("--kind", kind)],
                 "path": ["--path", p.get("from", ""), p.get("to", "")],
                 "partnership": ["--partnership", p.get("partnership", "")],
                 "query": ["--query", "query.rq"], "view": ["--view", p.get("view", "")],
                 "all": ["--all"]}[self.kind]
        return shlex.join(["lshkg", "export", *words, *(["--bundle"] if bundle else [])])


@dataclass
class Sources:
    """What running a selection may need, each read only when needed (the web app passes its
    cached objects, the command line builds them)."""

    store: Store
    base_iri: str
    network: Callable[[], Network]
    tree: Callable[[], KindTree]
    model: Callable[[], MapModel]
    limits: dict[str, Any]  # max_bytes, max_rows, timeout_s; arrived, client and stopped for the web
    max_nodes: int | None = None


def _first(args: Mapping[str, Sequence[str]], key: str) -> str:
    values = args.get(key) or [""]
    return values[0]


def selection_from_args(args: Mapping[str, Sequence[str]]) -> Selection:
    """The selection that `/api/export`'s parameters ask for (a mapping of lists)."""
    if "view" in args:
        others = [name for name in ("query", "ego", "all") if _first(args, name)]  # not the map's parameters
        if others:
            raise ExportError("selection", message("give exactly one selection (given: view, %(others)s)",
                                                   others=", ".join(others)),
                              allowed=list(KINDS))
        packed = _first(args, "view")
        params = {k: list(v) for k, v in args.items() if k not in ("view", "format", "positions")}
        for key, values in parse_qs(packed if packed != "1" else "", keep_blank_values=True).items():
            params.setdefault(key, []).extend(values)
        return Selection("view", {"view": urlencode(params, doseq=True)})
    chosen = [name for name in ("ego", "from", "path", "partnership", "query", "all") if _first(args, name)]
    if chosen in (["from", "path"], ["path"]):
        chosen = ["from"]
    if len(chosen) != 1:
        raise ExportError("selection", message("give exactly one selection: ego=ID, from=ID&to=ID, "
                                               "partnership=ID, query=CONSTRUCT or SELECT ..., "
                                               "view=1 or all=1"),
                          allowed=list(KINDS))
    name = chosen[0]
    if name == "ego":
        kinds = [k.strip() for kind in args.get("kind", []) for k in kind.split(",") if k.strip()]
        return Selection("ego", {"ego": _first(args, "ego"), "depth": _first(args, "depth") or "1",
                                 "kind": kinds})
    if name == "from":
        ends = {"from": _first(args, "from") or _first(args, "path"), "to": _first(args, "to")}
        return Selection("path", ends)
    if name == "query":  # a form posts line ends as CRLF: kept as the editor holds them
        return Selection("query", {"query": _first(args, "query").replace("\r\n", "\n")})
    if name == "partnership":
        return Selection(name, {name: _first(args, name)})
    return Selection("all")


def run_selection(selection: Selection, sources: Sources) -> Subgraph:
    """The subgraph a selection gives on the store's current data."""
    p, base_iri = selection.params, sources.base_iri
    if selection.kind == "ego":
        return ego(sources.network(), sources.tree(), base_iri, p.get("ego", ""), p.get("depth", 1),
                   p.get("kind", []))
    if selection.kind == "path":
        return paths(sources.network(), base_iri, p.get("from", ""), p.get("to", ""))
    if selection.kind == "partnership":
        return partnership(sources.network(), sources.tree(), base_iri, p.get("partnership", ""))
    if selection.kind == "view":
        params = {k: v for k, v in parse_qs(str(p.get("view", "")), keep_blank_values=True).items()
                  if k not in ("view", "format")}
        # the node cap the view was drawn under (kept by the bundle), else this deployment's
        cap = p.get("max_nodes") or sources.max_nodes
        options = {"max_nodes": int(cap)} if cap else {}
        return map_view(sources.model(), params, **options)
    if selection.kind == "query":
        return _query(str(p.get("query", "")), sources)
    return whole(sources.network())


def _query(text: str, sources: Sources) -> Subgraph:
    """A CONSTRUCT or DESCRIBE query's answer; a SELECT's: the entities it names and the links
    between them, with its rows kept (`extra["rows"]`) for the bundle."""
    limits = sources.limits
    try:
        checked = check_query(text, max_bytes=limits["max_bytes"], presets=preset_prefixes(sources.base_iri))
    except QueryRefused as refused:
        raise ExportError("query", message("query refused: %(reason)s", reason=refused.said()),
                          status=refused.status) from None
    if checked.returns_graph:
        return run_construct(sources.store, text, sources.network(), base_iri=sources.base_iri, **limits)
    if checked.form != "SELECT":
        raise ExportError("query", message("a %(form)s query selects nothing to bundle", form=checked.form),
                          allowed=["CONSTRUCT", "DESCRIBE", "SELECT"])
    try:
        answer = sources.store.answer(checked.text, "json", max_rows=limits["max_rows"],
                                      timeout_s=limits["timeout_s"], prefixes=PREFIXES,
                                      arrived=limits.get("arrived"), client=limits.get("client"),
                                      stopped=limits.get("stopped"))
    except (QueryTimeout, StoreUnavailable, EngineFailure) as failure:
        raise ExportError("query", message("query stopped: %(reason)s", reason=reason(failure)), status=503,
                          retry_after_s=max(1, round(limits["timeout_s"]))) from None
    except TooManyLongQueries as busy:
        raise ExportError("query", reason(busy), status=429, retry_after_s=busy.retry_after_s) from None
    document = json.loads(answer.body)
    rows = document["results"]["bindings"]
    network = sources.network()
    named = {cell["value"] for row in rows for cell in row.values() if cell.get("type") == "uri"}
    graph = network.graph.subgraph(named & set(network.graph)).copy()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return Subgraph(graph, f"select-{digest}", f"SELECT query {digest}: {len(rows)} rows naming "
                    f"{len(graph)} entities", truncated=answer.truncated,
                    extra={"rows": rows, "variables": document["head"].get("vars", [])})
