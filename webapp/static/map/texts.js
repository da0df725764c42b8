/* The map's texts in English and Dutch, and the names of things in the chosen language: t() fills a
 * text's {placeholders}, pick() chooses among a label's languages. Everything here returns plain text,
 * which the callers put on the page with textContent only.
 */

import { state } from "./state.js";

const TEXT = {
  en: {
    "nav-map": "Map", "nav-query": "Query", "nav-search": "Search", "nav-kinds": "Kinds", "nav-figures": "Figures", "nav-overview": "Overview",
    "search-label": "Find an entity", "search-placeholder": "Name or abbreviation (LUMC, ELF…)",
    "lenses-heading": "Lenses", "filters-heading": "Filters", "filter-place": "City or hotspot",
    "filter-partnership": "Partnership", "filter-area": "Therapeutic area or technology",
    "filter-years": "Years (founded, started, deal)", "year-from": "from", "year-to": "to", "any": "any",
    "clear-filters": "Clear filters", "legend-heading": "Kinds", "legend-hint": "Tick kinds to show only those.",
    "layout-heading": "Layout", "layout-force": "Force", "layout-hierarchical": "Hierarchy", "layout-geo": "Map",
    "physics": "Physics (force layout)", "cluster-mode": "Large views: group by", "cluster-kind": "kind",
    "cluster-city": "city", "colour-mode": "Colour by", "colour-kind": "kind", "colour-community": "community",
    "path-heading": "How are these two connected?", "path-from": "From…", "path-to": "To…",
    "path-avoid": "Not through countries and regions", "path-find": "Show paths", "path-clear": "Clear",
    "export-heading": "Export this view", "export-link": "Export view",
    "panel-hint": "Click a node or a link to see what it is and which document says so. Double-click a node to show its neighbours.",
    "loading": "Drawing…", "failed": "The map could not be loaded: {error}",
    "counts": "{nodes} nodes · {edges} links", "counts-clusters": " · {clusters} clusters",
    "counts-matched": " (of {matched} in this view)", "counts-total": " · whole graph: {total} nodes",
    "reduced": "Large view: {matched} nodes, more than the {max} drawn at once. Shown: the {nodes} most connected, the rest in {clusters} clusters (dashed circles). Click a cluster to open it, or narrow the view with a filter or a lens.",
    "cluster-title": "{count} not drawn one by one: {name}", "cluster-top": "Most connected: {names}",
    "cluster-open": "Click to open.", "cluster-full": "Open already: narrow the view with filters to see the rest.",
    "cluster-rest": "other groups", "links-n": "{n} links", "quotes-n": "{n} quotes", "quote-1": "1 quote",
    "general": "general knowledge (no document)", "tip-links": "{n} links", "tip-year": "year {year}",
    "chip-lens": "Lens: {name}", "chip-focus": "Around {name} ({depth} step(s))", "chip-expand": "Neighbours of {name}",
    "chip-open": "Opened: {name}", "chip-place": "In {name}", "chip-partnership": "In {name}",
    "chip-area": "Area: {name}", "chip-kind": "Kind: {name}", "chip-years": "Years {from}–{to}",
    "chip-remove": "Remove", "depth-more": "One step further", "depth-less": "One step less",
    "kind": "Kind", "family": "Family", "abbreviations": "Abbreviations", "year": "Year",
    "coordinates": "Coordinates", "placed-by": "those of {name}", "connected": "Connectedness",
    "connected-value": "{degree} linked entities · rank {rank} of {nodes}", "community": "Community",
    "facts": "Facts", "links": "Links", "links-more": "Showing links to the {shown} most connected of {total} neighbours.",
    "entity-page": "Entity page", "expand": "Show neighbours", "collapse": "Hide neighbours",
    "focus-here": "Only this neighbourhood", "path-from-here": "Path from here", "path-to-here": "Path to here",
    "edge-heading": "Link", "edge-says": "Which document says so", "aggregate": "{count} links between {a} and {b}.",
    "aggregate-hint": "Open the cluster to see them one by one.", "open-cluster": "Open the cluster",
    "path-title": "How {a} and {b} are connected", "path-none": "No path between {a} and {b}{avoid}.",
    "path-none-avoid": " that avoids countries and regions (untick the box to allow them)",
    "path-summary": "{count} shortest path(s), {length} step(s) each:", "path-hops": "Evidence for each step",
    "path-need": "Choose both ends from the suggestions.", "not-on-map": "not on the map",
    "in": "in", "role": "role", "loading-details": "Loading…", "no-quote": "(no quote)",
    "unplaced": "Not placed"
  },
  nl: {
    "nav-map": "Kaart", "nav-query": "Query", "nav-search": "Zoeken", "nav-kinds": "Soorten", "nav-figures": "Cijfers", "nav-overview": "Overzicht",
    "search-label": "Zoek een entiteit", "search-placeholder": "Naam of afkorting (LUMC, ELF…)",
    "lenses-heading": "Lenzen", "filters-heading": "Filters", "filter-place": "Stad of hotspot",
    "filter-partnership": "Samenwerking", "filter-area": "Therapeutisch gebied of technologie",
    "filter-years": "Jaren (opgericht, gestart, deal)", "year-from": "van", "year-to": "tot", "any": "alle",
    "clear-filters": "Filters wissen", "legend-heading": "Soorten", "legend-hint": "Vink soorten aan om alleen die te tonen.",
    "layout-heading": "Opmaak", "layout-force": "Krachten", "layout-hierarchical": "Hiërarchie", "layout-geo": "Kaart",
    "physics": "Beweging (krachtenopmaak)", "cluster-mode": "Grote weergaven: groepeer op", "cluster-kind": "soort",
    "cluster-city": "stad", "colour-mode": "Kleur naar", "colour-kind": "soort", "colour-community": "gemeenschap",
    "path-heading": "Hoe zijn deze twee verbonden?", "path-from": "Van…", "path-to": "Naar…",
    "path-avoid": "Niet via landen en regio's", "path-find": "Toon paden", "path-clear": "Wissen",
    "export-heading": "Deze weergave exporteren", "export-link": "Exporteer weergave",
    "panel-hint": "Klik op een knoop of verbinding om te zien wat het is en welk document het zegt. Dubbelklik op een knoop om zijn buren te tonen.",
    "loading": "Tekenen…", "failed": "De kaart kon niet worden geladen: {error}",
    "counts": "{nodes} knopen · {edges} verbindingen", "counts-clusters": " · {clusters} clusters",
    "counts-matched": " (van {matched} in deze weergave)", "counts-total": " · hele graaf: {total} knopen",
    "reduced": "Grote weergave: {matched} knopen, meer dan de {max} die tegelijk getekend worden. Getoond: de {nodes} best verbonden, de rest in {clusters} clusters (gestippelde cirkels). Klik op een cluster om het te openen, of verklein de weergave met een filter of lens.",
    "cluster-title": "{count} niet apart getekend: {name}", "cluster-top": "Best verbonden: {names}",
    "cluster-open": "Klik om te openen.", "cluster-full": "Al open: verklein de weergave met filters om de rest te zien.",
    "cluster-rest": "overige groepen", "links-n": "{n} verbindingen", "quotes-n": "{n} citaten", "quote-1": "1 citaat",
    "general": "algemene kennis (geen document)", "tip-links": "{n} verbindingen", "tip-year": "jaar {year}",
    "chip-lens": "Lens: {name}", "chip-focus": "Rond {name} ({depth} stap(pen))", "chip-expand": "Buren van {name}",
    "chip-open": "Geopend: {name}", "chip-place": "In {name}", "chip-partnership": "In {name}",
    "chip-area": "Gebied: {name}", "chip-kind": "Soort: {name}", "chip-years": "Jaren {from}–{to}",
    "chip-remove": "Verwijderen", "depth-more": "Een stap verder", "depth-less": "Een stap minder",
    "kind": "Soort", "family": "Familie", "abbreviations": "Afkortingen", "year": "Jaar",
    "coordinates": "Coördinaten", "placed-by": "die van {name}", "connected": "Verbondenheid",
    "connected-value": "{degree} verbonden entiteiten · plaats {rank} van {nodes}", "community": "Gemeenschap",
    "facts": "Feiten", "links": "Verbindingen", "links-more": "Verbindingen met de {shown} best verbonden van {total} buren.",
    "entity-page": "Entiteitpagina", "expand": "Toon buren", "collapse": "Verberg buren",
    "focus-here": "Alleen deze omgeving", "path-from-here": "Pad van hier", "path-to-here": "Pad naar hier",
    "edge-heading": "Verbinding", "edge-says": "Welk document zegt het", "aggregate": "{count} verbindingen tussen {a} en {b}.",
    "aggregate-hint": "Open het cluster om ze een voor een te zien.", "open-cluster": "Open het cluster",
    "path-title": "Hoe {a} en {b} verbonden zijn", "path-none": "Geen pad tussen {a} en {b}{avoid}.",
    "path-none-avoid": " buiten landen en regio's om (haal het vinkje weg om die toe te staan)",
    "path-summary": "{count} kortste pad(en), elk {length} stap(pen):", "path-hops": "Bewijs voor elke stap",
    "path-need": "Kies beide uiteinden uit de suggesties.", "not-on-map": "niet op de kaart",
    "in": "in", "role": "rol", "loading-details": "Laden…", "no-quote": "(geen citaat)",
    "unplaced": "Niet geplaatst"
  }
};

export function t(key, values) {
  var text = (TEXT[state.params.lang] && TEXT[state.params.lang][key]) || TEXT.en[key] || key;
  return text.replace(/\{(\w+)\}/g, function (_, name) {
    return values && name in values ? String(values[name]) : "";
  });
}

export function pick(texts, fallback) {
  if (!texts) {
    return fallback || "";
  }
  return texts[state.params.lang] || texts.en || texts.nl || texts[""] || Object.values(texts)[0] || fallback || "";
}

export function number(n) {
  return Number(n).toLocaleString(state.params.lang === "nl" ? "nl-NL" : "en-GB");
}

export function labelOf(id) {
  var node = state.nodeIndex[id];
  return node ? pick(node.labels, id) : id;
}

export function kindName(kind, family) {
  var info = state.kinds[kind];
  return info ? pick(info.labels, kind) : pick((state.families[family] || {}).labels, kind);
}
