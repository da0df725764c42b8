/* The names of things in the page's language (its words come from ../i18n.js): pick() chooses among a
 * label's languages. Plain text only: callers put it on the page with textContent.
 */

import { state } from "./state.js";

export function pick(texts) {
  if (!texts) {
    return "";
  }
  return texts[state.lang] || texts.en || texts.nl || texts[""] || Object.values(texts)[0] || "";
}
