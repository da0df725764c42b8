/* Phones and tablets (the CSS's narrow layout): the controls and the details are drawers over a map
 * that spans the screen. A button opens each; Escape or its close button shuts it; the details open
 * by themselves when something is chosen.
 */

import { app } from "./state.js";

const NARROW = window.matchMedia("(width <= 800px)");

function button(id) {
  return document.getElementById(id);
}

export function openDrawer(name) {
  if (!NARROW.matches || app.dataset.drawer === name) {
    return;
  }
  app.dataset.drawer = name;
  button("open-controls").setAttribute("aria-expanded", name === "controls" ? "true" : "false");
  button("open-panel").setAttribute("aria-expanded", name === "panel" ? "true" : "false");
}

export function closeDrawer() {
  var open = app.dataset.drawer;
  if (!open) {
    return;
  }
  delete app.dataset.drawer;
  button("open-controls").setAttribute("aria-expanded", "false");
  button("open-panel").setAttribute("aria-expanded", "false");
  button(open === "controls" ? "open-controls" : "open-panel").focus();
}

export function bindDrawers() {
  button("open-controls").addEventListener("click", function () {
    openDrawer("controls");
    document.getElementById("map-search").focus();
  });
  button("open-panel").addEventListener("click", function () {
    openDrawer("panel");
    document.getElementById("map-panel").focus();
  });
  document.querySelectorAll(".drawer-close").forEach(function (close) {
    close.addEventListener("click", closeDrawer);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && app.dataset.drawer && !event.defaultPrevented) {
      closeDrawer();
    }
  });
}
