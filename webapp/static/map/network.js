/* The vis-network instance: drawn afresh when the layout changes, otherwise updated in place so what
 * stays keeps its place; marks the page ready once drawn (tests and the benchmark wait for that), and
 * turns clicks on the canvas into the panel's details, cluster openings and expansions.
 */

import { openCluster, toggleExpand } from "./actions.js";
import { byId } from "./dom.js";
import { drawGeography, ensureOutline } from "./geo.js";
import { networkOptions, pathPairs, visCluster, visEdge, visNode } from "./items.js";
import { drawLabels, setLabelOrder } from "./labels.js";
import { showEdge, showNode } from "./panel.js";
import { app, state, vis } from "./state.js";
import { setState } from "./view.js";

export function drawNetwork(view) {
  var marks = pathPairs(view);
  var items = view.nodes.map(function (node) { return visNode(node, marks.nodes[node.id]); })
    .concat(view.clusters.map(visCluster));
  var links = view.edges.map(function (edge) {
    return visEdge(edge, !edge.aggregate && marks.pairs[edge.from + "\n" + edge.to]);
  });
  var layoutKey = view.layout;
  var fresh = !state.network || state.layoutKey !== layoutKey || view.layout === "hierarchical";
  setLabelOrder(view);
  // a new set of nodes is shown whole once drawn; a path, zoomed to
  state.fitTo = view.path && view.path.found ? Object.keys(marks.nodes) : [];
  state.fitPending = fresh || !sameNodes(items);
  if (fresh) {
    if (state.network) {
      state.network.destroy();
    }
    state.nodes = new vis.DataSet(items);
    state.edges = new vis.DataSet(links);
    state.layoutKey = layoutKey;
    state.waitingForStable = view.layout === "force" && items.length > 0;
    state.network = new vis.Network(byId("map-canvas"), { nodes: state.nodes, edges: state.edges },
      networkOptions(view));
    bindNetwork(state.network);
    if (!state.waitingForStable) {
      state.network.fit();
      readyAfterDrawing();
    }
    return;
  }
  // the same layout: apply the difference, so what stays keeps its place
  var keepNodes = {};
  items.forEach(function (item) { keepNodes[item.id] = true; });
  var goneNodes = state.nodes.getIds().filter(function (id) { return !keepNodes[id]; });
  var keepEdges = {};
  links.forEach(function (link) { keepEdges[link.id] = true; });
  var goneEdges = state.edges.getIds().filter(function (id) { return !keepEdges[id]; });
  var added = items.filter(function (item) { return !state.nodes.get(item.id); });
  if (view.layout === "force") {
    items.forEach(function (item) {
      if (state.nodes.get(item.id)) {  // what stays keeps its place, not the one a settled view gives
        delete item.x;
        delete item.y;
      }
    });
    seedPositions(added, links);
  }
  state.edges.remove(goneEdges);
  state.nodes.remove(goneNodes);
  state.nodes.update(items);
  state.edges.update(links);
  state.network.setOptions(networkOptions(view));
  if (view.layout === "force" && (added.length || goneNodes.length)) {
    state.waitingForStable = true;
    state.network.stabilize(added.length > 200 ? 220 : 150);
  } else {
    state.waitingForStable = false;
    if (view.layout === "force") {
      applyPhysicsSwitch();
    }
    readyAfterDrawing();
  }
}

function sameNodes(items) {
  return items.length === state.nodes.length && items.every(function (item) { return state.nodes.get(item.id); });
}

function fitTo(network) {
  // fitted on the nodes themselves: vis-network's own fit also counts the labels it does not draw
  var box = nodesBox(network);
  state.fittedBox = box;
  if (!box) {
    return;
  }
  var frame = byId("map-canvas");
  var margin = 60;  // a node's size and the label under it
  var scale = Math.min(1.6, 0.92 * Math.min(frame.clientWidth / (box[1] - box[0] + 2 * margin),
    frame.clientHeight / (box[3] - box[2] + 2 * margin)));
  network.moveTo({ position: { x: (box[0] + box[1]) / 2, y: (box[2] + box[3]) / 2 }, scale: scale });
}

function fitView() {
  if (!state.fitPending || !state.network) {
    return;
  }
  state.fitPending = false;
  fitTo(state.network);
  // the force layout may still settle after its iterations (vis-network does not always say when it
  // rests): kept fitted for a few seconds, until the visitor moves, zooms or chooses a node
  state.refitWhenStable = state.params.layout === "force";
  state.fittedAt = window.performance.now();
}

