/* The list of lenses: curated views, each a link to its own query (so it opens in a new tab too),
 * loaded in place on a plain click, keeping the language.
 */

import { byId, clear, el } from "./dom.js";
import { readParams, state } from "./state.js";
import { pick } from "./texts.js";
import { loadView } from "./view.js";

export function renderLenses() {
  var list = byId("lens-list");
  clear(list);
  state.lenses.forEach(function (lens) {
    var item = el("li");
    var link = el("a", null, pick(lens.labels, lens.id));
    link.href = "?" + lens.query + (state.params.lang !== "en" ? "&lang=" + state.params.lang : "");
    link.title = pick(lens.descriptions);
    link.dataset.lens = lens.id;
    link.setAttribute("aria-current", state.params.lens === lens.id ? "true" : "false");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var lang = state.params.lang;
      state.params = readParams(lens.query);
      state.params.lang = lang;
      loadView(true);
    });
    item.appendChild(link);
    list.appendChild(item);
  });
}
