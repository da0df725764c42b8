/* The map's shared state: the page's settings (its data attributes), the view's parameters as the URL
 * holds them (read and written in one fixed order, so a link reproduces the view), and what the other
 * modules draw from. One object shared by every module: they change its fields, never replace it.
 */

export const app = document.getElementById("map-app");
// vis-network is a classic script loaded before the modules; main.js stops when it or the page is missing
export const vis = window.vis;
export const D = app ? app.dataset : {};
const LIST_PARAMS = ["kind", "place", "partnership", "area", "source", "expand", "open", "show"];
const ORDER = ["kind", "place", "partnership", "area", "source", "year_from", "year_to", "focus", "depth", "lens",
  "expand", "open", "cluster", "layout", "physics", "lang", "colour", "from", "to", "avoid", "show", "select", "at",
  "undated"];
const LANGUAGES = ["en", "nl"];
// the page's language is the server's choice (?lang=, the cookie, Accept-Language; a switch reloads),
// written into the URL unless English, so that a link reopens the view in its language
const PAGE_LANG = LANGUAGES.indexOf(document.documentElement.lang) >= 0 ? document.documentElement.lang : "en";
const DEFAULTS = { depth: "1", cluster: "kind", layout: "force", physics: "on", lang: "en", colour: "kind",
  undated: "on" };

export const state = {
  params: readParams(window.location.search),
  view: null,
  options: null,
  lenses: [],
  outline: null,
  outlineRequest: null,
  network: null,
  nodes: vis ? new vis.DataSet() : null,
  edges: vis ? new vis.DataSet() : null,
  layoutKey: null,
  waitingForStable: false,
  sequence: 0,
  families: {},
  kinds: {},
  nodeIndex: {},
  marginIds: {},
  path: { from: null, to: null }
};

export function readParams(search) {
  var query = new URLSearchParams(search);
  var params = {};
  ORDER.forEach(function (name) {
    if (LIST_PARAMS.indexOf(name) >= 0) {
      params[name] = query.getAll(name).filter(Boolean);
    } else if (name === "avoid") {
      params.avoid = query.has("avoid") ? query.getAll("avoid").filter(Boolean) : null;
    } else {
      params[name] = query.get(name) || (name === "lang" ? PAGE_LANG : DEFAULTS[name]) || "";
    }
  });
  if (LANGUAGES.indexOf(params.lang) < 0) {
    params.lang = PAGE_LANG;
  }
  return params;
}

export function queryOf(params) {
  var query = new URLSearchParams();
  ORDER.forEach(function (name) {
    var value = params[name];
    if (LIST_PARAMS.indexOf(name) >= 0) {
      value.forEach(function (item) { query.append(name, item); });
    } else if (name === "avoid") {
      if (value !== null) {
        if (value.length) {
          value.forEach(function (item) { query.append("avoid", item); });
        } else {
          query.append("avoid", "");
        }
      }
    } else if (value && value !== (DEFAULTS[name] || "")) {
      query.append(name, value);
    }
  });
  return query.toString();
}

export function idOf(iri) {
  return iri && iri.indexOf(D.baseIri) === 0 ? iri.slice(D.baseIri.length) : iri;
}

export function entityHref(id) {
  // only our own entities have a page here; the id is a path segment, never a scheme
  return D.entityBase + id.split("/").map(encodeURIComponent).join("/");
}

export function isOwn(id) {
  return id && id.indexOf(":") < 0;
}
