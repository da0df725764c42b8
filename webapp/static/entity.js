/* lsh-kg entity page: draws the small neighbourhood map from the page's JSON block with the
   vis-network the app serves. Labels are drawn on the canvas and tooltips are plain strings
   (vis-network shows them as text); nothing from the data is written as HTML. */
(function () {
  "use strict";

  var host = document.getElementById("entity-network");
  var block = document.getElementById("entity-network-data");
  if (!host || !block || typeof vis === "undefined") {
    return;
  }
  var data = JSON.parse(block.textContent);
  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                 "#bcbd22", "#0f9fb3", "#f25c54", "#4fa84f"];
  var kinds = Array.from(new Set(data.nodes.map(function (n) { return n.kind || "?"; }))).sort();
  var hrefs = {};

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    hrefs[n.id] = n.href;
    return {
      id: n.id,
      label: n.label,
      title: n.kind ? n.label + " (" + n.kind + ")" : n.label,
      shape: n.self ? "star" : "dot",
      size: n.self ? 22 : 12,
      color: PALETTE[kinds.indexOf(n.kind || "?") % PALETTE.length]
    };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: "e" + i, from: e.from, to: e.to, label: e.label, arrows: "to", font: { size: 10 } };
  }));
  var network = new vis.Network(host, { nodes: nodes, edges: edges }, {
    physics: { stabilization: { iterations: 200 } },
    interaction: { hover: true }
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
  });
  network.on("doubleClick", function (params) {
    var target = params.nodes.length ? hrefs[params.nodes[0]] : null;
    if (target) {
      window.location.assign(target);
    }
  });
  window.lshkgEntityNetwork = network; // for tests and the console
})();
