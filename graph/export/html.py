"""A subgraph as one HTML file that draws it offline: vis-network (the copy pyvis ships) inline,
the data as JSON in a `<script type="application/json">` block, no CDN, no request of any kind.

We do not use pyvis's own template: it links Bootstrap and vis-network from CDNs and writes data
with innerHTML (see shared/engine-facts.md). Here every text from the data is set with textContent
or drawn on the canvas by vis-network, so labels and quotes never become markup.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from graph.export.network_formats import edge_attributes, node_attributes
from graph.export.subgraph import Subgraph

__all__ = ["page_data", "vis_network_js", "write_html"]


@cache
def vis_network_js() -> str:
    import pyvis

    path = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    # a literal "</script" would end the inline script early
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script")


def page_data(subgraph: Subgraph, base_iri: str) -> dict[str, Any]:
    """What the page draws: nodes with labels (en, nl), kind and IRI; edges with their evidence."""
    nodes = []
    for node, data in subgraph.graph.nodes(data=True):
        flat = node_attributes(node, data, base_iri)
        nodes.append({"id": node, "entity": flat["entity"], "kind": flat["kind"],
                      "labels": {k: flat[f"label_{k}"] for k in ("en", "nl") if f"label_{k}" in flat}
                      or {"en": flat["label"]}})
    edges = []
    for number, (source, target, key, data) in enumerate(subgraph.graph.edges(keys=True, data=True)):
        flat = edge_attributes({"predicate": key, **data})
        labels = {"en": flat["label"]}
        if "label_nl" in flat:
            labels["nl"] = flat["label_nl"]
        evidence = [{"basis": e.get("basis"), "source": e.get("source"), "quote": e.get("quote")}
                    for e in data.get("evidence", [])]
        edges.append({"id": f"e{number}", "from": source, "to": target, "predicate": key, "labels": labels,
                      "evidence": evidence, "roles": list(data.get("roles", []))})
    return {"title": subgraph.title, "name": subgraph.name, "nodes": nodes, "edges": edges}


def _json_for_script(data: Any) -> str:
    # inside <script> only "<" could end the block; & and > are escaped too for good measure
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_html(subgraph: Subgraph, base_iri: str) -> bytes:
    parts = {"TITLE": html.escape(f"lsh-kg: {subgraph.title}"), "STYLE": STYLE, "SCRIPT": SCRIPT,
             "DATA": _json_for_script(page_data(subgraph, base_iri)), "VIS": vis_network_js()}
    # one pass: text put in is never scanned for placeholders again
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], TEMPLATE).encode("utf-8")


TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; \
style-src 'unsafe-inline'; img-src data:">
<title>{{TITLE}}</title>
<style>{{STYLE}}</style>
</head>
<body>
<header><h1 id="title">{{TITLE}}</h1>
<span id="count"></span>
<span class="switch"><button type="button" data-lang="en">EN</button>
<button type="button" data-lang="nl">NL</button></span>
</header>
<div id="layout"><div id="network"></div>
<aside id="details"><p id="hint">Click a node or a link.</p></aside></div>
<ul id="legend"></ul>
<script type="application/json" id="lsh-kg-data">{{DATA}}</script>
<script>{{VIS}}</script>
<script>{{SCRIPT}}</script>
</body>
</html>
"""

STYLE = """
body { font: 14px system-ui, sans-serif; margin: 0; color: #1d2733; }
header { display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; background: #f5f7f9;
  border-bottom: 1px solid #d7dde4; }
h1 { font-size: 1.05rem; margin: 0; }
.switch button[aria-pressed="true"] { background: #1d2733; color: #fff; }
#layout { display: flex; height: calc(100vh - 7rem); }
#network { flex: 1; min-width: 0; }
#details { width: 22rem; overflow: auto; padding: .5rem 1rem; border-left: 1px solid #d7dde4; }
#details blockquote { margin: .4rem 0; padding-left: .6rem; border-left: 3px solid #1f5fae; }
#legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; list-style: none; margin: 0; padding: .4rem 1rem; }
#legend span { display: inline-block; width: .8rem; height: .8rem; border-radius: 50%; margin-right: .3rem; }
div.vis-tooltip { position: absolute; padding: 4px 6px; background: #fff; border: 1px solid #999;
  border-radius: 3px; white-space: pre-wrap; max-width: 24rem; pointer-events: none; }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("lsh-kg-data").textContent);
  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                 "#bcbd22", "#7f7f7f", "#0f9fb3", "#f25c54", "#4fa84f", "#b07aa1", "#e5a01a"];
  var kinds = Array.from(new Set(data.nodes.map(function (n) { return n.kind || "?"; }))).sort();
  var lang = "en";
  function colour(kind) { return PALETTE[kinds.indexOf(kind || "?") % PALETTE.length]; }
  function pick(labels) { return labels[lang] || labels.en || labels.nl || Object.values(labels)[0] || ""; }
  function el(tag, text) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    return node;
  }
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: pick(n.labels), title: pick(n.labels) + " (" + n.kind + ")",
             color: colour(n.kind), shape: "dot", size: 12 };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to, label: pick(e.labels), arrows: "to", font: { size: 10 } };
  }));
  var network = new vis.Network(document.getElementById("network"), { nodes: nodes, edges: edges }, {
    physics: { stabilization: { iterations: 300 } }, interaction: { hover: true } });
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
  window.lshkgNetwork = network;
  document.getElementById("count").textContent =
    data.nodes.length + " nodes, " + data.edges.length + " links";
  var legend = document.getElementById("legend");
  kinds.forEach(function (kind) {
    var item = el("li"); var dot = el("span"); dot.style.background = colour(kind);
    item.appendChild(dot); item.appendChild(document.createTextNode(kind)); legend.appendChild(item);
  });
  var details = document.getElementById("details");
  function iriLink(iri) {
    var a = el("a", iri);
    if (/^https?:\/\//.test(iri)) { a.href = iri; }
    return a;
  }
  function showNode(id) {
    var n = byId[id]; details.replaceChildren(el("h2", pick(n.labels)), el("p", n.kind));
    details.appendChild(iriLink(n.id));
  }
  function showEdge(id) {
    var e = data.edges.find(function (x) { return x.id === id; });
    details.replaceChildren(el("h2", pick(byId[e.from].labels) + " \u2192 " + pick(e.labels) + " \u2192 "
                                     + pick(byId[e.to].labels)));
    e.roles.forEach(function (role) { details.appendChild(el("p", role)); });
    e.evidence.forEach(function (ev) {
      if (ev.quote) { details.appendChild(el("blockquote", ev.quote)); }
      else { details.appendChild(el("p", "general knowledge")); }
      if (ev.source) { details.appendChild(iriLink(ev.source)); }
    });
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });
  function setLanguage(code) {
    lang = code;
    document.querySelectorAll(".switch button").forEach(function (b) {
      b.setAttribute("aria-pressed", b.dataset.lang === lang ? "true" : "false");
    });
    nodes.update(data.nodes.map(function (n) { return { id: n.id, label: pick(n.labels) }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, label: pick(e.labels) }; }));
  }
  document.querySelectorAll(".switch button").forEach(function (b) {
    b.addEventListener("click", function () { setLanguage(b.dataset.lang); });
  });
  setLanguage("en");
})();
"""
