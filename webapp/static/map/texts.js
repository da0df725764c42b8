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
    "filter-source": "Source", "source-shipped": "shipped (the documents)", "imported": "imported: {name}",
    "chip-source": "From {name}",
    "filter-years": "Years (founded, started, deal)", "year-from": "from", "year-to": "to", "any": "any",
    "clear-filters": "Clear filters", "legend-heading": "Kinds", "legend-hint": "Tick kinds to show only those.",
    "layout-heading": "Layout", "layout-force": "Force", "layout-hierarchical": "Hierarchy", "layout-geo": "Map",
    "physics": "Physics (force layout)", "cluster-mode": "Large views: group by", "cluster-kind": "kind",
    "cluster-city": "city", "colour-mode": "Colour by", "colour-kind": "kind", "colour-community": "community",
    "path-heading": "How are these two connected?", "path-from": "From…", "path-to": "To…",
    "path-attributes": "Also through shared places and areas (said as such)", "path-find": "Show paths",
    "path-clear": "Clear",
    "footer-version": "Dataset version",
    "footer-no-version": "Dataset version unknown (a remote store)",
    "export-heading": "Export this view", "export-link": "Export view", "bundle-link": "Bundle (zip)",
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
    "path-title": "How {a} and {b} are connected", "path-title-shared": "What {a} and {b} have in common",
    "path-none": "The sources name no chain of links (membership, partnership, deal, investment, site, post, funding) between {a} and {b}.",
    "path-none-anything": "No path between {a} and {b}, not even through shared places and areas.",
    "path-try-shared": "Show what they have in common (places, areas)",
    "path-shared-note": "Some steps are shared places or areas, not links: “both in Leiden” does not mean that they work together.",
    "shared-place": "both in {name}", "shared-area": "both work on {name}", "shared-theme": "both about {name}",
    "path-summary": "{count} path(s) through different intermediaries; the shortest takes {length} step(s):", "path-hops": "Evidence for each step",
    "path-need": "Choose both ends from the suggestions.", "not-on-map": "not on the map",
    "in": "in", "role": "role", "loading-details": "Loading…", "no-quote": "(no quote)",
    "unplaced": "Not placed",
    "skip-search": "Skip to search", "skip-list": "Skip to the list of what the map shows", "skip-details": "Skip to details",
    "show-heading": "Shared attributes", "show-hint": "What entities share is not a link between them: off the map unless ticked.",
    "show-city": "Cities", "show-hotspot": "Hotspots", "show-region": "Countries and regions",
    "show-area": "Therapeutic areas", "show-concept": "Strengths and themes",
    "lines-heading": "Lines", "line-quoted": "a document says so: click it for the quote",
    "line-general": "dashed: general knowledge, no document", "line-path": "on the path asked for",
    "about": "{count} source documents · dataset {dataset}, built {built} · lsh-kg {version}",
    "list-heading": "What the map shows, as a list", "list-summary": "{nodes} nodes, {edges} links",
    "list-nodes": "Nodes", "list-links": "Links",
    "no-members": "{name}: no members named in the sources", "no-members-short": "no members named in the sources",
    "drawer-close": "Close", "open-controls": "Search and filters", "open-panel": "Details",
    "time-heading": "The network over time",
    "time-hint": "Years from what the documents date: founded, started, opened, joined, deals, investments, approvals. Nothing is guessed.",
    "time-all": "All years", "time-year": "As it stood in {year}", "time-play": "Play", "time-pause": "Pause",
    "time-clear": "All years", "time-undated": "Keep what the sources give no year (marked “undated”)",
    "time-none": "{dated} entities have a year in the sources, {undated} are undated.",
    "time-summary": "In {year}: {nodes} nodes.", "time-new": "{n} new since {previous} (green).",
    "time-undated-drawn": "{n} undated, kept (dashed border).",
    "tip-new": "new: since {year}", "tip-undated": "undated: the sources give no year",
    "path-sentences": "Step by step, with the documents' words", "path-number": "Path {n}",
    "path-shared-hop": "A shared attribute, not a link between the two.",
    "community-legend": "Communities (groups that work together)",
    "community-none": "in no group (places, themes, actors without links)",
    "community-broker": "thick dark border: links groups that otherwise stand apart",
    "tip-broker": "links groups that otherwise stand apart",
    "words-heading": "The network in words", "words-none": "No links between actors.",
    "words-actor-links": "{name} ({n} actors linked)",
    "words-central": "Most linked among {actors} actors: {names}.",
    "words-broker": "{name} links groups that otherwise stand apart: {groups}.", "words-and": " and ",
    "words-group": "group {n}, {name}", "words-groups": "{count} groups work together:",
    "words-group-size": "{name}, {n} actors", "words-more": "More in the ecosystem overview"
  },
  nl: {
    "nav-map": "Kaart", "nav-query": "Query", "nav-search": "Zoeken", "nav-kinds": "Soorten", "nav-figures": "Cijfers", "nav-overview": "Overzicht",
    "search-label": "Zoek een entiteit", "search-placeholder": "Naam of afkorting (LUMC, ELF…)",
    "lenses-heading": "Lenzen", "filters-heading": "Filters", "filter-place": "Stad of hotspot",
    "filter-partnership": "Samenwerking", "filter-area": "Therapeutisch gebied of technologie",
    "filter-source": "Bron", "source-shipped": "meegeleverd (de documenten)", "imported": "geïmporteerd: {name}",
    "chip-source": "Uit {name}",
    "filter-years": "Jaren (opgericht, gestart, deal)", "year-from": "van", "year-to": "tot", "any": "alle",
    "clear-filters": "Filters wissen", "legend-heading": "Soorten", "legend-hint": "Vink soorten aan om alleen die te tonen.",
    "layout-heading": "Opmaak", "layout-force": "Krachten", "layout-hierarchical": "Hiërarchie", "layout-geo": "Kaart",
    "physics": "Beweging (krachtenopmaak)", "cluster-mode": "Grote weergaven: groepeer op", "cluster-kind": "soort",
    "cluster-city": "stad", "colour-mode": "Kleur naar", "colour-kind": "soort", "colour-community": "gemeenschap",
    "path-heading": "Hoe zijn deze twee verbonden?", "path-from": "Van…", "path-to": "Naar…",
    "path-attributes": "Ook via gedeelde plaatsen en gebieden (als zodanig vermeld)", "path-find": "Toon paden",
    "path-clear": "Wissen",
    "footer-version": "Datasetversie",
    "footer-no-version": "Datasetversie onbekend (een externe store)",
    "export-heading": "Deze weergave exporteren", "export-link": "Exporteer weergave",
    "bundle-link": "Bundel (zip)",
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
    "path-title": "Hoe {a} en {b} verbonden zijn", "path-title-shared": "Wat {a} en {b} gemeen hebben",
    "path-none": "De bronnen noemen geen keten van verbindingen (lidmaatschap, samenwerking, deal, investering, vestiging, functie, financiering) tussen {a} en {b}.",
    "path-none-anything": "Geen pad tussen {a} en {b}, ook niet via gedeelde plaatsen en gebieden.",
    "path-try-shared": "Toon wat ze gemeen hebben (plaatsen, gebieden)",
    "path-shared-note": "Sommige stappen zijn gedeelde plaatsen of gebieden, geen verbindingen: „allebei in Leiden” betekent niet dat ze samenwerken.",
    "shared-place": "allebei in {name}", "shared-area": "allebei actief in {name}", "shared-theme": "allebei over {name}",
    "path-summary": "{count} pad(en) via verschillende tussenschakels; het kortste telt {length} stap(pen):", "path-hops": "Bewijs voor elke stap",
    "path-need": "Kies beide uiteinden uit de suggesties.", "not-on-map": "niet op de kaart",
    "in": "in", "role": "rol", "loading-details": "Laden…", "no-quote": "(geen citaat)",
    "unplaced": "Niet geplaatst",
    "skip-search": "Naar zoeken", "skip-list": "Naar de lijst van wat de kaart toont", "skip-details": "Naar details",
    "show-heading": "Gedeelde kenmerken", "show-hint": "Wat entiteiten delen is geen verbinding tussen hen: niet op de kaart tenzij aangevinkt.",
    "show-city": "Steden", "show-hotspot": "Hotspots", "show-region": "Landen en regio's",
    "show-area": "Therapeutische gebieden", "show-concept": "Sterktes en thema's",
    "lines-heading": "Lijnen", "line-quoted": "een document zegt het: klik voor het citaat",
    "line-general": "gestippeld: algemene kennis, geen document", "line-path": "op het gevraagde pad",
    "about": "{count} brondocumenten · dataset {dataset}, gebouwd {built} · lsh-kg {version}",
    "list-heading": "Wat de kaart toont, als lijst", "list-summary": "{nodes} knopen, {edges} verbindingen",
    "list-nodes": "Knopen", "list-links": "Verbindingen",
    "no-members": "{name}: geen leden genoemd in de bronnen", "no-members-short": "geen leden genoemd in de bronnen",
    "drawer-close": "Sluiten", "open-controls": "Zoeken en filters", "open-panel": "Details",
    "time-heading": "Het netwerk door de tijd",
    "time-hint": "Jaren uit wat de documenten dateren: opgericht, gestart, geopend, toegetreden, deals, investeringen, goedkeuringen. Er wordt niets geraden.",
    "time-all": "Alle jaren", "time-year": "Zoals het er in {year} voor stond", "time-play": "Afspelen",
    "time-pause": "Pauzeren", "time-clear": "Alle jaren",
    "time-undated": "Houd wat de bronnen geen jaar geven (gemarkeerd als “ongedateerd”)",
    "time-none": "{dated} entiteiten hebben een jaar in de bronnen, {undated} zijn ongedateerd.",
    "time-summary": "In {year}: {nodes} knopen.", "time-new": "{n} nieuw sinds {previous} (groen).",
    "time-undated-drawn": "{n} ongedateerd, behouden (gestippelde rand).",
    "tip-new": "nieuw: sinds {year}", "tip-undated": "ongedateerd: de bronnen geven geen jaar",
    "path-sentences": "Stap voor stap, met de woorden van de documenten", "path-number": "Pad {n}",
    "path-shared-hop": "Een gedeeld kenmerk, geen verbinding tussen de twee.",
    "community-legend": "Gemeenschappen (groepen die samenwerken)",
    "community-none": "in geen groep (plaatsen, thema's, actoren zonder verbindingen)",
    "community-broker": "dikke donkere rand: verbindt groepen die anders los staan",
    "tip-broker": "verbindt groepen die anders los staan",
    "words-heading": "Het netwerk in woorden", "words-none": "Geen verbindingen tussen actoren.",
    "words-actor-links": "{name} ({n} actoren verbonden)",
    "words-central": "Best verbonden van {actors} actoren: {names}.",
    "words-broker": "{name} verbindt groepen die anders los staan: {groups}.", "words-and": " en ",
    "words-group": "groep {n}, {name}", "words-groups": "{count} groepen werken samen:",
    "words-group-size": "{name}, {n} actoren", "words-more": "Meer in het overzicht van het ecosysteem"
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
