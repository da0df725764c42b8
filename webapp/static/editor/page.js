/* The page around the editor: the URL that keeps the query (so a link reproduces it), the status line and the truncation banner.
 */

import { byId } from "./dom.js";
import { updateDownloads } from "./downloads.js";
import { renderGallery } from "./gallery.js";
import { relabelNetwork } from "./network.js";
import { app, state } from "./state.js";
import { t } from "../i18n.js";
import { yasqe, yasr } from "./yasgui.js";

export function pageUrl(query) {
  var search = new URLSearchParams();
  if (state.lang !== "en") {
    search.set("lang", state.lang);
  }
  if (query) {
    search.set("query", query);
  }
  var text = search.toString();
  return window.location.pathname + (text ? "?" + text : "");
}

export function updateUrl() {
  if (!yasqe) {
    return;
  }
  var url = pageUrl(yasqe.getValue());
  if (url !== window.location.pathname + window.location.search) {
    window.history.replaceState(null, "", url);
  }
}

export function setStatus(text, kind) {
  var status = byId("query-status");
  status.textContent = text || "";
  status.className = "query-status" + (kind ? " " + kind : "");
}

export function showTruncation(limit) {
  var banner = byId("truncation-banner");
  state.truncation = limit;
  if (limit === null) {
    banner.hidden = true;
    banner.textContent = "";
    delete app.dataset.truncated;
    return;
  }
  banner.textContent = t("The answer was cut at {limit} results: only part of it is shown. Narrow the query or add a LIMIT.", { limit: limit || "?" });
  banner.hidden = false;
  app.dataset.truncated = "true";
}
