/* The details panel for what was clicked: a node (its kind, facts, links and their evidence, and
 * actions on it) or a link (which document says so; for a bundle of links between clusters, a way in).
 */

import { openCluster, selectEntity, toggleExpand } from "./actions.js";
import { byId, el, fetchJson } from "./dom.js";
import { openDrawer } from "./drawers.js";
import { button, evidenceList, factRow, panel } from "./evidence.js";
import { swatch } from "./legend.js";
import { setPathEnd } from "./paths.js";
import { D, entityHref, isOwn, state } from "./state.js";
import { t } from "../i18n.js";
import { number, pick } from "./texts.js";
import { change } from "./view.js";

function takeFocusIn(box) {
  // asked for from the keyboard (search, the list of the view): the details take the focus
  var heading = box.querySelector("h2");
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

export function showNode(id, takeFocus) {
  openDrawer("panel");
  var box = panel();
  box.dataset.node = id;
  box.dataset.kind = "node";
  box.appendChild(el("p", "muted", t("Loading…")));
  return fetchJson(D.nodeApi + encodeURIComponent(id)).then(function (details) {
    if (byId("map-panel").dataset.node === id) {
      renderNode(details);
      if (takeFocus) {
        takeFocusIn(byId("map-panel"));
      }
    }
  }).catch(function (error) {
    var again = panel();
    again.appendChild(el("p", "banner error", error.message || String(error)));
  });
}

function renderNode(d) {
  var box = panel();
  box.dataset.node = d.id;
  box.dataset.kind = "node";
  box.appendChild(el("h2", "panel-title", pick(d.labels, d.id)));
  var kind = el("div", "panel-kind");
  var family = state.families[d.family] || {};
  kind.appendChild(swatch(family.shape || "dot", family.colour || "#b0b0b0"));
  kind.appendChild(el("span", "panel-kind-name", pick(d.kindLabels, d.kind)));
  box.appendChild(kind);
  (d.imported || []).forEach(function (name) {  // data a user imported, told apart from ours
    box.appendChild(el("p", "badge badge-imported", t("imported: {name}", { name: name })));
  });

  var actions = el("div", "panel-actions");
  if (isOwn(d.id)) {
    var page = el("a", "button small", t("Entity page"));
    page.href = entityHref(d.id);
    actions.appendChild(page);
  }
  var expanded = state.params.expand.indexOf(d.id) >= 0;
  actions.appendChild(button(expanded ? t("Hide neighbours") : t("Show neighbours"), function () { toggleExpand(d.id); }));
  actions.appendChild(button(t("Only this neighbourhood"), function () {
    change(function (p) { p.focus = d.id; p.depth = "1"; p.expand = []; p.open = []; });
  }));
  actions.appendChild(button(t("Path from here"), function () { setPathEnd("from", d.id, pick(d.labels, d.id)); }));
  actions.appendChild(button(t("Path to here"), function () { setPathEnd("to", d.id, pick(d.labels, d.id)); }));
  box.appendChild(actions);

  var facts = el("dl", "panel-facts");
  if (d.abbreviations.length) {
    factRow(facts, t("Abbreviations"), d.abbreviations.join(", "));
  }
  if (d.year) {
    factRow(facts, t("Year"), String(d.year));
  }
  if (d.coordinates) {
    var where = d.coordinates.lat.toFixed(4) + ", " + d.coordinates.lon.toFixed(4);
    if (d.coordinates.placedBy) {
      where += " (" + t("those of {name}", { name: pick(d.coordinates.placedBy.labels, d.coordinates.placedBy.id) }) + ")";
    }
    factRow(facts, t("Coordinates"), where);
  }
  factRow(facts, t("Connectedness"), t("{degree} linked entities · rank {rank} of {nodes}", { degree: d.degree, rank: number(d.rank), nodes: number(d.nodes) }));
  if (d.community !== null && d.community !== undefined) {
    factRow(facts, t("Community"), String(d.community + 1));
  }
  box.appendChild(facts);

  if (d.facts.length) {
    var factSection = el("section", "panel-section panel-facts-section");
    factSection.appendChild(el("h3", null, t("Facts")));
    var factList = el("ul", "link-list");
    d.facts.forEach(function (fact) {
      var item = el("li");
      item.appendChild(el("span", "link-predicate", pick(fact.labels, fact.property) + ": "));
      var value = el("span", "fact-value", fact.value);
      if (fact.language === "nl" || fact.language === "en") {
        value.setAttribute("lang", fact.language);
      }
      item.appendChild(value);
      item.appendChild(evidenceList(fact.evidence));
      factList.appendChild(item);
    });
    factSection.appendChild(factList);
    box.appendChild(factSection);
  }

  var linkSection = el("section", "panel-section panel-links");
  linkSection.appendChild(el("h3", null, t("Links") + " (" + number(d.links.length) + ")"));
  if (d.neighboursListed < d.neighbours) {
    linkSection.appendChild(el("p", "muted", t("Showing links to the {shown} most connected of {total} neighbours.", { shown: d.neighboursListed, total: d.neighbours })));
  }
  var list = el("ul", "link-list");
  d.links.forEach(function (link) {
    var item = el("li");
    item.dataset.predicate = link.predicate;
    item.dataset.other = link.other.id;
    var predicate = pick(link.labels, link.predicate);
    item.appendChild(el("span", "link-predicate", link.direction === "out" ? predicate + " → " : "← " + predicate + ": "));
    var other = el("button", "link-other", pick(link.other.labels, link.other.id));
    other.type = "button";
    other.addEventListener("click", function () { selectEntity(link.other.id); });
    item.appendChild(other);
    link.roles.forEach(function (role) {
      item.appendChild(el("div", "link-role", t("role") + ": " + role));
    });
    item.appendChild(evidenceList(link.evidence));
    list.appendChild(item);
  });
  linkSection.appendChild(list);
  box.appendChild(linkSection);
}

export function showEdge(edgeId, takeFocus) {
  var item = state.edges.get(edgeId);
  if (!item) {
    return null;
  }
  openDrawer("panel");
  var box = panel();
  box.dataset.kind = "edge";
  box.dataset.edge = edgeId;
  if (item.aggregate) {
    var ends = [item.from, item.to].map(function (id) {
      var node = state.nodes.get(id);
      return node ? node.label : id;
    });
    box.appendChild(el("h2", null, t("Link")));
    box.appendChild(el("p", null, t("{count} links between {a} and {b}.", { count: number(item.count), a: ends[0], b: ends[1] })));
    box.appendChild(el("p", "muted", t("Open the cluster to see them one by one.")));
    [item.from, item.to].forEach(function (id) {
      var node = state.nodes.get(id);
      if (node && node.cluster && node.openable) {
        box.appendChild(button(t("Open the cluster") + ": " + node.label, function () { openCluster(node); }));
      }
    });
    return null;
  }
  box.appendChild(el("p", "muted", t("Loading…")));
  var query = new URLSearchParams({ from: item.from, to: item.to, predicate: item.predicate });
  return fetchJson(D.edgeApi + "?" + query.toString()).then(function (d) {
    var again = panel();
    again.dataset.kind = "edge";
    again.dataset.edge = edgeId;
    again.appendChild(el("h2", null, t("Link")));
    var sentence = el("p", "edge-sentence");
    var from = el("button", "link-other", pick(d.from.labels, d.from.id));
    from.type = "button";
    from.addEventListener("click", function () { selectEntity(d.from.id); });
    var to = el("button", "link-other", pick(d.to.labels, d.to.id));
    to.type = "button";
    to.addEventListener("click", function () { selectEntity(d.to.id); });
    sentence.appendChild(from);
    sentence.appendChild(el("strong", "link-predicate", " " + pick(d.labels, d.predicate) + " "));
    sentence.appendChild(to);
    again.appendChild(sentence);
    d.roles.forEach(function (role) { again.appendChild(el("p", "link-role", t("role") + ": " + role)); });
    var section = el("section", "panel-section");
    section.appendChild(el("h3", null, t("Which document says so")));
    section.appendChild(evidenceList(d.evidence));
    again.appendChild(section);
    if (takeFocus) {
      takeFocusIn(again);
    }
  }).catch(function (error) {
    panel().appendChild(el("p", "banner error", error.message || String(error)));
  });
}
