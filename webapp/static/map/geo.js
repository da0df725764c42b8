/* The geographic layout's backdrop: the outline of the Netherlands (fetched once, when first needed)
 * and the labels of the margins (abroad, not placed), painted under the nodes.
 */

import { byId, fetchJson } from "./dom.js";
import { D, app, state } from "./state.js";
import { number, pick } from "./texts.js";

export function drawGeography(ctx, network) {
  var scale = network.getScale();
  if (state.outline) {
    var projection = state.outline.projection;
    var cos = Math.cos(projection.lat0 * Math.PI / 180);
    state.outline.features.forEach(function (feature) {
      var own = feature.properties.role === "netherlands";
      ctx.beginPath();
      feature.geometry.coordinates.forEach(function (polygon) {
        polygon.forEach(function (ring) {
          ring.forEach(function (point, index) {
            var x = (point[0] - projection.lon0) * projection.scale * cos;
            var y = -(point[1] - projection.lat0) * projection.scale;
            if (index === 0) {
              ctx.moveTo(x, y);
            } else {
              ctx.lineTo(x, y);
            }
          });
          ctx.closePath();
        });
      });
      ctx.fillStyle = own ? "#eef4ea" : "#f3f3f1";
      ctx.fill("evenodd");
      ctx.lineWidth = (own ? 1.6 : 0.8) / scale;
      ctx.strokeStyle = own ? "#8aa37c" : "#c9c9c4";
      ctx.stroke();
    });
  }
  (state.view.margins || []).forEach(function (margin) {
    ctx.font = "bold " + Math.round(15 / Math.max(scale, 0.2)) + "px system-ui, sans-serif";
    ctx.fillStyle = "#5b6673";
    ctx.fillText(pick(margin.labels) + " (" + number(margin.count) + ")", margin.x - 30, margin.y);
  });
}

export function ensureOutline() {
  if (!state.outlineRequest) {
    state.outlineRequest = fetchJson(D.outlineApi).then(function (outline) {
      state.outline = outline;
      app.dataset.outline = "loaded";
    }).catch(function (error) {
      app.dataset.outline = "missing";
      var box = byId("map-error");
      box.textContent = String(error.message || error);
      box.hidden = false;
    });
  }
  return state.outlineRequest;
}
