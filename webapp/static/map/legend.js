/* The legend of kinds: a shape and colour per family (the same as on the canvas), with counts; ticking
 * kinds filters the view to those. swatch() also draws the kind mark in the details panel.
 */

import { byId, clear, el } from "./dom.js";
import { darker } from "./items.js";
import { state } from "./state.js";
import { number, pick } from "./texts.js";
import { change } from "./view.js";

export function swatch(shape, colour) {
  var ns = "http://www.w3.org/2000/svg";
  var svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("class", "swatch");
  svg.setAttribute("aria-hidden", "true");
  var shapes = {
    dot: ["circle", { cx: 8, cy: 8, r: 6 }], square: ["rect", { x: 2, y: 2, width: 12, height: 12 }],
    diamond: ["polygon", { points: "8,1 15,8 8,15 1,8" }], triangle: ["polygon", { points: "8,2 15,14 1,14" }],
    triangleDown: ["polygon", { points: "1,2 15,2 8,14" }],
    hexagon: ["polygon", { points: "4,2 12,2 15,8 12,14 4,14 1,8" }],
    star: ["polygon", { points: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6" }]
  };
  var spec = shapes[shape] || shapes.dot;
  var node = document.createElementNS(ns, spec[0]);
  Object.keys(spec[1]).forEach(function (name) { node.setAttribute(name, String(spec[1][name])); });
  node.setAttribute("fill", colour);
  node.setAttribute("stroke", darker(colour));
  svg.appendChild(node);
  return svg;
}

export function renderLegend(view) {
  var list = byId("legend");
  clear(list);
  view.legend.forEach(function (family) {
    var item = el("li", family.shown ? null : "empty");
    item.dataset.family = family.key;
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = state.params.kind.indexOf(family.key) >= 0;
    box.addEventListener("change", function () {
      var checked = box.checked;
      change(function (p) {
        p.kind = p.kind.filter(function (k) { return k !== family.key; });
        if (checked) {
          p.kind.push(family.key);
        }
      });
    });
    label.appendChild(box);
    label.appendChild(swatch(family.shape, family.colour));
    label.appendChild(el("span", "legend-name", pick(family.labels, family.key)));
    var count = el("span", "legend-count", number(family.shown) + " / " + number(family.total));
    count.title = family.shown + " shown, " + family.matched + " in this view, " + family.total + " in the graph";
    label.appendChild(count);
    item.appendChild(label);
    list.appendChild(item);
  });
}
