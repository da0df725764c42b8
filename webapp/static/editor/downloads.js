/* The download links under the editor: the answer's formats for the query's form (solutions or graph);
 * a query too long for a link is sent as a POST form into a hidden frame, which reports errors.
 */

import { byId, el } from "./dom.js";
import { setStatus } from "./page.js";
import { BUNDLE_API, ENDPOINT, FORMATS, GRAPH_FORMS, MAX_GET_URL, state } from "./state.js";
import { t } from "../i18n.js";
import { yasqe } from "./yasgui.js";

export function queryForm() {
  var type = yasqe ? yasqe.getQueryType() : null;
  return GRAPH_FORMS.indexOf(String(type || "").toUpperCase()) >= 0 ? "graph" : "solutions";
}

// the server names the file after the query; an example left as it is gives its own id
function downloadFields(query, format) {
  var fields = [["query", query], ["format", format], ["download", "1"]];
  var example = (state.examples || []).filter(function (each) {
    return each.id === state.activeExample;
  })[0];
  if (example && example.query === query) {
    fields.push(["name", example.id]);
  }
  return fields;
}

function downloadUrl(query, format) {
  return ENDPOINT + "?" + new URLSearchParams(downloadFields(query, format)).toString();
}

function downloadFrame() {
  var frame = byId("download-frame");
  if (!frame) {
    frame = el("iframe");
    frame.id = "download-frame";
    frame.name = "download-frame";
    frame.hidden = true;
    frame.title = "downloads";
    frame.addEventListener("load", function () {
      // a download does not load the frame; an error message (text/plain) does
      var text = "";
      try {
        text = frame.contentDocument && frame.contentDocument.body
          ? frame.contentDocument.body.textContent.trim() : "";
      } catch (error) {
        text = "";
      }
      if (text) {
        setStatus(t("The download failed: {error}", { error: text }), "error");
      }
    });
    document.body.appendChild(frame);
  }
  return frame;
}

function postDownload(format) {
  postFields(ENDPOINT, downloadFields(yasqe.getValue(), format));
}

// a bundle of the query as it stands (CONSTRUCT, DESCRIBE or SELECT): always posted, any length
export function postBundle() {
  postFields(BUNDLE_API, [["query", yasqe.getValue()]]);
}

function postFields(action, fields) {
  downloadFrame();
  var form = el("form");
  form.method = "post";
  form.action = action;
  form.target = "download-frame";
  form.hidden = true;
  fields.forEach(function (pair) {
    var input = el("input");
    input.type = "hidden";
    input.name = pair[0];
    input.value = pair[1];
    form.appendChild(input);
  });
  document.body.appendChild(form);
  form.submit();
  form.remove();
}

export function updateDownloads() {
  var box = byId("downloads");
  var links = byId("download-links");
  var query = yasqe.getValue();
  var form = queryForm();
  var viaPost = downloadUrl(query, "json").length > MAX_GET_URL;
  links.replaceChildren();
  FORMATS[form].forEach(function (entry) {
    var format = entry[0];
    var node;
    if (viaPost) {
      node = el("button", "download-link download-post", entry[1]);
      node.type = "button";
      node.addEventListener("click", function () {
        postDownload(format);
      });
    } else {
      node = el("a", "download-link", entry[1]);
      node.href = downloadUrl(query, format);
      node.setAttribute("download", "");
    }
    node.dataset.format = format;
    node.title = "format=" + format;
    links.appendChild(node);
  });
  if (viaPost) {
    links.appendChild(el("span", "muted download-note", t("(sent as POST: the query is too long for a link)")));
  }
  var bundle = byId("bundle-button");
  if (bundle) {
    var type = String(yasqe.getQueryType() || "").toUpperCase();
    bundle.hidden = ["CONSTRUCT", "DESCRIBE", "SELECT"].indexOf(type) < 0;
  }
  box.dataset.form = form;
  box.dataset.method = viaPost ? "post" : "get";
  box.classList.toggle("invalid", !yasqe.queryValid);
}
