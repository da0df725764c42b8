/* The links view: a SELECT answer with two or more IRI columns drawn as a network (vis-network,
 * string labels: text). Each row links its first IRI to its last, named by a middle IRI column
 * (a predicate) when there is one; names as in the simple view.
 */

import { el } from "./dom.js";
import { loadLabels, resultRows, termText } from "./terms.js";
import { t } from "../i18n.js";

const MAX_ROWS = 1000;

export function linkColumns(answer) {
  var iris = answer.variables.filter(function (name) {
    var bound = answer.rows.filter(function (row) { return row[name]; });
    return bound.length > 0 && bound.every(function (row) { return row[name].type === "uri"; });
  });
  if (iris.length < 2) {
    return null;
  }
  return { from: iris[0], to: iris[iris.length - 1], via: iris.length > 2 ? iris[1] : null };
}

function networkData(answer, columns) {
  var nodes = {};
  var edges = [];
  answer.rows.slice(0, MAX_ROWS).forEach(function (row) {
    var from = row[columns.from], to = row[columns.to];
    if (!from || !to) {
      return;
    }
    [from, to].forEach(function (term) {
      nodes[term.value] = { id: term.value, label: termText(term), title: term.value };
    });
    edges.push({ from: from.value, to: to.value, arrows: "to",
      label: columns.via && row[columns.via] ? termText(row[columns.via]) : undefined });
  });
  return { nodes: Object.values(nodes), edges: edges };
}

export class LinksView {
  constructor(yasr) {
    this.yasr = yasr;
    this.priority = 4;
    this.label = t("Links");
    this.network = null;
  }

  canHandleResults() {
    var answer = resultRows(this.yasr);
    return Boolean(window.vis && answer && answer.rows.length && linkColumns(answer));
  }

  getIcon() {
    return el("span", "view-icon", "⋈");
  }

  destroy() {
    if (this.network) {
      this.network.destroy();
      this.network = null;
    }
  }

  draw() {
    var view = this;
    var answer = resultRows(this.yasr);
    var columns = linkColumns(answer);
    var box = el("div", "links-view");
    box.setAttribute("role", "img");
    this.yasr.resultsEl.appendChild(box);
    return loadLabels(answer.rows.slice(0, MAX_ROWS)).then(function () {
      if (!box.isConnected) {
        return;
      }
      var data = networkData(answer, columns);
      box.setAttribute("aria-label", t("Network of {nodes} nodes and {edges} links", { nodes: data.nodes.length, edges: data.edges.length }));
      view.destroy();
      view.network = new window.vis.Network(box, data, {
        nodes: { shape: "dot", size: 10, font: { size: 13 } },
        edges: { font: { size: 11, align: "middle" }, color: { color: "#8a98a8" } },
        physics: { solver: "forceAtlas2Based", stabilization: { iterations: 200, fit: true } },
        interaction: { hover: true }
      });
      box.dataset.nodes = String(data.nodes.length);
      box.dataset.edges = String(data.edges.length);
      window.lshkgEditor.links = view.network;
    });
  }
}
