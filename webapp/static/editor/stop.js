/* Stopping a running query: each run gets a random id, sent in the Lshkg-Query-Id header (the
 * network view's request with "-network" added); Stop aborts the requests and asks the server to
 * kill the queries' worker processes, so a runaway query stops costing the server at once.
 */

import { byId } from "./dom.js";
import { hideNetwork } from "./network.js";
import { setStatus } from "./page.js";
import { STOP_API, app, state } from "./state.js";
import { t } from "../i18n.js";
import { yasqe } from "./yasgui.js";

export const QUERY_ID_HEADER = "Lshkg-Query-Id";

export function newQueryId() {
  if (window.crypto && window.crypto.randomUUID) {
    return window.crypto.randomUUID();
  }
  var bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
}

export function queryHeaders() {
  state.queryId = newQueryId();
  var headers = {};
  headers[QUERY_ID_HEADER] = state.queryId;
  return headers;
}

export function showRunning(running) {
  byId("stop-button").hidden = !running;
  byId("stop-button").disabled = !running;
  byId("run-button").disabled = running;
}

function askServerToStop(id) {
  return fetch(STOP_API.replace("QUERY_ID", encodeURIComponent(id)), { method: "POST" })
    .catch(function () { /* the query's own time limit still ends it */ });
}

export function stop() {
  var id = state.queryId;
  if (!id || app.dataset.state !== "running") {
    return;
  }
  state.queryId = null;
  yasqe.abortQuery();
  hideNetwork();
  showRunning(false);
  app.dataset.state = "stopped";
  setStatus(t("Stopped: the query was cancelled on the server too."), "error");
  Promise.all([askServerToStop(id), askServerToStop(id + "-network")]).then(function () {
    app.dataset.stopped = id;
  });
}
