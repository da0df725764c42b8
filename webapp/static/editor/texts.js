/* The editor's texts in English and Dutch: t() fills a text's {placeholders}, pick() chooses among a
 * label's languages. Plain text only: callers put it on the page with textContent.
 */

import { state } from "./state.js";

const TEXT = {
  en: {
    "nav-map": "Map",
    "nav-query": "Query",
    "nav-search": "Search",
    "nav-kinds": "Kinds",
    "nav-figures": "Figures",
    "nav-overview": "Overview",
    "gallery-heading": "Examples",
    "gallery-loading": "Loading examples…",
    "gallery-empty": "No examples yet.",
    "gallery-failed": "The examples could not be loaded: {error}",
    "run": "Run query",
    "stop": "Stop",
    "editor-label": "SPARQL query",
    "view-simple": "Simple",
    "view-chart": "Chart",
    "view-map": "Map",
    "view-links": "Links",
    "simple-more": "The first {shown} of {rows} results; the Table view and the downloads have them all.",
    "chart-title": "Bar chart of {column}, {rows} bars",
    "chart-more": "The first {shown} of {rows} results are drawn.",
    "map-title": "Map of {places} places",
    "map-elsewhere": "{count} further away, not drawn: {names}",
    "links-title": "Network of {nodes} nodes and {edges} links",
    "rows-per-page": "Results per page",
    "stopped": "Stopped: the query was cancelled on the server too.",
    "shortcut": "or Ctrl+Enter",
    "endpoint-link": "SPARQL endpoint",
    "footer-version": "Dataset version",
    "footer-no-version": "Dataset version unknown (a remote store)",
    "download": "Download results:",
    "bundle": "Bundle (zip)",
    "download-post": "(sent as POST: the query is too long for a link)",
    "download-failed": "The download failed: {error}",
    "network-heading": "Network",
    "network-hint": "Click a node to see its details.",
    "network-loading": "Drawing the network…",
    "network-count": "{nodes} nodes · {edges} links",
    "network-empty": "The answer holds no triples.",
    "network-failed": "The network could not be drawn: {error}",
    "network-truncated": "Only part of the graph is drawn: the answer was cut.",
    "network-kind-entity": "entity of this graph",
    "network-kind-iri": "IRI",
    "network-kind-bnode": "blank node",
    "network-open": "Open the entity page",
    "running": "Running…",
    "done": "Done in {seconds} s",
    "done-rows": "{rows} results in {seconds} s",
    "failed": "The query failed",
    "truncated": "The answer was cut at {limit} results: only part of it is shown. Narrow the query or add a LIMIT.",
    "error-title": "The query was not run or failed:",
    "error-unreachable": "The server could not be reached.",
    "terms-failed": "The ontology terms could not be loaded ({error}); completion offers none.",
    "starter-comment": "# Organisations and their names. Run with Ctrl+Enter or the Run button."
  },
  nl: {
    "nav-map": "Kaart",
    "nav-query": "Query",
    "nav-search": "Zoeken",
    "nav-kinds": "Soorten",
    "nav-figures": "Cijfers",
    "nav-overview": "Overzicht",
    "gallery-heading": "Voorbeelden",
    "gallery-loading": "Voorbeelden laden…",
    "gallery-empty": "Nog geen voorbeelden.",
    "gallery-failed": "De voorbeelden konden niet worden geladen: {error}",
    "run": "Query uitvoeren",
    "stop": "Stoppen",
    "editor-label": "SPARQL-query",
    "view-simple": "Eenvoudig",
    "view-chart": "Grafiek",
    "view-map": "Kaart",
    "view-links": "Verbanden",
    "simple-more": "De eerste {shown} van {rows} resultaten; de tabelweergave en de downloads bevatten ze allemaal.",
    "chart-title": "Staafdiagram van {column}, {rows} staven",
    "chart-more": "De eerste {shown} van {rows} resultaten zijn getekend.",
    "map-title": "Kaart met {places} plaatsen",
    "map-elsewhere": "{count} verder weg, niet getekend: {names}",
    "links-title": "Netwerk van {nodes} knopen en {edges} verbindingen",
    "rows-per-page": "Resultaten per pagina",
    "stopped": "Gestopt: de query is ook op de server afgebroken.",
    "shortcut": "of Ctrl+Enter",
    "endpoint-link": "SPARQL-endpoint",
    "footer-version": "Datasetversie",
    "footer-no-version": "Datasetversie onbekend (een externe store)",
    "download": "Resultaten downloaden:",
    "bundle": "Bundel (zip)",
    "download-post": "(verstuurd als POST: de query is te lang voor een link)",
    "download-failed": "Downloaden mislukt: {error}",
    "network-heading": "Netwerk",
    "network-hint": "Klik op een knoop voor de details.",
    "network-loading": "Netwerk tekenen…",
    "network-count": "{nodes} knopen · {edges} verbindingen",
    "network-empty": "Het antwoord bevat geen triples.",
    "network-failed": "Het netwerk kon niet worden getekend: {error}",
    "network-truncated": "Slechts een deel van de graaf is getekend: het antwoord is afgekapt.",
    "network-kind-entity": "entiteit in deze graaf",
    "network-kind-iri": "IRI",
    "network-kind-bnode": "lege knoop",
    "network-open": "Open de pagina van de entiteit",
    "running": "Bezig…",
    "done": "Klaar in {seconds} s",
    "done-rows": "{rows} resultaten in {seconds} s",
    "failed": "De query is mislukt",
    "truncated": "Het antwoord is afgekapt bij {limit} resultaten: slechts een deel wordt getoond. Verfijn de query of voeg een LIMIT toe.",
    "error-title": "De query is niet uitgevoerd of mislukt:",
    "error-unreachable": "De server is niet bereikbaar.",
    "terms-failed": "De ontologietermen konden niet worden geladen ({error}); aanvullen biedt er geen.",
    "starter-comment": "# Organisaties en hun namen. Uitvoeren met Ctrl+Enter of de knop."
  }
};

export function t(key, values) {
  var text = (TEXT[state.lang] && TEXT[state.lang][key]) || TEXT.en[key] || key;
  return text.replace(/\{(\w+)\}/g, function (_, name) {
    return values && name in values ? String(values[name]) : "";
  });
}

export function pick(texts) {
  if (!texts) {
    return "";
  }
  return texts[state.lang] || texts.en || texts.nl || texts[""] || Object.values(texts)[0] || "";
}
