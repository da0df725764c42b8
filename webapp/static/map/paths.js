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
import { t } from "../i18n.js";
import { labelOf, pick } from "./texts.js";
import { change } from "./view.js";

// a shared attribute's step, said as such, by the attribute's family
function sharedText(family, name) {
  var values = { name: name };
  return {
    city: t("both in {name}", values), hotspot: t("both in {name}", values), region: t("both in {name}", values), area: t("both work on {name}", values),
    concept: t("both about {name}", values)
  }[family];
}
const WITH_ATTRIBUTES = ["region"];  // never through "the Netherlands", even when attributes are asked for

function sharedKey(id) {
  var node = state.nodeIndex[id];
  return node && ["city", "hotspot", "region", "area", "concept"].indexOf(node.family) >= 0 ? node.family : null;
}

function pathText(ids) {
  // "Kite · both work on Oncology · Janssen" for a shared attribute, "A → B" for a link
  var text = labelOf(ids[0]);
  for (var index = 1; index < ids.length; index += 1) {
    var key = index < ids.length - 1 ? sharedKey(ids[index]) : null;
    if (key) {
      text += " · " + sharedText(key, labelOf(ids[index])) + " · ";
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
  box.appendChild(el("h2", null, shared ? t("What {a} and {b} have in common", { a: a, b: b }) : t("How {a} and {b} are connected", { a: a, b: b })));
  if (!path.found) {
    var asked = state.params.avoid !== null && state.params.avoid.indexOf("city") < 0;
    box.appendChild(el("p", "path-none", asked ? t("No path between {a} and {b}, not even through shared places and areas.", { a: a, b: b })
      : t("The sources name no chain of links (membership, partnership, deal, investment, site, post, funding) between {a} and {b}.", { a: a, b: b })));
    if (!asked) {
      box.appendChild(button(t("Show what they have in common (places, areas)"), function () {
        change(function (p) { p.avoid = WITH_ATTRIBUTES.slice(); });
      }));
    }
    return;
  }
  if (shared) {
    box.appendChild(el("p", "path-shared-note", t("Some steps are shared places or areas, not links: “both in Leiden” does not mean that they work together.", { a: a, b: b })));
  }
  box.appendChild(el("p", null, t("{count} shortest path(s), {length} step(s) each:", { count: path.paths.length, length: path.length })));
  var list = el("ol", "path-list");
  path.paths.forEach(function (ids) { list.appendChild(el("li", "path-item", pathText(ids))); });
  box.appendChild(list);
  if (path.told) {
    box.appendChild(toldPaths(path.told));
    return;
  }
  var section = el("section", "panel-section");
  section.appendChild(el("h3", null, t("Evidence for each step")));
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
  section.appendChild(el("h3", null, t("Step by step, with the documents' words")));
  told.forEach(function (path, index) {
    if (told.length > 1) {
      section.appendChild(el("h4", null, t("Path {n}", { n: index + 1 })));
    }
    var list = el("ol", "path-sentences");
    path.hops.forEach(function (hop) {
      var item = el("li", "path-sentence" + (hop.shared ? " shared" : ""));
      item.dataset.from = hop.from;
      item.dataset.to = hop.to;
      item.appendChild(el("p", "sentence", hop.sentence));
      if (hop.shared) {
        item.appendChild(el("p", "path-shared-note", t("A shared attribute, not a link between the two.")));
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
    byId("map-message").textContent = t("Choose both ends from the suggestions.");
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
