/* What vis-network draws for the view: nodes, clusters and links as vis items (colours, sizes, titles
 * as plain text), the marks of a path (the rest dimmed), and the network's options for each layout.
 * Node labels are drawn by labels.js (by importance, never overlapping), not by vis-network.
 */

import { state } from "./state.js";
import { t } from "../i18n.js";
import { kindName, labelOf, number, pick } from "./texts.js";
import { isNew, isUndated } from "./time.js";

const PATH_COLOUR = "#ff5a00";
const NEW_COLOUR = "#00a651";
const BROKER_COLOUR = "#111111";  // began since the previous step of the year slider
const COMMUNITY_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
  "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#ad494a", "#637939", "#8c6d31", "#7b4173", "#3182bd"];

export function darker(hex) {
  var value = parseInt(hex.slice(1), 16);
  var r = Math.round(((value >> 16) & 255) * 0.7);
  var g = Math.round(((value >> 8) & 255) * 0.7);
  var b = Math.round((value & 255) * 0.7);
  return "#" + ((1 << 24) + (r << 16) + (g << 8) + b).toString(16).slice(1);
}

export function communityColour(number) {
  // groups are numbered from 1 as /overview numbers them; 0: in no group (places, themes, unlinked)
  return number > 0 ? COMMUNITY_COLOURS[(number - 1) % COMMUNITY_COLOURS.length] : "#c8ccd0";
}

function nodeColour(node) {
  if (state.params.colour === "community") {
    return communityColour(node.community);
  }
  return (state.families[node.family] || {}).colour || "#b0b0b0";
}

function nodeTitle(node) {
  var lines = [pick(node.labels, node.id), kindName(node.kind, node.family), t("{n} links", { n: node.degree })];
  if (node.year) {
    lines.push(t("year {year}", { year: node.year }));
  }
  if (node.broker && state.params.colour === "community") {
    lines.push(t("links groups that otherwise stand apart"));
  }
  if (isNew(node)) {
    lines.push(t("new: since {year}", { year: node.since }));
  } else if (isUndated(node)) {
    lines.push(t("undated: the sources give no year"));
  }
  return lines.join("\n");
}

function clusterName(cluster) {
  var parts = [];
  if (cluster.facets.kind) {
    parts.push(pick(cluster.facets.kind.labels, cluster.facets.kind.key));
  }
  if (cluster.facets.city) {
    parts.push(cluster.facets.city.id ? pick(cluster.facets.city.labels, cluster.facets.city.id) : t("Not placed"));
  }
  return parts.length ? parts.join(" · ") : t("other groups");
}

function clusterTitle(cluster) {
  var names = cluster.top.map(function (labels) { return pick(labels); }).join(", ");
  return [t("{count} not drawn one by one: {name}", { count: number(cluster.count), name: clusterName(cluster) }),
    t("Most connected: {names}", { names: names }), cluster.openable ? t("Click to open.") : t("Open already: narrow the view with filters to see the rest.")].join("\n");
}

const HIDDEN_LABEL = { color: "rgba(0,0,0,0)", strokeWidth: 0 };  // labels.js draws them, by importance

function dimmed(onPath) {
  // a path shown inside a larger view: the rest fades, so the path reads at a glance
  return !onPath && state.view && state.view.path && state.view.path.found;
}

export function visNode(node, onPath) {
  var colour = nodeColour(node);
  var family = state.families[node.family] || {};
  var focused = state.view && state.view.focus === node.id;
  var item = {
    font: HIDDEN_LABEL, opacity: dimmed(onPath) ? 0.25 : 1,
    id: node.id, label: pick(node.labels, node.id), title: nodeTitle(node), shape: family.shape || "dot",
    value: Math.sqrt(node.degree + 1),
    color: { background: colour, border: onPath ? PATH_COLOUR : darker(colour),
      highlight: { background: colour, border: "#111" }, hover: { background: colour, border: "#111" } },
    borderWidth: onPath ? 4 : (focused ? 3 : 1.5),
    family: node.family, kind: node.kind, degree: node.degree, onPath: !!onPath, cluster: false,
    since: node.since, fresh: isNew(node), undated: isUndated(node)
  };
  // kept, but the sources give it no year: a dashed border (set either way, as views update in place)
  item.shapeProperties = { borderDashes: item.undated ? [3, 3] : false };
  if (node.broker && state.params.colour === "community" && !onPath) {
    item.color.border = BROKER_COLOUR;  // links groups that otherwise stand apart
    item.borderWidth = 4;
    item.broker = true;
  }
  if (item.fresh && !onPath) {
    item.color.border = NEW_COLOUR;
    item.borderWidth = 4;
  }
  placeItem(item, node);
  return item;
}

