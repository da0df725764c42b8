/* Loading a view: a change to the parameters asks the server for the view, keeps the URL in step
 * (pushed for a user's change, replaced otherwise) and hands the answer to render(). Only the latest
 * request counts: an older answer arriving late is dropped.
 */

import { byId, fetchJson } from "./dom.js";
import { render } from "./page.js";
import { D, app, queryOf, readParams, state } from "./state.js";
import { t } from "../i18n.js";

export function change(update, options) {
  update(state.params);
  return loadView(!(options && options.replace));
}

export function loadView(push) {
  var sequence = ++state.sequence;
  setState("loading");
  byId("map-message").textContent = t("Drawing…");
  return fetchJson(D.viewApi + "?" + queryOf(state.params)).then(function (view) {
    if (sequence !== state.sequence) {
      return null;
    }
    var url = window.location.pathname + (view.query ? "?" + view.query : "");
    if (push && url !== window.location.pathname + window.location.search) {
      window.history.pushState(null, "", url);
    } else {
      window.history.replaceState(null, "", url);
    }
    state.params = readParams(view.query);
    state.view = view;
    byId("map-error").hidden = true;
    render(view);
    return view;
  }).catch(function (error) {
    if (sequence === state.sequence) {
      showError(error);
    }
    return null;
  });
}

export function setState(value) {
  app.dataset.state = value;
}

export function showError(error) {
  setState("error");
  byId("map-message").textContent = "";
  var box = byId("map-error");
  box.textContent = t("The map could not be loaded: {error}", { error: error.message || String(error) });
  box.hidden = false;
}
