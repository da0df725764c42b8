/* The lsh-kg query editor: YASQE (editor) and YASR (results) from @zazuko/yasgui, over our /sparql.
 * This module wires the others together: the gallery, completion, then the
 * editor once the ontology's terms are in (or failed to load: the editor starts without them).
 *
 * Everything is served by this app; nothing is fetched from another host. Data (query results,
 * gallery texts, network labels) is always put on the page as text (textContent, createTextNode,
 * vis-network string titles), never as HTML.
 */

import { configureCompletion } from "./completion.js";
import { byId, fetchJson } from "./dom.js";
import { postBundle } from "./downloads.js";
import { loadGallery } from "./gallery.js";
import { TERMS_API, app } from "./state.js";
import { start } from "./yasgui.js";

// the modules are deferred: they run once the page is parsed, after the classic YASGUI script
if (app && typeof window.Yasgui !== "undefined") {
  byId("run-button").disabled = true;
  byId("bundle-button").addEventListener("click", postBundle);
  configureCompletion();
  loadGallery();
  fetchJson(TERMS_API).then(function (data) {
    start(data, null);
  }, function (error) {
    start(null, error.message);
  });
}
