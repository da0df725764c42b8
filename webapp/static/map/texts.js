/* The names of things in the chosen language (the page's words come from ../i18n.js): pick() chooses
 * among a label's languages, number() formats for the language. Everything here returns plain text,
 * which the callers put on the page with textContent only.
 */

import { state } from "./state.js";

export function pick(texts, fallback) {
  if (!texts) {
    return fallback || "";
  }
  return texts[state.params.lang] || texts.en || texts.nl || texts[""] || Object.values(texts)[0] || fallback || "";
}

export function number(n) {
  return Number(n).toLocaleString(state.params.lang === "nl" ? "nl-NL" : "en-GB");
}

export function labelOf(id) {
  var node = state.nodeIndex[id];
  return node ? pick(node.labels, id) : id;
}

export function kindName(kind, family) {
  var info = state.kinds[kind];
  return info ? pick(info.labels, kind) : pick((state.families[family] || {}).labels, kind);
}
