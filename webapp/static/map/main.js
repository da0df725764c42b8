/* lsh-kg: the network map at "/", drawn with vis-network (served by this app).
 *
 * The whole view lives in the URL's query (the same parameters /api/map/view takes), so a link
 * reproduces it. The server decides what to draw (filters, lenses, clusters above the node cap,
 * layout data); these modules draw it and keep the controls in step. This one wires them together:
 * the controls' events, the first load (options and lenses, then the view) and window.lshkgMap, the
 * handle tests and the benchmark read.
 *
 * Safety: every text that comes from data (labels, quotes, kinds, document names) is put on the
 * page with textContent or as a vis-network string title (shown as text), never as HTML.
 */

import { bindControls } from "./controls.js";
import { bindDrawers } from "./drawers.js";
import { fetchJson } from "./dom.js";
import { bindExport } from "./export.js";
import { bindPaths } from "./paths.js";
import { bindSearch } from "./search.js";
import { bindTime } from "./time.js";
import { D, app, state } from "./state.js";
import { loadView, showError } from "./view.js";

function start() {
  bindSearch();
  bindPaths();
  bindControls();
  bindTime();
  bindDrawers();
  bindExport();
  var options = fetchJson(D.optionsApi).then(function (answer) {
    state.options = answer;
    answer.kinds.forEach(function (kind) { state.kinds[kind.kind] = kind; });
    answer.families.forEach(function (family) { state.families[family.key] = family; });
  });
  var lenses = fetchJson(D.lensesApi).then(function (answer) { state.lenses = answer; });
  Promise.all([options, lenses]).then(function () {
    return loadView(false);
  }).catch(showError);
}

// the modules are deferred: they run once the page is parsed, after vis-network's classic script
if (app && typeof window.vis !== "undefined") {
  window.lshkgMap = {
    state: state,
    get network() { return state.network; },
    get nodes() { return state.nodes; },
    get edges() { return state.edges; },
    reload: function () { return loadView(false); }
  };

  start();
}
