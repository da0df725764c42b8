/* The page around the editor: the language (its texts, and everything drawn in it, redrawn on a switch),
 * the URL that keeps the query (so a link reproduces it), the status line and the truncation banner.
 */

import { byId } from "./dom.js";
import { updateDownloads } from "./downloads.js";
import { renderGallery } from "./gallery.js";
import { relabelNetwork } from "./network.js";
import { app, state } from "./state.js";
import { t } from "./texts.js";
import { yasqe, yasr } from "./yasgui.js";

export function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll("[data-i18n]").forEach(function (node) {
    node.textContent = t(node.dataset.i18n);
  });
  document.querySelectorAll(".lang-switch [data-lang]").forEach(function (button) {
    button.setAttribute("aria-pressed", button.dataset.lang === state.lang ? "true" : "false");
  });
  renderGallery();
  if (state.networkData) {
    relabelNetwork();
  }
  if (state.truncation !== null) {
    showTruncation(state.truncation);
  }
  if (state.lastStatus) {
    setStatus(state.lastStatus.key, state.lastStatus.values, state.lastStatus.kind);
  }
  if (yasqe) {
    updateDownloads();
  }
  if (yasr && yasr.results) {
    yasr.draw();  // names and numbers in the new language
  }
}

export function bindLanguageSwitch() {
  document.querySelectorAll(".lang-switch [data-lang]").forEach(function (button) {
    button.addEventListener("click", function () {
      state.lang = button.dataset.lang;
      applyLanguage();
      updateUrl();
    });
  });
}

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

export function setStatus(key, values, kind) {
  var status = byId("query-status");
  state.lastStatus = key ? { key: key, values: values, kind: kind } : null;
  status.textContent = key ? t(key, values) : "";
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
  banner.textContent = t("truncated", { limit: limit || "?" });
  banner.hidden = false;
  app.dataset.truncated = "true";
}
