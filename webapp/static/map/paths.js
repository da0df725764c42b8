/* "How are these two connected?": the two ends (chosen from suggestions or from a node's panel), the
 * request for the shortest paths, and the panel that lists them with the evidence for each step.
 *
 * By default paths run over links between actors (memberships, partnerships, deals, sites, posts,
 * ...). Hops through a shared attribute (a city, a therapeutic area) come only when asked for, and
 * are then told as what they are: "both in Leiden", not a link.
 */

import { byId, el } from "./dom.js";
import { button, evidenceList, panel } from "./evidence.js";
import { autocomplete } from "./search.js";
import { state } from "./state.js";
import { labelOf, pick, t } from "./texts.js";
import { change } from "./view.js";

const SHARED = { city: "shared-place", hotspot: "shared-place", region: "shared-place", area: "shared-area",
  concept: "shared-theme" };
const WITH_ATTRIBUTES = ["region"];  // never through "the Netherlands", even when attributes are asked for

function sharedKey(id) {
  var node = state.nodeIndex[id];
  return node ? SHARED[node.family] : null;
}

function pathText(ids) {
  // "Kite · both work on Oncology · Janssen" for a shared attribute, "A → B" for a link
  var text = labelOf(ids[0]);
  for (var index = 1; index < ids.length; index += 1) {
    var key = index < ids.length - 1 ? sharedKey(ids[index]) : null;
    if (key) {
      text += " · " + t(key, { name: labelOf(ids[index]) }) + " · ";
    } else {
      text += (index > 1 && sharedKey(ids[index - 1]) ? "" : " → ") + labelOf(ids[index]);
    }
  }
  return text;
}

export function renderPath(path) {
  var box = panel();
  box.dataset.kind = "path";
  var a = labelOf(path.from);
  var b = labelOf(path.to);
  var shared = path.found && path.paths.some(function (ids) {
    return ids.slice(1, -1).some(function (id) { return sharedKey(id); });
  });
  box.dataset.shared = shared ? "true" : "false";
  box.appendChild(el("h2", null, t(shared ? "path-title-shared" : "path-title", { a: a, b: b })));
  if (!path.found) {
    var asked = state.params.avoid !== null && state.params.avoid.indexOf("city") < 0;
    box.appendChild(el("p", "path-none", t(asked ? "path-none-anything" : "path-none", { a: a, b: b })));
    if (!asked) {
      box.appendChild(button(t("path-try-shared"), function () {
        change(function (p) { p.avoid = WITH_ATTRIBUTES.slice(); });
      }));
    }
    return;
  }
  if (shared) {
    box.appendChild(el("p", "path-shared-note", t("path-shared-note", { a: a, b: b })));
  }
  box.appendChild(el("p", null, t("path-summary", { count: path.paths.length, length: path.length })));
  var list = el("ol", "path-list");
  path.paths.forEach(function (ids) { list.appendChild(el("li", "path-item", pathText(ids))); });
  box.appendChild(list);
  if (path.told) {
    box.appendChild(toldPaths(path.told));
    return;
  }
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

function toldPaths(told) {
  // each path hop by hop, as the server tells it in the view's language: a sentence, then the
  // document's words that say so; a hop through a shared attribute says "both have ...", not a link
  var section = el("section", "panel-section path-told");
  section.appendChild(el("h3", null, t("path-sentences")));
  told.forEach(function (path, index) {
    if (told.length > 1) {
      section.appendChild(el("h4", null, t("path-number", { n: index + 1 })));
    }
    var list = el("ol", "path-sentences");
    path.hops.forEach(function (hop) {
      var item = el("li", "path-sentence" + (hop.shared ? " shared" : ""));
      item.dataset.from = hop.from;
      item.dataset.to = hop.to;
      item.appendChild(el("p", "sentence", hop.sentence));
      if (hop.shared) {
        item.appendChild(el("p", "path-shared-note", t("path-shared-hop")));
      }
      item.appendChild(evidenceList(hop.evidence));
      list.appendChild(item);
    });
    section.appendChild(list);
  });
  return section;
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
  var avoid = byId("path-attributes").checked ? WITH_ATTRIBUTES.slice() : null;
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