function nodesBox(network) {
  // the drawn nodes' (or the path's) extent on the canvas: changes when they move, not with the view
  var at = network.getPositions(state.fitTo.length ? state.fitTo : undefined);
  var ids = Object.keys(at);
  if (!ids.length) {
    return null;
  }
  var xs = ids.map(function (id) { return at[id].x; });
  var ys = ids.map(function (id) { return at[id].y; });
  return [Math.min.apply(null, xs), Math.max.apply(null, xs), Math.min.apply(null, ys), Math.max.apply(null, ys)];
}

function keepFitted(network) {
  if (!state.refitWhenStable || network !== state.network) {
    return;
  }
  if (window.performance.now() - state.fittedAt > 5000) {
    state.refitWhenStable = false;
    return;
  }
  var box = nodesBox(network);
  var moved = box && state.fittedBox && box.some(function (value, index) {
    return Math.abs(value - state.fittedBox[index]) > 2;
  });
  if (moved) {  // the layout still settling after the fit: fitted again (a move of the view is left alone)
    fitTo(network);
  }
}

function readyAfterDrawing() {
  // drawn: for the geographic layout, with the outline of the Netherlands under the nodes
  var network = state.network;
  var draw = function () {
    if (network === state.network) {
      network.once("afterDrawing", markReady);
      network.redraw();
    }
  };
  if (state.params.layout === "geo") {
    ensureOutline().then(draw, draw);
  } else {
    draw();
  }
}

function seedPositions(added, links) {
  // new nodes start next to a neighbour already drawn (an expansion grows from its node)
  if (!added.length) {
    return;
  }
  var positions = state.network.getPositions();
  var addedIds = {};
  added.forEach(function (item) { addedIds[item.id] = item; });
  links.forEach(function (link) {
    var pairs = [[link.from, link.to], [link.to, link.from]];
    pairs.forEach(function (pair) {
      var item = addedIds[pair[0]];
      var anchor = positions[pair[1]];
      if (item && anchor && item.x === undefined) {
        var angle = Math.random() * 2 * Math.PI;
        item.x = anchor.x + 60 * Math.cos(angle);
        item.y = anchor.y + 60 * Math.sin(angle);
      }
    });
  });
}

function applyPhysicsSwitch() {
  if (state.network && state.params.layout === "force") {
    state.network.setOptions({ physics: { enabled: state.params.physics !== "off" } });
  }
}

function markReady() {
  state.waitingForStable = false;
  fitView();
  app.dataset.nodeCount = String(state.nodes.length);
  app.dataset.edgeCount = String(state.edges.length);
  app.dataset.clusterCount = String(state.view ? state.view.clusters.length : 0);
  app.dataset.viewQuery = state.view ? state.view.query : "";
  byId("map-message").textContent = "";
  setState("ready");
  if (window.performance && window.performance.mark) {
    window.performance.mark("lshkg-map-ready");  // read by bench/map_bench.py
  }
}

function bindNetwork(network) {
  network.on("stabilizationIterationsDone", function () {
    if (state.waitingForStable) {
      applyPhysicsSwitch();
      network.fit();
      markReady();
    }
  });
  network.on("stabilized", function () {
    if (state.waitingForStable) {
      applyPhysicsSwitch();
      markReady();
    }
    if (state.refitWhenStable) {
      fitTo(network);
    }
  });
  ["dragStart", "zoom"].forEach(function (name) {
    network.on(name, function () { state.refitWhenStable = false; });
  });
  network.on("click", function (event) {
    if (event.nodes.length) {
      var item = state.nodes.get(event.nodes[0]);
      if (item && item.cluster) {
        openCluster(item);
      } else {
        showNode(event.nodes[0]);
      }
    } else if (event.edges.length) {
      showEdge(event.edges[0]);
    }
  });
  network.on("doubleClick", function (event) {
    var item = event.nodes.length ? state.nodes.get(event.nodes[0]) : null;
    if (item && !item.cluster) {
      toggleExpand(item.id);
    }
  });
  network.on("afterDrawing", function (ctx) {
    keepFitted(network);
    drawLabels(ctx, network);
  });
  network.on("beforeDrawing", function (ctx) {
    if (state.params.layout === "geo") {
      drawGeography(ctx, network);
    }
  });
}
