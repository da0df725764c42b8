/* The view as lists beside the canvas: every node and every link the map draws, as buttons that open
 * their details (and take the keyboard focus there). What a mouse does on the canvas, the keyboard
 * and a screen reader do here.
 */

import { selectEntity } from "./actions.js";
import { byId, clear, el } from "./dom.js";
import { showEdge } from "./panel.js";
import { state } from "./state.js";
import { t } from "../i18n.js";
import { kindName, labelOf, number, pick } from "./texts.js";

function entry(text, onChoose) {
  var item = el("li");
  var choose = el("button", "list-entry", text);
  choose.type = "button";
  choose.addEventListener("click", onChoose);
  item.appendChild(choose);
  return item;
}

export function renderViewList(view) {
  byId("view-list-summary").textContent = t("{nodes} nodes, {edges} links", { nodes: number(view.nodes.length),
    edges: number(view.edges.filter(function (edge) { return !edge.aggregate; }).length) });
  var nodes = byId("view-list-nodes");
  clear(nodes);
  view.nodes.forEach(function (node) {
    var item = entry(pick(node.labels, node.id) + " — " + kindName(node.kind, node.family), function () {
      selectEntity(node.id, true);
    });
    item.dataset.id = node.id;
    nodes.appendChild(item);
  });
  var links = byId("view-list-links");
  clear(links);
  view.edges.forEach(function (edge) {
    if (edge.aggregate) {
      return;
    }
    var id = edge.from + "|" + edge.predicate + "|" + edge.to;
    var says = edge.general ? " (" + t("general knowledge (no document)") + ")" : "";
    var item = entry(labelOf(edge.from) + " — " + pick(state.view.predicates[edge.predicate], edge.predicate) +
      " → " + labelOf(edge.to) + says, function () { showEdge(id, true); });
    item.dataset.id = id;
    links.appendChild(item);
  });
}
