/* The map view: answers with coordinates (columns named like lat and long, or WKT points) drawn
 * as dots over the outline of the Netherlands (the app's own /api/map/outline), each dot named by
 * the row's first other column. SVG, text as textContent.
 */

import { el, fetchJson } from "./dom.js";
import { loadLabels, numberOf, resultRows, termText } from "./terms.js";
import { OUTLINE_API } from "./state.js";
import { t } from "../i18n.js";

const SVG = "http://www.w3.org/2000/svg";
const WKT_POINT = /^\s*(?:<[^>]*>\s*)?POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)/i;
const LAT0 = 52.15;
const AROUND = { west: 2.0, east: 10.5, south: 49.0, north: 55.5 };  // the outline's reach
let outline = null;

function svg(tag, attributes, text) {
  var node = document.createElementNS(SVG, tag);
  Object.keys(attributes || {}).forEach(function (name) {
    node.setAttribute(name, String(attributes[name]));
  });
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

// [{lon, lat, row}] of the rows with coordinates, and the column that names them
export function placesOf(answer) {
  var lat = answer.variables.filter(function (name) { return /^lat/i.test(name); })[0];
  var lon = answer.variables.filter(function (name) { return /^(lon|lng)/i.test(name); })[0];
  var wkt = answer.variables.filter(function (name) {
    return answer.rows.some(function (row) { return row[name] && WKT_POINT.test(row[name].value); });
  })[0];
  var places = [];
  answer.rows.forEach(function (row) {
    var point = wkt && row[wkt] ? WKT_POINT.exec(row[wkt].value) : null;
    var place = point ? { lon: Number(point[1]), lat: Number(point[2]) }
      : { lon: lat && lon ? numberOf(row[lon]) : NaN, lat: lat && lon ? numberOf(row[lat]) : NaN };
    if (isFinite(place.lon) && isFinite(place.lat)) {
      place.row = row;
      places.push(place);
    }
  });
  var used = [lat, lon, wkt];
  var name = answer.variables.filter(function (each) { return used.indexOf(each) < 0; })[0] || null;
  return { places: places, name: name };
}

function project(lon, lat) {
  return [(lon - 5.3) * 100 * Math.cos(LAT0 * Math.PI / 180), -(lat - LAT0) * 100];
}

function inView(place) {
  return place.lon >= AROUND.west && place.lon <= AROUND.east && place.lat >= AROUND.south
    && place.lat <= AROUND.north;
}

function nameOf(found, place) {
  return found.name && place.row[found.name] ? termText(place.row[found.name]) : "";
}

function draw(box, found) {
  var xs = [], ys = [];
  var shown = found.places.filter(inView);
  var elsewhere = found.places.filter(function (place) { return !inView(place); });
  shown.forEach(function (place) {
    var p = project(place.lon, place.lat);
    xs.push(p[0]);
    ys.push(p[1]);
  });
  [[3.3, 53.6], [7.3, 50.7]].forEach(function (corner) {  // the Netherlands always in view
    var p = project(corner[0], corner[1]);
    xs.push(p[0]);
    ys.push(p[1]);
  });
  var left = Math.min.apply(null, xs) - 10, top = Math.min.apply(null, ys) - 10;
  var width = Math.max.apply(null, xs) - left + 10, height = Math.max.apply(null, ys) - top + 10;
  var map = svg("svg", { viewBox: [left, top, width, height].join(" "), role: "img", "class": "dot-map",
    width: "100%" });
  map.appendChild(svg("title", {}, t("Map of {places} places", { places: found.places.length })));
  ((outline && outline.features) || []).forEach(function (feature) {
    feature.geometry.coordinates.forEach(function (polygon) {
      var ring = polygon[0] || [];
      var d = ring.map(function (point, index) {
        var p = project(point[0], point[1]);
        return (index ? "L" : "M") + p[0].toFixed(2) + " " + p[1].toFixed(2);
      }).join("") + "Z";
      map.appendChild(svg("path", { d: d, "class": "country " + (feature.properties.role || "") }));
    });
  });
  shown.forEach(function (place) {
    var p = project(place.lon, place.lat);
    var dot = svg("circle", { cx: p[0].toFixed(2), cy: p[1].toFixed(2), r: (width / 110).toFixed(2),
      "class": "map-dot" });
    var name = nameOf(found, place);
    dot.appendChild(svg("title", {}, (name ? name + " " : "") + "(" + place.lat + ", " + place.lon + ")"));
    map.appendChild(dot);
  });
  box.replaceChildren(map);
  if (elsewhere.length) {  // far from the Netherlands: named, not drawn on a map of the world
    box.appendChild(el("p", "muted map-elsewhere", t("{count} further away, not drawn: {names}", {
      count: elsewhere.length,
      names: elsewhere.slice(0, 12).map(function (place) { return nameOf(found, place) || place.lat + ", " + place.lon; })
        .join(", ") + (elsewhere.length > 12 ? ", …" : "") })));
  }
  box.dataset.drawn = String(shown.length);
}

export class MapView {
  constructor(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = t("Map");
  }

  canHandleResults() {
    var answer = resultRows(this.yasr);
    return Boolean(answer && placesOf(answer).places.length);
  }

  getIcon() {
    return el("span", "view-icon", "◉");
  }

  draw() {
    var answer = resultRows(this.yasr);
    var found = placesOf(answer);
    var box = el("div", "map-view");
    this.yasr.resultsEl.appendChild(box);
    var ready = outline ? Promise.resolve() : fetchJson(OUTLINE_API).then(function (data) {
      outline = data;
    }, function () { /* dots without the outline */ });
    return Promise.all([ready, loadLabels(found.places.map(function (p) { return p.row; }))]).then(function () {
      if (box.isConnected) {
        draw(box, found);
        box.dataset.places = String(found.places.length);
      }
    });
  }
}
