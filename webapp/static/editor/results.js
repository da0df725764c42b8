/* Running a query and its results in YASR: links to our entities rewritten to this app's pages, errors
 * shown as text, the truncation the server reports (header or result link), the status when done.
 */

import { el, seconds } from "./dom.js";
import { queryForm, updateDownloads } from "./downloads.js";
import { hideNetwork, loadNetwork } from "./network.js";
import { setStatus, showTruncation, updateUrl } from "./page.js";
import { TRUNCATED_HEADER, TRUNCATED_LINK, app, state } from "./state.js";
import { QUERY_ID_HEADER, showRunning } from "./stop.js";
import { entityHref } from "./terms.js";
import { t } from "../i18n.js";
import { translateLibrary } from "./library_words.js";
import { yasqe, yasr } from "./yasgui.js";

// controls YASR's table draws without a name (its page-size menu)
function nameControls(root) {
  root.querySelectorAll("select:not([aria-label])").forEach(function (select) {
    select.setAttribute("aria-label", t("Results per page"));
  });
}

export function rewriteLinks(root) {
  nameControls(root);
  translateLibrary(root);
  root.querySelectorAll("a[href]").forEach(function (link) {
    if (link.dataset.entity) {
      return;
    }
    var iri = link.getAttribute("href");
    var href = entityHref(iri);
    if (href) {
      link.setAttribute("href", href);
      link.removeAttribute("target");
      link.removeAttribute("rel");
      link.dataset.entity = iri;
      link.title = iri;
      link.classList.add("entity-link");
    }
  });
}

// YASR shows a failed query with this: the server's message as text, never its HTML
export function renderError(error) {
  var box = el("div", "query-error");
  box.appendChild(el("p", "query-error-title", t("The query was not run or failed:")));
  var text = (error && (error.text || error.statusText)) || "";
  if (!text || text === "Failed to fetch") {
    text = t("The server could not be reached.") + (text ? " (" + text + ")" : "");
  }
  box.appendChild(el("pre", "query-error-message", text.trim()));
  return Promise.resolve(box);
}

function truncationOf(response) {
  var header = response.headers && response.headers.get ? response.headers.get(TRUNCATED_HEADER) : null;
  if (header) {
    return header;
  }
  var type = response.headers && response.headers.get ? response.headers.get("Content-Type") || "" : "";
  if (type.indexOf("json") >= 0 && typeof response.content === "string"
      && response.content.indexOf(TRUNCATED_LINK) >= 0) {
    try {
      var head = JSON.parse(response.content).head || {};
      if ((head.link || []).indexOf(TRUNCATED_LINK) >= 0) {
        return "";
      }
    } catch (error) {
      return null;
    }
  }
  return null;
}

// the previous answer or error goes as soon as a new query starts: what is on screen is this run's
function clearResults() {
  yasr.results = undefined;
  yasr.resultsEl.replaceChildren();
  yasr.emptyFallbackElement();
  yasr.draw();
}

export function onQueryStart(_instance, request) {
  state.queryId = request && request.headers ? request.headers.get(QUERY_ID_HEADER) : null;
  updateUrl();
  updateDownloads();
  showTruncation(null);
  clearResults();
  delete app.dataset.stopped;
  app.dataset.state = "running";
  showRunning(true);
  setStatus(t("Running…"), "busy");
  if (queryForm() === "graph") {
    loadNetwork(yasqe.getValue(), state.queryId);
  } else {
    hideNetwork();
  }
}

export function onQueryResponse(_instance, response, duration) {
  if ((response && response.name === "AbortError") || app.dataset.state === "stopped") {
    return;
  }
  showRunning(false);
  yasr.setResponse(response, duration);
  if (response instanceof Error || !response) {
    app.dataset.state = "error";
    setStatus(t("The query failed"), "error");
    return;
  }
  var limit = truncationOf(response);
  showTruncation(limit);
  var rows = yasr.results && yasr.results.getBindings ? yasr.results.getBindings() : null;
  if (rows && queryForm() !== "graph") {
    setStatus(t("{rows} results in {seconds} s", { rows: rows.length, seconds: seconds(duration) }), "ok");
  } else {
    setStatus(t("Done in {seconds} s", { seconds: seconds(duration) }), "ok");
  }
  app.dataset.state = "done";
}

export function run() {
  if (yasqe) {
    yasqe.query().catch(function () { /* shown by YASR */ });
  }
}
