/* The page around the map after each view: the controls set from the
 * parameters, the counts and the banner of a reduced view; then the network and the panel.
 */

import { renderChips } from "./chips.js";
import { byId, clear, el } from "./dom.js";
import { updateExport } from "./export.js";
import { ensureOutline } from "./geo.js";
import { renderLegend } from "./legend.js";
import { renderLenses } from "./lenses.js";
import { drawNetwork } from "./network.js";
import { focusNode, whenReady } from "./actions.js";
import { showNode } from "./panel.js";
import { renderPath } from "./paths.js";
import { renderTime } from "./time.js";
import { renderCommunities, renderWords } from "./words.js";
import { renderViewList } from "./viewlist.js";
import { state } from "./state.js";
import { t } from "../i18n.js";
import { number, pick } from "./texts.js";

export function render(view) {
  state.nodeIndex = {};
  state.marginIds = {};
  view.nodes.concat(view.clusters).forEach(function (node) {
    state.nodeIndex[node.id] = node;
    if (node.margin) {
      state.marginIds[node.id] = node.margin;
    }
  });
  view.legend.forEach(function (family) { state.families[family.key] = family; });
  if (view.layout === "geo") {
    ensureOutline();
  }
  syncControls();
  renderCounts(view);
  renderChips(view);
  renderLegend(view);
  renderLenses();
  renderAbout();
  renderViewList(view);
  renderTime(view);
  renderCommunities(view);
  renderWords();
  updateExport();
  var shown = byId("map-panel");
  var language = state.renderedLang;
  state.renderedLang = state.params.lang;
  drawNetwork(view);
  var select = state.params.select;
  if (view.path) {
    renderPath(view.path);
  } else if (select && language === undefined && state.nodeIndex[select]) {
    whenReady(function () { focusNode(select); });  // a link to a chosen entity opens with its details
  } else if (shown.dataset.kind === "node" && shown.dataset.node && language !== state.params.lang) {
    showNode(shown.dataset.node);  // the panel in the new language
  } else if (view.focus && !shown.dataset.kind) {
    showNode(view.focus);  // a neighbourhood opens with its centre's details
  }
}

function renderAbout() {
  var about = state.options && state.options.about;
  if (!about) {
    return;
  }
  var names = about.documents.map(function (doc) { return pick(doc.labels, doc.id); });
  var box = byId("map-about");
  box.textContent = t("{count} source documents · dataset {dataset}, built {built} · lsh-kg {version}", { count: about.documents.length, built: about.built || "?",
    dataset: about.dataset || "?",
    version: about.version || "?" });
  box.title = names.join("\n");
}

function renderCounts(view) {
  var counts = view.counts;
  var text = t("{nodes} nodes · {edges} links", { nodes: number(counts.nodes), edges: number(counts.edges) });
  if (counts.clusters) {
    text += t(" · {clusters} clusters", { clusters: number(counts.clusters) });
  }
  if (counts.matched !== counts.nodes) {
    text += t(" (of {matched} in this view)", { matched: number(counts.matched) });
  }
  text += t(" · whole graph: {total} nodes", { total: number(counts.total.nodes) });
  (view.chosen.partnership || []).forEach(function (chosen) {
    if (chosen.members === 0) {
      text += " · " + t("{name}: no members named in the sources", { name: pick(chosen.labels, chosen.id) });
    }
  });
  var box = byId("map-counts");
  box.textContent = text;
  box.dataset.nodes = String(counts.nodes);
  box.dataset.matched = String(counts.matched);
  var banner = byId("reduced-banner");
  banner.hidden = !view.reduced;
  banner.textContent = view.reduced ? t("Large view: {matched} nodes, more than the {max} drawn at once. Shown: the {nodes} most connected, the rest in {clusters} clusters (dashed circles). Click a cluster to open it, or narrow the view with a filter or a lens.", { matched: number(counts.matched), max: number(view.maxNodes),
    nodes: number(counts.nodes), clusters: number(counts.clusters) }) : "";
}

// the shipped data, then each user's import, named in the page's language
function sourceItems(sources) {
  return sources.map(function (source) {
    var name = source.id === "shipped" ? t("shipped (the documents)") : t("imported: {name}", { name: source.id });
    return { id: source.id, count: source.count, labels: { en: name, nl: name } };
  });
}

function fillSelect(select, items, current) {
  var keep = select.options[0];
  clear(select);
  select.appendChild(keep);
  var groups = {};
  items.forEach(function (item) {
    var family = state.families[item.family];
    var groupName = family ? pick(family.labels, item.family) : item.family;
    if (!item.family) {  // a choice of no family (the sources) goes straight into the list
      groups[groupName] = select;
    } else if (!groups[groupName]) {
      groups[groupName] = el("optgroup");
      groups[groupName].label = groupName;
      select.appendChild(groups[groupName]);
    }
    var unnamed = select.id === "filter-partnership" && !item.count;  // a partnership no source names members of
    var count = unnamed ? t("no members named in the sources") : number(item.count);
    var option = el("option", null, pick(item.labels, item.id) + " (" + count + ")");
    option.value = item.id;
    groups[groupName].appendChild(option);
  });
  select.value = current || "";
}

function syncControls() {
  var params = state.params;
  if (state.options) {
    fillSelect(byId("filter-place"), state.options.places, params.place[0]);
    fillSelect(byId("filter-partnership"), state.options.partnerships, params.partnership[0]);
    fillSelect(byId("filter-area"), state.options.areas, params.area[0]);
    fillSelect(byId("filter-source"), sourceItems(state.options.sources || []), params.source[0]);
  }
  byId("filter-year-from").value = params.year_from;
  byId("filter-year-to").value = params.year_to;
  document.querySelectorAll("input[name=layout]").forEach(function (radio) {
    radio.checked = radio.value === params.layout;
  });
  byId("physics-toggle").checked = params.physics !== "off";
  byId("physics-toggle").disabled = params.layout !== "force";
  byId("cluster-mode").value = params.cluster;
  byId("colour-mode").value = params.colour;
  byId("path-attributes").checked = params.avoid !== null && params.avoid.indexOf("city") < 0;
  document.querySelectorAll("#show-attributes input").forEach(function (box) {
    box.checked = params.show.indexOf(box.value) >= 0;
  });
}