export function visCluster(cluster) {
  var colour = cluster.facets.kind ? (state.families[cluster.facets.kind.key] || {}).colour || "#b0b0b0" : "#8aa1b8";
  var item = {
    id: cluster.id, label: clusterName(cluster) + " (" + number(cluster.count) + ")", title: clusterTitle(cluster),
    shape: "dot", value: 3 + Math.sqrt(cluster.count),
    color: { background: colour + "55", border: darker(colour), highlight: { background: colour + "88", border: "#111" } },
    borderWidth: 2.5, shapeProperties: { borderDashes: [6, 4] }, font: { size: 14, bold: true },
    cluster: true, key: cluster.key, openable: cluster.openable, count: cluster.count
  };
  placeItem(item, cluster);
  return item;
}

function placeItem(item, data) {
  if (state.params.layout === "geo") {
    item.x = data.x;
    item.y = data.y;
    item.fixed = { x: true, y: true };
    item.physics = false;
  } else if (state.params.layout === "hierarchical") {
    item.level = data.level;
  } else if (data.x !== undefined) {
    // placed by the server when the dataset was built: the physics settles it from there
    item.x = data.x;
    item.y = data.y;
  }
}

export function pathPairs(view) {
  var pairs = {};
  var nodes = {};
  if (view.path && view.path.paths) {
    view.path.paths.forEach(function (path) {
      path.forEach(function (id, index) {
        nodes[id] = true;
        if (index > 0) {
          pairs[path[index - 1] + "\n" + id] = true;
          pairs[id + "\n" + path[index - 1]] = true;
        }
      });
    });
  }
  return { pairs: pairs, nodes: nodes };
}

export function visEdge(edge, onPath) {
  if (edge.aggregate) {
    return {
      id: edge.id, from: edge.from, to: edge.to, aggregate: true, count: edge.count, dashes: [4, 4],
      width: Math.min(8, 1 + Math.log2(edge.count)), color: { color: "#9aa5b1", highlight: "#1f5fae" },
      title: t("{n} links", { n: number(edge.count) })
    };
  }
  var predicate = pick(state.view.predicates[edge.predicate], edge.predicate);
  var id = edge.from + "|" + edge.predicate + "|" + edge.to;
  // links to the margins (abroad, not placed) would cross the whole map: drawn faint
  var faint = state.marginIds[edge.from] || state.marginIds[edge.to];
  var says = edge.general ? t("general knowledge (no document)") : (edge.evidence === 1 ? t("1 quote") : t("{n} quotes", { n: edge.evidence }));
  return {
    id: id, from: edge.from, to: edge.to, predicate: edge.predicate, onPath: !!onPath,
    arrows: { to: { enabled: true, scaleFactor: 0.45 } }, dashes: !!edge.general,
    since: edge.since, fresh: isNew(edge),
    width: onPath || isNew(edge) ? 4 : 1, color: onPath ? { color: PATH_COLOUR, highlight: PATH_COLOUR }
      : isNew(edge) ? { color: NEW_COLOUR, highlight: NEW_COLOUR }
      : { color: faint || dimmed(onPath) ? "rgba(150,165,180,0.18)" : "#8d99a6", highlight: "#1f5fae",
        hover: "#56708f" },
    title: labelOf(edge.from) + " — " + predicate + " → " + labelOf(edge.to) + "\n" + says
  };
}

export function networkOptions(view) {
  var count = view.nodes.length + view.clusters.length;
  var big = count > 300;
  var options = {
    autoResize: true,
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, multiselect: false },
    // sized by connectedness; the labels of well-connected nodes stay readable when zoomed out
    nodes: { font: { size: 12, color: "#1d2733", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { min: 7, max: 42, label: { enabled: true, min: 11, max: 24, maxVisible: 30, drawThreshold: 7 } } },
    edges: { smooth: big ? false : { type: "continuous", roundness: 0.2 }, selectionWidth: 2 },
    layout: { randomSeed: 7, improvedLayout: count <= 150 }
  };
  if (view.layout === "geo") {
    options.nodes.scaling.max = 24;  // many share one city: smaller, so they stay apart
  }
  if (view.layout === "force") {
    options.physics = {
      enabled: true, solver: "forceAtlas2Based", minVelocity: 1.5, timestep: 0.5,
      forceAtlas2Based: { gravitationalConstant: -70, springLength: 95, springConstant: 0.06, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: big ? 220 : 450, updateInterval: 50, fit: true }
    };
  } else if (view.layout === "hierarchical") {
    options.layout.hierarchical = { enabled: true, direction: "UD", sortMethod: "directed",
      levelSeparation: big ? 260 : 170, nodeSpacing: big ? 70 : 120, treeSpacing: big ? 80 : 150,
      blockShifting: true, edgeMinimization: count <= 300, parentCentralization: true };
    options.physics = { enabled: false };
  } else {
    options.physics = { enabled: false };
  }
  return options;
}
