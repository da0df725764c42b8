/* The export link: the current view's query and the chosen format, as a link to the export API. */

import { byId } from "./dom.js";
import { D, state } from "./state.js";

export function updateExport() {
  var link = byId("export-link");
  var query = state.view ? state.view.query : "";
  link.href = D.exportApi + "?view=" + encodeURIComponent(query) + "&format=" +
    encodeURIComponent(byId("export-format").value);
}

export function bindExport() {
  byId("export-format").addEventListener("change", updateExport);
}
