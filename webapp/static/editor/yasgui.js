/* YASQE (the editor) and YASR (the results) set up over our /sparql: the starting query (the URL's, or
 * a starter with our prefixes), the events that keep the URL, downloads and status in step, and
 * window.lshkgEditor, the handle tests read. yasqe and yasr are null until the terms are loaded.
 */

import { byId, debounce } from "./dom.js";
import { updateDownloads } from "./downloads.js";
import { pageUrl, setStatus, updateUrl } from "./page.js";
import { translateLibrary } from "./library_words.js";
import { onQueryResponse, onQueryStart, renderError, rewriteLinks, run } from "./results.js";
import { BASE_IRI, ENDPOINT, Yasqe, Yasr, app, params, state } from "./state.js";
import { queryHeaders, stop } from "./stop.js";
import { ChartView } from "./chart.js";
import { MapView } from "./geomap.js";
import { LinksView } from "./links.js";
import { SimpleView } from "./simple.js";
import { t } from "../i18n.js";

export let yasqe = null;
export let yasr = null;

function defaultQuery() {
  var names = Object.keys(state.prefixes).sort(function (a, b) {
    return (a === "lsh" ? -1 : b === "lsh" ? 1 : a.localeCompare(b));
  });
  var declarations = names.map(function (prefix) {
    return "PREFIX " + prefix + ": <" + state.prefixes[prefix] + ">";
  });
  return declarations.join("\n") + (declarations.length ? "\n\n" : "")
    + t("# Organisations and their names. Run with Ctrl+Enter or the Run button.") + "\n"
    + "SELECT ?organisation ?name WHERE {\n"
    + "  ?organisation a lsh:Organisation ;\n"
    + "                rdfs:label ?name .\n"
    + "  FILTER(LANG(?name) = \"en\")\n"
    + "}\n"
    + "ORDER BY ?name\n"
    + "LIMIT 100\n";
}

function displayPrefixes() {
  var prefixes = Object.assign({}, state.prefixes, yasqe ? yasqe.getPrefixesFromQuery() : {});
  prefixes.lshid = BASE_IRI;
  return prefixes;
}

// the server declares our prefixes for every query; the editor's own syntax check must know them too
function knowOurPrefixes() {
  var mode = yasqe.getMode();
  var startState = mode.startState;
  mode.startState = function () {
    var begin = startState.apply(mode, arguments);
    Object.keys(state.prefixes).forEach(function (prefix) {
      if (begin.prefixes && !(prefix in begin.prefixes)) {
        begin.prefixes[prefix] = state.prefixes[prefix];
      }
    });
    return begin;
  };
  yasqe.setValue(yasqe.getValue());  // read again from the first line, with them
}

// the editor's input (contenteditable: its text is what screen readers read) named as a text box
function labelTheEditor() {
  var input = yasqe.getInputField();
  input.setAttribute("role", "textbox");
  input.setAttribute("aria-multiline", "true");
  input.setAttribute("aria-label", t("SPARQL query"));
}

export function start(termsData, termsError) {
  state.prefixes = (termsData && termsData.prefixes) || {};
  state.terms = (termsData && termsData.terms) || [];
  state.terms.forEach(function (term) {
    state.termsByIri[term.iri] = term;
  });
  var initial = params.get("query");
  yasqe = new Yasqe(byId("yasqe"), {
    value: initial ? initial : defaultQuery(),
    persistenceId: null,
    consumeShareLink: null,
    createShareableLink: function () {
      return window.location.origin + pageUrl(yasqe.getValue());
    },
    createShortLink: undefined,
    requestConfig: {
      endpoint: ENDPOINT,
      method: "POST",
      acceptHeaderSelect: "application/sparql-results+json",
      acceptHeaderGraph: "text/turtle",
      acceptHeaderUpdate: "text/plain",
      headers: queryHeaders
    },
    editorHeight: "320px",
    inputStyle: "contenteditable",
    resizeable: true
  });
  knowOurPrefixes();
  labelTheEditor();
  translateLibrary(byId("yasqe"));
  new MutationObserver(function () {  // YASQE sets its run button's words again as a query runs
    translateLibrary(byId("yasqe"));
  }).observe(byId("yasqe"), { attributes: true, attributeFilter: ["title", "aria-label"], subtree: true });
  // views beyond YASR's table: names and formatted numbers first, then chart, map and links
  Yasr.registerPlugin("simple", SimpleView);
  Yasr.registerPlugin("chart", ChartView);
  Yasr.registerPlugin("map", MapView);
  Yasr.registerPlugin("links", LinksView);
  yasr = new Yasr(byId("yasr"), {
    persistenceId: null,
    prefixes: displayPrefixes,
    pluginOrder: ["simple", "table", "chart", "map", "links", "response"],
    defaultPlugin: "simple",
    errorRenderers: [renderError]
  });
  new MutationObserver(function () {
    rewriteLinks(yasr.rootEl);  // the results and the controls above them, and words YASR sets again
  }).observe(yasr.rootEl, { childList: true, subtree: true, attributes: true,
                            attributeFilter: ["title", "aria-label", "placeholder"] });

  var afterEdit = debounce(function () {
    updateUrl();
    updateDownloads();
  }, 250);
  yasqe.on("change", afterEdit);
  yasqe.on("query", onQueryStart);
  yasqe.on("queryResponse", onQueryResponse);
  byId("run-button").addEventListener("click", run);
  byId("stop-button").addEventListener("click", stop);
  byId("run-button").disabled = false;

  window.lshkgEditor = {
    yasqe: yasqe,
    yasr: yasr,
    run: run,
    stop: stop,
    network: function () { return state.network; }
  };
  updateDownloads();
  app.dataset.state = "ready";
  if (termsError) {
    setStatus(t("The ontology terms could not be loaded ({error}); completion offers none.", { error: termsError }), "error");
  }
  if (initial) {
    updateUrl();
    run();
  }
}
