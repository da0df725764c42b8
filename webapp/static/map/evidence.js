/* The details panel's building blocks: emptying the panel, the evidence list (each quote with the
 * document that says it), buttons and rows of facts. Quotes and names go in as text only.
 */

import { byId, clear, el } from "./dom.js";
import { entityHref } from "./state.js";
import { t } from "../i18n.js";
import { pick } from "./texts.js";

export function panel() {
  var box = byId("map-panel");
  clear(box);
  ["kind", "node", "edge"].forEach(function (key) { delete box.dataset[key]; });
  return box;
}

export function evidenceList(items) {
  var list = el("div", "evidence-list");
  items.forEach(function (item) {
    if (!item.quote) {
      list.appendChild(el("div", "evidence general", item.source ? t("(no quote)") : t("general knowledge (no document)")));
      return;
    }
    var box = el("div", "evidence");
    var quote = el("blockquote", null, "“" + item.quote + "”");
    if (item.language === "nl" || item.language === "en") {
      quote.setAttribute("lang", item.language);
    }
    box.appendChild(quote);
    if (item.source) {
      var source = el("span", "evidence-source", "— ");
      var link = el("a", null, pick(item.source.labels, item.source.id));
      link.href = entityHref(item.source.id);
      source.appendChild(link);
      source.appendChild(document.createTextNode((item.language ? " (" + item.language + ")" : "") +
        (item.source.file ? " · " + item.source.file : "")));
      box.appendChild(source);
    }
    list.appendChild(box);
  });
  return list;
}

export function button(text, onClick, className) {
  var node = el("button", "button small" + (className ? " " + className : ""), text);
  node.type = "button";
  node.addEventListener("click", onClick);
  return node;
}

export function factRow(list, term, value) {
  list.appendChild(el("dt", null, term));
  var cell = el("dd");
  if (value instanceof Node) {
    cell.appendChild(value);
  } else {
    cell.textContent = value;
  }
  list.appendChild(cell);
  return cell;
}
