/* The network view of CONSTRUCT and DESCRIBE answers: the server turns the graph into nodes and links
 * (/api/construct-network), vis-network draws them with string titles (text), a click shows details.
 */

import { byId, el, fetchJson, shorten } from "./dom.js";
import { NETWORK_API, app, state } from "./state.js";
import { t } from "../i18n.js";
import { pick } from "./texts.js";

export function hideNetwork() {
  if (state.networkRequest) {
    state.networkRequest.abort();
    state.networkRequest = null;
  }
  if (state.network) {
    state.network.destroy();
    state.network = null;
  }
  state.networkData = null;
  byId("network-panel").hidden = true;
  delete app.dataset.network;
}

function setNetworkCount(nodes, edges) {
  var count = byId("network-count");
  count.dataset.nodeCount = String(nodes);
  count.dataset.edgeCount = String(edges);
  count.textContent = t("{nodes} nodes · {edges} links", { nodes: nodes, edges: edges });
}

export function loadNetwork(query, queryId) {
  hideNetwork();
  var panel = byId("network-panel");
  var status = byId("network-status");
  panel.hidden = false;
  app.dataset.network = "loading";
  byId("network-count").textContent = "";
  byId("network-canvas").replaceChildren();
  resetDetails();
  status.textContent = t("Drawing the network…");
  var controller = new AbortController();
  state.networkRequest = controller;
  fetchJson(NETWORK_API, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Accept": "application/json",
      "Lshkg-Query-Id": queryId + "-network" },
    body: JSON.stringify({ query: query }),
    signal: controller.signal
  }).then(function (data) {
    if (state.networkRequest !== controller) {
      return;
    }
    state.networkRequest = null;
    drawNetwork(data);
  }, function (error) {
    if (state.networkRequest !== controller || error.name === "AbortError") {
      return;
    }
    state.networkRequest = null;
    status.textContent = t("The network could not be drawn: {error}", { error: error.message });
    app.dataset.network = "error";
  });
}

function nodeLabel(node) {
  return pick(node.labels) || node.label;
}

function nodeTooltip(node) {
  var lines = [nodeLabel(node)];
  if (node.iri) {
    lines.push(node.iri);
  }
  node.attributes.slice(0, 12).forEach(function (attribute) {
    lines.push(attribute.label + ": " + shorten(attribute.value, 120)
      + (attribute.language ? " @" + attribute.language : ""));
  });
  if (node.attributes.length > 12) {
    lines.push("… +" + (node.attributes.length - 12));
  }
  return lines.join("\n");
}

function visNodes(data) {
  return data.nodes.map(function (node) {
    return { id: node.id, label: shorten(nodeLabel(node), 40), title: nodeTooltip(node), group: node.kind };
  });
}

function drawNetwork(data) {
  var status = byId("network-status");
  var canvas = byId("network-canvas");
  state.networkData = data;
  state.networkNodes = {};
  data.nodes.forEach(function (node) {
    state.networkNodes[node.id] = node;
  });
  setNetworkCount(data.nodes.length, data.edges.length);
  status.textContent = data.truncated ? t("Only part of the graph is drawn: the answer was cut.")
    : (data.nodes.length === 0 ? t("The answer holds no triples.") : "");
  status.className = data.truncated ? "warning-text" : "muted";
  app.dataset.network = "ready";
  if (data.nodes.length === 0 || typeof window.vis === "undefined") {
    return;
  }
  var many = data.edges.length > 300;
  var edges = data.edges.map(function (edge, index) {
    return {
      id: index, from: edge.from, to: edge.to,
      label: many ? undefined : edge.label, title: edge.label + "\n" + edge.predicate
    };
  });
  var options = {
    autoResize: true,
    layout: { improvedLayout: data.nodes.length <= 150 },
    nodes: { shape: "dot", size: 12, font: { size: 13, face: "system-ui, sans-serif", color: "#1d2733" } },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.6 } },
      color: { color: "#9aa4b1", highlight: "#1f5fae", hover: "#1f5fae" },
      font: { size: 10, face: "system-ui, sans-serif", color: "#4a5563", strokeWidth: 3, align: "middle" },
      smooth: { type: "continuous" }
    },
    groups: {
      entity: { color: { background: "#2f6fb5", border: "#1f4f85", highlight: { background: "#4d8ad0", border: "#1f4f85" } } },
      iri: { shape: "box", color: { background: "#eef1f5", border: "#9aa4b1" }, font: { size: 12 } },
      bnode: { size: 7, color: { background: "#c4c9d0", border: "#8e96a1" } }
    },
    physics: { solver: "forceAtlas2Based", stabilization: { iterations: 200, fit: true } },
    interaction: { hover: true, tooltipDelay: 150, keyboard: false }
  };
  state.network = new window.vis.Network(canvas, { nodes: visNodes(data), edges: edges }, options);
  state.network.once("stabilizationIterationsDone", function () {
    if (state.network) {
      state.network.setOptions({ physics: false });
    }
  });
  state.network.on("click", function (event) {
    if (event.nodes.length) {
      showDetails(event.nodes[0]);
    }
  });
}

export function relabelNetwork() {
  if (state.network && state.networkData) {
    state.network.body.data.nodes.update(visNodes(state.networkData));
  }
  if (state.networkData) {
    setNetworkCount(state.networkData.nodes.length, state.networkData.edges.length);
  }
}

function resetDetails() {
  var details = byId("network-details");
  details.replaceChildren(el("p", "muted", t("Click a node to see its details.")));
}

function showDetails(id) {
  var node = state.networkNodes && state.networkNodes[id];
  if (!node) {
    return;
  }
  var details = byId("network-details");
  details.replaceChildren();
  details.appendChild(el("h3", null, nodeLabel(node)));
  details.appendChild(el("p", "muted", { entity: t("entity of this graph"), iri: t("IRI"), bnode: t("blank node") }[node.kind] || node.kind));
  if (node.href) {
    var link = el("a", "entity-link", node.prefixed || node.iri);
    link.href = node.href;
    link.title = t("Open the entity page");
    details.appendChild(el("p")).appendChild(link);
  } else if (node.iri) {
    details.appendChild(el("p")).appendChild(el("code", null, node.iri));
  }
  var list = el("dl");
  Object.keys(node.labels).forEach(function (language) {
    list.appendChild(el("dt", null, "label" + (language ? " @" + language : "")));
    list.appendChild(el("dd", null, node.labels[language]));
  });
  node.attributes.forEach(function (attribute) {
    var term = el("dt", null, attribute.label);
    term.title = attribute.predicate;
    list.appendChild(term);
    list.appendChild(el("dd", null, attribute.value + (attribute.language ? " @" + attribute.language : "")));
  });
  if (list.children.length) {
    details.appendChild(list);
  }
}
