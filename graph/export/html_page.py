"""The stand-alone HTML map's page: its template, style and script, in the map's visual language
(the family colours and shapes, sizes by connectedness, the map's positions when it sent them, a
legend of kinds and lines in words, dashed lines for general knowledge) and with its behaviour (a
click on a node shows its links with the quotes that say so; on a link, its quotes). Every text
from the data is set with textContent or drawn on the canvas by vis-network, never as markup."""

from __future__ import annotations

__all__ = ["SCRIPT", "STYLE", "TEMPLATE"]

TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{{META}}
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
<aside id="details"><p id="hint">Click a node or a link to see which document says so.</p></aside></div>
<footer><ul id="legend"></ul>
<ul id="lines"><li><span class="line"></span> a document says so (click for the quote)</li>
<li><span class="line dashed"></span> dashed: general knowledge, no document</li></ul>
<p id="about">{{ABOUT}}</p></footer>
<script type="application/json" id="lsh-kg-data">{{DATA}}</script>
<script>{{VIS}}</script>
<script>{{SCRIPT}}</script>
</body>
</html>
"""

STYLE = """
body { font: 14px system-ui, sans-serif; margin: 0; color: #1d2733; }
header { display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; background: #f5f7f9;
  border-bottom: 1px solid #d7dde4; flex-wrap: wrap; }
h1 { font-size: 1.05rem; margin: 0; }
.switch button[aria-pressed="true"] { background: #1d2733; color: #fff; }
#layout { display: flex; height: calc(100vh - 8rem); }
#network { flex: 1; min-width: 0; background: #fbfcfd; }
#details { width: 24rem; overflow: auto; padding: .5rem 1rem; border-left: 1px solid #d7dde4; }
#details blockquote { margin: .3rem 0; padding-left: .6rem; border-left: 3px solid #1f5fae;
  font-style: italic; }
#details .source { color: #5f6b77; font-size: .85rem; }
#details li { margin: .5rem 0; }
footer { display: flex; flex-wrap: wrap; gap: .3rem 2rem; padding: .4rem 1rem; }
footer ul { display: flex; flex-wrap: wrap; gap: .3rem 1rem; list-style: none; margin: 0; padding: 0; }
footer li { display: flex; align-items: center; gap: .3rem; }
#about { margin: 0; color: #5f6b77; font-size: .85rem; }
svg.swatch { width: 14px; height: 14px; }
.line { display: inline-block; width: 24px; border-top: 2px solid #8d99a6; }
.line.dashed { border-top-style: dashed; }
div.vis-tooltip { position: absolute; padding: 4px 6px; background: #fff; border: 1px solid #999;
  border-radius: 3px; white-space: pre-wrap; max-width: 24rem; pointer-events: none; }
@media (max-width: 800px) { #layout { flex-direction: column; height: auto; }
  #network { height: 70vh; } #details { width: auto; border-left: none; } }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("lsh-kg-data").textContent);
  var lang = "en";
  var SHAPES = { dot: ["circle", { cx: 8, cy: 8, r: 6 }],
    square: ["rect", { x: 2, y: 2, width: 12, height: 12 }],
    diamond: ["polygon", { points: "8,1 15,8 8,15 1,8" }],
    triangle: ["polygon", { points: "8,2 15,14 1,14" }],
    triangleDown: ["polygon", { points: "1,2 15,2 8,14" }],
    hexagon: ["polygon", { points: "4,2 12,2 15,8 12,14 4,14 1,8" }],
    star: ["polygon", { points: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6" }] };
  function pick(labels) { return labels[lang] || labels.en || labels.nl || Object.values(labels)[0] || ""; }
  function el(tag, text) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    return node;
  }
  function swatch(shape, colour) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("class", "swatch");
    var spec = SHAPES[shape] || SHAPES.dot;
    var mark = document.createElementNS(ns, spec[0]);
    Object.keys(spec[1]).forEach(function (name) { mark.setAttribute(name, String(spec[1][name])); });
    mark.setAttribute("fill", colour);
    svg.appendChild(mark);
    return svg;
  }
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var placed = data.nodes.length > 0 && data.nodes.every(function (n) { return n.x !== undefined; });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var item = { id: n.id, label: pick(n.labels), title: pick(n.labels), shape: n.shape || "dot",
      size: (n.size || 12) / 2, color: { background: n.colour, border: "#1d2733" }, borderWidth: 1 };
    if (placed) { item.x = n.x; item.y = n.y; }
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to, title: pick(e.labels),
      arrows: { to: { enabled: true, scaleFactor: 0.45 } }, dashes: !!e.general,
      color: { color: "#8d99a6", highlight: "#1f5fae" } };
  }));
  var network = new vis.Network(document.getElementById("network"), { nodes: nodes, edges: edges }, {
    physics: placed ? false : { solver: "forceAtlas2Based", stabilization: { iterations: 300 } },
    interaction: { hover: true }, nodes: { font: { size: 12, strokeWidth: 3, strokeColor: "#ffffff" } },
    layout: { randomSeed: 7 } });
  if (!placed) {
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
  }
  window.lshkgNetwork = network;
  document.getElementById("count").textContent =
    data.nodes.length + " nodes, " + data.edges.length + " links";
  var legend = document.getElementById("legend");
  function drawLegend() {
    legend.replaceChildren();
    data.families.forEach(function (family) {
      var item = el("li");
      item.dataset.family = family.key;
      item.appendChild(swatch(family.shape, family.colour));
      item.appendChild(document.createTextNode(pick(family.labels)));
      legend.appendChild(item);
    });
  }
  var details = document.getElementById("details");
  function iriLink(iri, text) {
    var a = el("a", text || iri);
    if (/^https?:\/\//.test(iri)) { a.href = iri; }
    return a;
  }
  function evidence(list, into) {
    list.forEach(function (ev) {
      if (ev.quote) { into.appendChild(el("blockquote", "\u201c" + ev.quote + "\u201d")); }
      else { into.appendChild(el("p", "general knowledge (no document)")); }
      if (ev.source) {
        var source = el("div"); source.className = "source";
        source.appendChild(document.createTextNode("\u2014 ")); source.appendChild(iriLink(ev.source));
        into.appendChild(source);
      }
    });
  }
  function linkText(e) {
    return pick(byId[e.from].labels) + " \u2014 " + pick(e.labels) + " \u2192 " + pick(byId[e.to].labels);
  }
  function showNode(id) {
    var n = byId[id];
    details.replaceChildren(el("h2", pick(n.labels)), el("p", n.kind));
    details.appendChild(iriLink(n.id));
    var links = data.edges.filter(function (e) { return e.from === id || e.to === id; });
    details.appendChild(el("h3", "Links (" + links.length + ")"));
    var list = el("ul");
    links.forEach(function (e) {
      var item = el("li");
      item.appendChild(el("div", linkText(e)));
      e.roles.forEach(function (role) { item.appendChild(el("div", "role: " + role)); });
      evidence(e.evidence, item);
      list.appendChild(item);
    });
    details.appendChild(list);
  }
  function showEdge(id) {
    var e = data.edges.find(function (x) { return x.id === id; });
    details.replaceChildren(el("h2", linkText(e)));
    e.roles.forEach(function (role) { details.appendChild(el("p", "role: " + role)); });
    evidence(e.evidence, details);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });
  function setLanguage(code) {
    lang = code;
    document.documentElement.lang = code;
    document.querySelectorAll(".switch button").forEach(function (b) {
      b.setAttribute("aria-pressed", b.dataset.lang === lang ? "true" : "false");
    });
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, label: pick(n.labels), title: pick(n.labels) };
    }));
    edges.update(data.edges.map(function (e) { return { id: e.id, title: pick(e.labels) }; }));
    drawLegend();
  }
  document.querySelectorAll(".switch button").forEach(function (b) {
    b.addEventListener("click", function () { setLanguage(b.dataset.lang); });
  });
  setLanguage("en");
})();
"""
