/* The chart view: a bar for each row of an answer with a number column, named by the row's first
 * other column (names fetched as in the simple view). Drawn as SVG, text as textContent.
 */

import { el } from "./dom.js";
import { formatNumber, isNumber, loadLabels, numberOf, resultRows, termText } from "./terms.js";
import { t } from "../i18n.js";

const SVG = "http://www.w3.org/2000/svg";
const MAX_BARS = 60;
const BAR = 22;
const LABEL_WIDTH = 260;
const WIDTH = 760;

function svg(tag, attributes, text) {
  var node = document.createElementNS(SVG, tag);
  Object.keys(attributes || {}).forEach(function (name) {
    node.setAttribute(name, String(attributes[name]));
  });
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

// the first column whose every bound value is a number, and the first other column to name the bars
export function chartColumns(answer) {
  var numeric = answer.variables.filter(function (name) {
    var bound = answer.rows.filter(function (row) { return row[name]; });
    return bound.length > 0 && bound.every(function (row) { return isNumber(row[name]); });
  });
  if (!numeric.length) {
    return null;
  }
  var names = answer.variables.filter(function (name) { return numeric.indexOf(name) < 0; });
  return { value: numeric[0], name: names.length ? names[0] : null };
}

function draw(box, answer, columns) {
  var rows = answer.rows.filter(function (row) { return row[columns.value]; }).slice(0, MAX_BARS);
  var values = rows.map(function (row) { return numberOf(row[columns.value]); });
  var top = Math.max(0, Math.max.apply(null, values));
  var bottom = Math.min(0, Math.min.apply(null, values));
  var span = (top - bottom) || 1;
  var plot = WIDTH - LABEL_WIDTH - 110;
  var zero = LABEL_WIDTH + plot * (-bottom / span);
  var chart = svg("svg", { viewBox: "0 0 " + WIDTH + " " + (rows.length * BAR + 30), role: "img",
    "class": "bar-chart", width: "100%" });
  chart.appendChild(svg("title", {}, t("Bar chart of {column}, {rows} bars", { column: columns.value, rows: rows.length })));
  chart.appendChild(svg("text", { x: LABEL_WIDTH, y: 14, "class": "chart-axis" }, columns.value));
  rows.forEach(function (row, index) {
    var value = values[index];
    var y = 24 + index * BAR;
    var name = columns.name && row[columns.name] ? termText(row[columns.name]) : String(index + 1);
    var length = Math.max(1, plot * Math.abs(value) / span);
    var bar = svg("rect", { x: value >= 0 ? zero : zero - length, y: y, width: length, height: BAR - 6,
      "class": "chart-bar" });
    bar.appendChild(svg("title", {}, name + ": " + formatNumber(value)));
    chart.appendChild(svg("text", { x: LABEL_WIDTH - 8, y: y + 12, "text-anchor": "end",
      "class": "chart-label" }, name.length > 40 ? name.slice(0, 39) + "…" : name));
    chart.appendChild(bar);
    chart.appendChild(svg("text", { x: Math.max(zero, zero + (value >= 0 ? length : 0)) + 6, y: y + 12,
      "class": "chart-value" }, formatNumber(value)));
  });
  box.replaceChildren(chart);
  if (answer.rows.length > MAX_BARS) {
    box.appendChild(el("p", "muted", t("The first {shown} of {rows} results are drawn.", { shown: MAX_BARS, rows: answer.rows.length })));
  }
}

export class ChartView {
  constructor(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = t("Chart");
  }

  canHandleResults() {
    var answer = resultRows(this.yasr);
    return Boolean(answer && answer.rows.length && chartColumns(answer));
  }

  getIcon() {
    return el("span", "view-icon", "▤");
  }

  draw() {
    var answer = resultRows(this.yasr);
    var columns = chartColumns(answer);
    var box = el("div", "chart-view");
    this.yasr.resultsEl.appendChild(box);
    draw(box, answer, columns);
    return loadLabels(answer.rows.slice(0, MAX_BARS)).then(function () {
      if (box.isConnected) {
        draw(box, answer, columns);
        box.dataset.labelled = "true";
      }
    });
  }
}
