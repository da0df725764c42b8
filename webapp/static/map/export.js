/* The export and bundle links: the current view's query (and the chosen format), as links to the
 * export and bundle APIs. A click posts the same with the positions the map shows, so that GEXF,
 * GraphML and the HTML map open laid out as on the screen.
 */

import { byId, el } from "./dom.js";
import { D, state } from "./state.js";

export function updateExport() {
  var link = byId("export-link");
  var query = state.view ? state.view.query : "";
  link.href = D.exportApi + "?view=" + encodeURIComponent(query) + "&format=" +
    encodeURIComponent(byId("export-format").value);
  var bundle = byId("bundle-link");
  bundle.href = bundle.href.split("?")[0] + "?view=" + encodeURIComponent(query);
}

function positions() {
  var drawn = {};
  if (!state.network) {
    return drawn;
  }
  var at = state.network.getPositions();
  Object.keys(at).forEach(function (id) {
    var item = state.nodes.get(id);
    if (item && !item.cluster) {
      drawn[id] = [Math.round(at[id].x * 10) / 10, Math.round(at[id].y * 10) / 10];
    }
  });
  return drawn;
}

function field(form, name, value) {
  var input = el("input");
  input.type = "hidden";
  input.name = name;
  input.value = value;
  form.appendChild(input);
}

function postView(event, action, format) {
  event.preventDefault();
  var form = el("form");
  form.method = "post";
  form.action = action;
  form.hidden = true;
  field(form, "view", state.view ? state.view.query : "");
  if (format) {
    field(form, "format", format);
  }
  field(form, "positions", JSON.stringify(positions()));
  document.body.appendChild(form);
  form.submit();
  form.remove();
}

export function bindExport() {
  byId("export-format").addEventListener("change", updateExport);
  byId("export-link").addEventListener("click", function (event) {
    postView(event, D.exportApi, byId("export-format").value);
  });
  byId("bundle-link").addEventListener("click", function (event) {
    postView(event, byId("bundle-link").href.split("?")[0], null);
  });
}
