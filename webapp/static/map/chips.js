/* The chips above the map: one per active filter, lens, focus, expansion or opened cluster, each with
 * a button that removes it (and the focus chip's buttons for one step more or less).
 */

import { byId, clear, el } from "./dom.js";
import { state } from "./state.js";
import { t } from "../i18n.js";
import { kindName, pick } from "./texts.js";
import { change } from "./view.js";

function chip(text, onRemove, extra) {
  var item = el("span", "chip");
  item.appendChild(el("span", null, text));
  (extra || []).forEach(function (node) { item.appendChild(node); });
  var remove = el("button", null, "×");
  remove.type = "button";
  remove.title = t("Remove");
  remove.setAttribute("aria-label", t("Remove") + ": " + text);
  remove.addEventListener("click", onRemove);
  item.appendChild(remove);
  return item;
}

function chosenName(list, id) {
  var found = (list || []).filter(function (item) { return item.id === id; })[0];
  return found ? pick(found.labels, id) : id;
}

function removeFrom(name, value) {
  return function () {
    change(function (params) {
      params[name] = params[name].filter(function (item) { return item !== value; });
    });
  };
}

export function renderChips(view) {
  var box = byId("map-chips");
  clear(box);
  var params = state.params;
  var chosen = view.chosen || {};
  if (params.lens && chosen.lens && chosen.lens.length) {
    box.appendChild(chip(t("Lens: {name}", { name: pick(chosen.lens[0].labels) }), function () {
      change(function (p) { p.lens = ""; });
    }));
  }
  if (params.focus) {
    var less = el("button", null, "−");
    less.type = "button";
    less.title = t("One step less");
    less.disabled = params.depth === "1";
    less.addEventListener("click", function () {
      change(function (p) { p.depth = String(Math.max(1, Number(p.depth) - 1)); });
    });
    var more = el("button", null, "+");
    more.type = "button";
    more.title = t("One step further");
    more.disabled = params.depth === "3";
    more.addEventListener("click", function () {
      change(function (p) { p.depth = String(Math.min(3, Number(p.depth) + 1)); });
    });
    box.appendChild(chip(t("Around {name} ({depth} step(s))", { name: chosenName(chosen.focus, params.focus), depth: params.depth }),
      function () { change(function (p) { p.focus = ""; p.depth = "1"; }); }, [less, more]));
  }
  ["place", "partnership", "area", "source"].forEach(function (name) {
    params[name].forEach(function (id) {
      var values = { name: chosenName(chosen[name], id) };
      var text = name === "area" ? t("Area: {name}", values) : t("In {name}", values);  // "In Leiden", "In ELF"
      box.appendChild(chip(text, removeFrom(name, id)));
    });
  });
  params.kind.forEach(function (kind) {
    var family = state.families[kind];
    box.appendChild(chip(t("Kind: {name}", { name: family ? pick(family.labels, kind) : kindName(kind) }),
      removeFrom("kind", kind)));
  });
  if (params.year_from || params.year_to) {
    box.appendChild(chip(t("Years {from}–{to}", { from: params.year_from || "…", to: params.year_to || "…" }), function () {
      change(function (p) { p.year_from = ""; p.year_to = ""; });
    }));
  }
  params.expand.forEach(function (id) {
    box.appendChild(chip(t("Neighbours of {name}", { name: chosenName(chosen.expand, id) }), removeFrom("expand", id)));
  });
  params.open.forEach(function (key) {
    box.appendChild(chip(t("Opened: {name}", { name: key }), removeFrom("open", key)));
  });
}
