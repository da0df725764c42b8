/* Node labels drawn over the canvas after each frame, most important first and never overlapping:
 * the path, the focus and the selected node, then by connectedness (the server sends nodes most
 * connected first). Each label keeps one size on screen at every zoom, so the first view is
 * readable; zooming in makes room for more. What was drawn is kept for the page's tests.
 */

import { state } from "./state.js";

const SCREEN_PX = 12;
const MAX_LABELS = 400;

function order(view) {
  var first = [];
  if (view.path && view.path.paths) {
    view.path.paths.forEach(function (ids) { first = first.concat(ids); });
  }
  first = first.concat([state.params.select, view.focus], view.expanded || []);
  var ids = first.filter(Boolean).concat(view.nodes.map(function (node) { return node.id; }));
  return ids.filter(function (id, index) { return ids.indexOf(id) === index; });
}

export function setLabelOrder(view) {
  state.labelOrder = order(view);
}

function overlaps(box, placed) {
  return placed.some(function (other) {
    return box.x < other.x + other.w && other.x < box.x + box.w && box.y < other.y + other.h && other.y < box.y + box.h;
  });
}

export function drawLabels(ctx, network) {
  var scale = network.getScale();
  var size = SCREEN_PX / scale;
  var ids = (state.labelOrder || []).filter(function (id) { return network.body.nodes[id]; });
  var positions = network.getPositions(ids);
  var frame = document.getElementById("map-canvas");
  var low = network.DOMtoCanvas({ x: 0, y: 0 });
  var high = network.DOMtoCanvas({ x: frame.clientWidth, y: frame.clientHeight });
  var placed = [];
  var shown = [];
  ctx.save();
  ctx.font = size + "px system-ui, -apple-system, 'Segoe UI', sans-serif";
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.lineJoin = "round";
  ctx.lineWidth = 3 / scale;
  ctx.strokeStyle = "rgba(255,255,255,0.92)";
  for (var index = 0; index < ids.length && shown.length < MAX_LABELS; index += 1) {
    var id = ids[index];
    var item = state.nodes.get(id);
    var at = positions[id];
    if (!item || item.cluster || !at || !item.label) {
      continue;
    }
    var radius = network.body.nodes[id].options.size || 10;
    var width = ctx.measureText(item.label).width;
    var box = { x: at.x - width / 2 - 2 / scale, y: at.y + radius + 2 / scale, w: width + 4 / scale, h: size * 1.2 };
    if (box.x < low.x || box.x + box.w > high.x || box.y < low.y || box.y + box.h > high.y || overlaps(box, placed)) {
      continue;
    }
    ctx.globalAlpha = item.opacity === undefined ? 1 : Math.max(0.45, item.opacity);
    ctx.fillStyle = item.onPath ? "#8a2f00" : "#1d2733";
    ctx.strokeText(item.label, at.x, box.y);
    ctx.fillText(item.label, at.x, box.y);
    placed.push(box);
    shown.push(id);
  }
  ctx.restore();
  state.labelled = { ids: shown, px: SCREEN_PX, boxes: placed.map(function (box) {
    var corner = network.canvasToDOM({ x: box.x, y: box.y });
    return { x: corner.x, y: corner.y, w: box.w * scale, h: box.h * scale };
  }) };
}
