/* The examples gallery: loaded from the gallery API, listed in the chosen language; a click puts the
 * example in the editor and runs it.
 */

import { byId, el, fetchJson } from "./dom.js";
import { updateUrl } from "./page.js";
import { run } from "./results.js";
import { GALLERY_API, state } from "./state.js";
import { t } from "../i18n.js";
import { pick } from "./texts.js";
import { yasqe } from "./yasgui.js";

export function renderGallery() {
  var list = byId("gallery-list");
  var status = byId("gallery-status");
  list.replaceChildren();
  if (state.galleryError) {
    status.textContent = t("The examples could not be loaded: {error}", { error: state.galleryError });
    status.hidden = false;
    return;
  }
  if (state.examples === null) {
    status.textContent = t("Loading examples…");
    status.hidden = false;
    return;
  }
  if (!state.examples.length) {
    status.textContent = t("No examples yet.");
    status.hidden = false;
    return;
  }
  status.hidden = true;
  state.examples.forEach(function (example) {
    var item = el("li", "example");
    item.dataset.exampleId = example.id;
    if (example.id === state.activeExample) {
      item.classList.add("active");
    }
    var button = el("button", "example-button", pick(example.label) || example.id);
    button.type = "button";
    button.addEventListener("click", function () {
      loadExample(example);
    });
    item.appendChild(button);
    var comment = pick(example.comment);
    if (comment) {
      item.appendChild(el("p", "example-description", comment));
    }
    list.appendChild(item);
  });
}

function loadExample(example) {
  state.activeExample = example.id;
  renderGallery();
  if (!yasqe) {
    return;
  }
  yasqe.setValue(example.query);
  updateUrl();
  run();
}

export function loadGallery() {
  fetchJson(GALLERY_API).then(function (examples) {
    state.examples = Array.isArray(examples) ? examples : [];
    renderGallery();
  }, function (error) {
    state.galleryError = error.message;
    renderGallery();
  });
}
