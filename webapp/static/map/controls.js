/* The controls in the side bar: filters, years, shared attributes shown, layout, physics, grouping, colours;
 * and the browser's back and forward, which reload the view the URL names.
 */

import { byId } from "./dom.js";
import { readParams, state } from "./state.js";
import { change, loadView } from "./view.js";

export function bindControls() {
  ["place", "partnership", "area", "source"].forEach(function (name) {
    byId("filter-" + name).addEventListener("change", function (event) {
      var value = event.target.value;
      change(function (p) { p[name] = value ? [value] : []; });
    });
  });
  ["year_from", "year_to"].forEach(function (name) {
    var input = byId(name === "year_from" ? "filter-year-from" : "filter-year-to");
    input.addEventListener("change", function () {
      var value = input.value.trim();
      if (value && !/^\d{4}$/.test(value)) {
        return;
      }
      change(function (p) { p[name] = value; });
    });
  });
  document.querySelectorAll("#show-attributes input").forEach(function (box) {
    box.addEventListener("change", function () {
      var on = box.checked;
      change(function (p) {
        p.show = p.show.filter(function (key) { return key !== box.value; });
        if (on) {
          p.show.push(box.value);
        }
      });
    });
  });
  byId("clear-filters").addEventListener("click", function () {
    change(function (p) {
      p.kind = []; p.place = []; p.partnership = []; p.area = []; p.source = []; p.year_from = ""; p.year_to = "";
    });
  });
  document.querySelectorAll("input[name=layout]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      change(function (p) { p.layout = radio.value; });
    });
  });
  byId("physics-toggle").addEventListener("change", function (event) {
    var on = event.target.checked;
    change(function (p) { p.physics = on ? "on" : "off"; });
  });
  byId("cluster-mode").addEventListener("change", function (event) {
    var mode = event.target.value;
    change(function (p) { p.cluster = mode; p.open = []; });
  });
  byId("colour-mode").addEventListener("change", function (event) {
    var mode = event.target.value;
    change(function (p) { p.colour = mode; });
  });
  window.addEventListener("popstate", function () {
    state.params = readParams(window.location.search);
    loadView(false);
  });
}
