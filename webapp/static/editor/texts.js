/* The editor's words and names: t() (from ../i18n.js, the gettext catalogues) fills a text's
 * {placeholders}, pick() chooses among a label's languages. Plain text only: callers put it on the page with textContent.
 */

import { state } from "./state.js";

export { t } from "../i18n.js";

export function pick(texts) {
  if (!texts) {
    return "";
  }
  return texts[state.lang] || texts.en || texts.nl || texts[""] || Object.values(texts)[0] || "";
}
