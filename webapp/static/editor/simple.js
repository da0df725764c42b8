/* The "simple" result view, the default: the answer as a plain table of names (entities link to
 * their pages), numbers formatted for the page's language, language tags apart. The raw terms stay
 * in the Table view and the downloads.
 */

import { el } from "./dom.js";
import { entityHref, isNumber, languageOf, loadLabels, resultRows, termText } from "./terms.js";
import { t } from "../i18n.js";

const MAX_SHOWN = 500;  // more rows are in the Table view and the downloads

function cell(term) {
  var td = el("td");
  if (!term) {
    return td;
  }
  var href = term.type === "uri" ? entityHref(term.value) : null;
  var text = el(href ? "a" : "span", term.type === "uri" ? "term-iri" : "term-literal", termText(term));
  if (href) {
    text.href = href;
  }
  if (term.type === "uri") {
    text.title = term.value;
  }
  td.appendChild(text);
  if (isNumber(term)) {
    td.className = "number";
  }
  var language = languageOf(term);
  if (language) {
    text.lang = language;
    td.appendChild(document.createTextNode(" "));
    td.appendChild(el("span", "lang-tag", language));
  }
  return td;
}

function render(answer) {
  var table = el("table", "simple-table");
  var head = el("tr");
  answer.variables.forEach(function (name) {
    var th = el("th", null, name);
    th.scope = "col";
    head.appendChild(th);
  });
  table.appendChild(el("thead")).appendChild(head);
  var body = table.appendChild(el("tbody"));
  answer.rows.slice(0, MAX_SHOWN).forEach(function (row) {
    var tr = el("tr");
    answer.variables.forEach(function (name) {
      tr.appendChild(cell(row[name]));
    });
    body.appendChild(tr);
  });
  return table;
}

export class SimpleView {
  constructor(yasr) {
    this.yasr = yasr;
    this.priority = 15;  // above YASR's table: the default for solutions
    this.label = t("Simple");
  }

  canHandleResults() {
    return resultRows(this.yasr) !== null;
  }

  getIcon() {
    return el("span", "view-icon", "≡");
  }

  draw() {
    var yasr = this.yasr;
    var answer = resultRows(yasr);
    var box = el("div", "simple-view");
    yasr.resultsEl.appendChild(box);
    box.appendChild(render(answer));
    if (answer.rows.length > MAX_SHOWN) {
      box.appendChild(el("p", "muted", t("The first {shown} of {rows} results; the Table view and the downloads have them all.", { shown: MAX_SHOWN, rows: answer.rows.length })));
    }
    // drawn at once with prefixed names, then again with the names when they are in
    return loadLabels(answer.rows.slice(0, MAX_SHOWN)).then(function () {
      if (box.isConnected) {
        box.replaceChild(render(answer), box.querySelector("table"));
        box.dataset.labelled = "true";
      }
    });
  }
}
