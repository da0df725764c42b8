/* "How are these two connected?": the two ends (chosen from suggestions or from a node's panel), the
 * request for the shortest paths, and the panel that lists them with the evidence for each step.
 */

import { byId, el } from "./dom.js";
import { evidenceList, panel } from "./evidence.js";
import { autocomplete } from "./search.js";
import { state } from "./state.js";
import { labelOf, pick, t } from "./texts.js";
import { change } from "./view.js";

export function renderPath(path) {
  var box = panel();
  box.dataset.kind = "path";
  var a = labelOf(path.from);
  var b = labelOf(path.to);
  box.appendChild(el("h2", null, t("path-title", { a: a, b: b })));
  if (!path.found) {
    box.appendChild(el("p", "path-none", t("path-none", { a: a, b: b,
      avoid: state.params.avoid === null || state.params.avoid.length ? t("path-none-avoid") : "" })));
    return;
  }
  box.appendChild(el("p", null, t("path-summary", { count: path.paths.length, length: path.length })));
  var list = el("ol", "path-list");
  path.paths.forEach(function (ids) {
    list.appendChild(el("li", "path-item", ids.map(labelOf).join(" → ")));
  });
  box.appendChild(list);
  var section = el("section", "panel-section");
  section.appendChild(el("h3", null, t("path-hops")));
  path.hops.forEach(function (hop) {
    var item = el("div", "path-hop");
    hop.links.forEach(function (link) {
      item.appendChild(el("div", "path-link", labelOf(link.from) + " — " + pick(link.labels, link.predicate) +
        " → " + labelOf(link.to)));
      item.appendChild(evidenceList(link.evidence));
    });
    section.appendChild(item);
  });
  box.appendChild(section);
}

export function setPathEnd(which, id, label) {
  state.path[which] = id;
  byId("path-" + which).value = label;
  if (state.path.from && state.path.to) {
    findPath();
  }
}

function findPath() {
  if (!state.path.from || !state.path.to) {
    byId("map-message").textContent = t("path-need");
    return;
  }
  var avoid = byId("path-avoid").checked ? null : [];
  change(function (p) { p.from = state.path.from; p.to = state.path.to; p.avoid = avoid; });
}

export function bindPaths() {
  autocomplete(byId("path-from"), byId("path-from-list"), function (id) { state.path.from = id; });
  autocomplete(byId("path-to"), byId("path-to-list"), function (id) { state.path.to = id; });
  byId("path-find").addEventListener("click", findPath);
  byId("path-clear").addEventListener("click", function () {
    state.path = { from: null, to: null };
    byId("path-from").value = "";
    byId("path-to").value = "";
    change(function (p) { p.from = ""; p.to = ""; p.avoid = null; });
  });
}
