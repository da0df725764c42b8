/* The figures page: fetches its JSON twin and draws a chart per measure above the table that the
 * server already wrote (the tables carry everything; the charts show it), with SVG and PNG buttons.
 */

import { drawChart } from "./chart.js";
import { savePng, saveSvg } from "./download.js";

const app = document.getElementById("figures-app");

function button(label, onClick) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = "button";
  element.textContent = label;
  element.addEventListener("click", onClick);
  return element;
}

async function start() {
  if (!app || typeof window.Plot === "undefined") {
    return;
  }
  const response = await fetch(app.dataset.json, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    return;
  }
  const { measures } = await response.json();
  for (const measure of measures) {
    const article = document.getElementById(`measure-${measure.id}`);
    const container = article && article.querySelector(".chart");
    if (!container) {
      continue;
    }
    container.replaceChildren(drawChart(window.Plot, measure));
    const stem = `lsh-kg-figures-${measure.id}`;
    const downloads = article.querySelector(".chart-downloads");
    downloads.prepend(button("SVG", () => saveSvg(container, stem)), button("PNG", () => savePng(container, stem)));
  }
  app.dataset.ready = "true";
}

start();
