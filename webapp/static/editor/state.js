/* The editor's shared state and settings: the page's data attributes (endpoint, APIs, base IRI), the
 * libraries the classic scripts put on window, and one state object every module reads and changes.
 */

export const app = document.getElementById("editor-app");
// YASGUI and vis-network are classic scripts loaded before the modules; main.js stops without YASGUI
export const Yasqe = window.Yasgui ? window.Yasgui.Yasqe : undefined;
export const Yasr = window.Yasgui ? window.Yasgui.Yasr : undefined;
const D = app ? app.dataset : {};

export const ENDPOINT = new URL(D.endpoint, window.location.href).href;
export const TERMS_API = D.termsApi;
export const GALLERY_API = D.galleryApi;
export const NETWORK_API = D.networkApi;
export const BUNDLE_API = D.bundleApi;
export const STOP_API = D.stopApi;
export const LABELS_API = D.labelsApi;
export const OUTLINE_API = D.outlineApi;
export const BASE_IRI = D.baseIri;
export const ENTITY_BASE = D.entityBase;
export const MAX_GET_URL = parseInt(D.maxGetUrl, 10) || 2000;
export const TRUNCATED_LINK = "urn:lsh-kg:results-truncated";
export const TRUNCATED_HEADER = "Lshkg-Truncated";
export const GRAPH_FORMS = ["CONSTRUCT", "DESCRIBE"];
export const FORMATS = {
  solutions: [["json", "JSON"], ["xml", "XML"], ["csv", "CSV"], ["tsv", "TSV"]],
  graph: [["ttl", "Turtle"], ["nt", "N-Triples"], ["jsonld", "JSON-LD"], ["rdfxml", "RDF/XML"]]
};
const LANGUAGES = ["en", "nl"];

export const params = new URLSearchParams(window.location.search);
export const state = {
  lang: LANGUAGES.indexOf(document.documentElement.lang) >= 0 ? document.documentElement.lang : "en",
  prefixes: {},
  terms: [],
  termsByIri: {},
  examples: null,
  galleryError: null,
  activeExample: null,
  explicitCompletion: false,
  network: null,
  networkData: null,
  networkRequest: null,
  truncation: null,
  queryId: null
};
