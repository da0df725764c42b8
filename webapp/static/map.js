/* lsh-kg: the network map at "/", drawn with vis-network (served by this app).
 *
 * The whole view lives in the URL's query (the same parameters /api/map/view takes), so a link
 * reproduces it. The server decides what to draw (filters, lenses, clusters above the node cap,
 * layout data); this script draws it and keeps the controls in step.
 *
 * Safety: every text that comes from data (labels, quotes, kinds, document names) is put on the
 * page with textContent or as a vis-network string title (shown as text), never as HTML.
 */
(function () {
  "use strict";

  var app = document.getElementById("map-app");
  if (!app || typeof window.vis === "undefined") {
    return;
  }
  var vis = window.vis;
  var D = app.dataset;
  var LIST_PARAMS = ["kind", "place", "partnership", "area", "expand", "open"];
  var ORDER = ["kind", "place", "partnership", "area", "year_from", "year_to", "focus", "depth", "lens",
    "expand", "open", "cluster", "layout", "physics", "lang", "colour", "from", "to", "avoid"];
  var DEFAULTS = { depth: "1", cluster: "kind", layout: "force", physics: "on", lang: "en", colour: "kind" };
  var LANGUAGES = ["en", "nl"];
  var PATH_COLOUR = "#ff5a00";
  var COMMUNITY_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
    "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#ad494a", "#637939", "#8c6d31", "#7b4173", "#3182bd"];

  var TEXT = {
    en: {
      "nav-map": "Map", "nav-query": "Query", "nav-search": "Search", "nav-kinds": "Kinds",
      "search-label": "Find an entity", "search-placeholder": "Name or abbreviation (LUMC, ELF…)",
      "lenses-heading": "Lenses", "filters-heading": "Filters", "filter-place": "City or hotspot",
      "filter-partnership": "Partnership", "filter-area": "Therapeutic area",
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
      "nav-map": "Kaart", "nav-query": "Query", "nav-search": "Zoeken", "nav-kinds": "Soorten",
      "search-label": "Zoek een entiteit", "search-placeholder": "Naam of afkorting (LUMC, ELF…)",
      "lenses-heading": "Lenzen", "filters-heading": "Filters", "filter-place": "Stad of hotspot",
      "filter-partnership": "Samenwerking", "filter-area": "Therapeutisch gebied",
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

  var state = {
    params: readParams(window.location.search),
    view: null,
    options: null,
    lenses: [],
    outline: null,
    outlineRequest: null,
    network: null,
    nodes: new vis.DataSet(),
    edges: new vis.DataSet(),
    layoutKey: null,
    waitingForStable: false,
    sequence: 0,
    families: {},
    kinds: {},
    nodeIndex: {},
    marginIds: {},
    path: { from: null, to: null }
  };

  /* ---------- helpers ---------- */

  function byId(id) {
    return document.getElementById(id);
  }

  function t(key, values) {
    var text = (TEXT[state.params.lang] && TEXT[state.params.lang][key]) || TEXT.en[key] || key;
    return text.replace(/\{(\w+)\}/g, function (_, name) {
      return values && name in values ? String(values[name]) : "";
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function pick(texts, fallback) {
    if (!texts) {
      return fallback || "";
    }
    return texts[state.params.lang] || texts.en || texts.nl || texts[""] || Object.values(texts)[0] || fallback || "";
  }

  function number(n) {
    return Number(n).toLocaleString(state.params.lang === "nl" ? "nl-NL" : "en-GB");
  }

  function idOf(iri) {
    return iri && iri.indexOf(D.baseIri) === 0 ? iri.slice(D.baseIri.length) : iri;
  }

  function entityHref(id) {
    // only our own entities have a page here; the id is a path segment, never a scheme
    return D.entityBase + id.split("/").map(encodeURIComponent).join("/");
  }

  function isOwn(id) {
    return id && id.indexOf(":") < 0;
  }

  function fetchJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.text().then(function (body) {
        var data = null;
        try {
          data = body ? JSON.parse(body) : null;
        } catch (error) {
          data = null;
        }
        if (!response.ok) {
          throw new Error((data && data.error) || ("HTTP " + response.status));
        }
        return data;
      });
    });
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function labelOf(id) {
    var node = state.nodeIndex[id];
    return node ? pick(node.labels, id) : id;
  }

  /* ---------- the view's parameters and the URL ---------- */

  function readParams(search) {
    var query = new URLSearchParams(search);
    var params = {};
    ORDER.forEach(function (name) {
      if (LIST_PARAMS.indexOf(name) >= 0) {
        params[name] = query.getAll(name).filter(Boolean);
      } else if (name === "avoid") {
        params.avoid = query.has("avoid") ? query.getAll("avoid").filter(Boolean) : null;
      } else {
        params[name] = query.get(name) || DEFAULTS[name] || "";
      }
    });
    if (LANGUAGES.indexOf(params.lang) < 0) {
      params.lang = "en";
    }
    return params;
  }

  function queryOf(params) {
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

  function change(update, options) {
    update(state.params);
    return loadView(!(options && options.replace));
  }

  function loadView(push) {
    var sequence = ++state.sequence;
    setState("loading");
    byId("map-message").textContent = t("loading");
    return fetchJson(D.viewApi + "?" + queryOf(state.params)).then(function (view) {
      if (sequence !== state.sequence) {
        return null;
      }
      var url = window.location.pathname + (view.query ? "?" + view.query : "");
      if (push && url !== window.location.pathname + window.location.search) {
        window.history.pushState(null, "", url);
      } else {
        window.history.replaceState(null, "", url);
      }
      state.params = readParams(view.query);
      state.view = view;
      byId("map-error").hidden = true;
      render(view);
      return view;
    }).catch(function (error) {
      if (sequence === state.sequence) {
        showError(error);
      }
      return null;
    });
  }

  function setState(value) {
    app.dataset.state = value;
  }

  function showError(error) {
    setState("error");
    byId("map-message").textContent = "";
    var box = byId("map-error");
    box.textContent = t("failed", { error: error.message || String(error) });
    box.hidden = false;
  }

  /* ---------- drawing ---------- */

  function darker(hex) {
    var value = parseInt(hex.slice(1), 16);
    var r = Math.round(((value >> 16) & 255) * 0.7);
    var g = Math.round(((value >> 8) & 255) * 0.7);
    var b = Math.round((value & 255) * 0.7);
    return "#" + ((1 << 24) + (r << 16) + (g << 8) + b).toString(16).slice(1);
  }

  function nodeColour(node) {
    if (state.params.colour === "community" && node.community >= 0) {
      return COMMUNITY_COLOURS[node.community % COMMUNITY_COLOURS.length];
    }
    return (state.families[node.family] || {}).colour || "#b0b0b0";
  }

  function kindName(kind, family) {
    var info = state.kinds[kind];
    return info ? pick(info.labels, kind) : pick((state.families[family] || {}).labels, kind);
  }

  function nodeTitle(node) {
    var lines = [pick(node.labels, node.id), kindName(node.kind, node.family), t("tip-links", { n: node.degree })];
    if (node.year) {
      lines.push(t("tip-year", { year: node.year }));
    }
    return lines.join("\n");
  }

  function clusterName(cluster) {
    var parts = [];
    if (cluster.facets.kind) {
      parts.push(pick(cluster.facets.kind.labels, cluster.facets.kind.key));
    }
    if (cluster.facets.city) {
      parts.push(cluster.facets.city.id ? pick(cluster.facets.city.labels, cluster.facets.city.id) : t("unplaced"));
    }
    return parts.length ? parts.join(" · ") : t("cluster-rest");
  }

  function clusterTitle(cluster) {
    var names = cluster.top.map(function (labels) { return pick(labels); }).join(", ");
    return [t("cluster-title", { count: number(cluster.count), name: clusterName(cluster) }),
      t("cluster-top", { names: names }), cluster.openable ? t("cluster-open") : t("cluster-full")].join("\n");
  }

  function visNode(node, onPath) {
    var colour = nodeColour(node);
    var family = state.families[node.family] || {};
    var focused = state.view && state.view.focus === node.id;
    var item = {
      id: node.id, label: pick(node.labels, node.id), title: nodeTitle(node), shape: family.shape || "dot",
      value: Math.sqrt(node.degree + 1),
      color: { background: colour, border: onPath ? PATH_COLOUR : darker(colour),
        highlight: { background: colour, border: "#111" }, hover: { background: colour, border: "#111" } },
      borderWidth: onPath ? 4 : (focused ? 3 : 1.5),
      family: node.family, kind: node.kind, degree: node.degree, onPath: !!onPath, cluster: false
    };
    placeItem(item, node);
    return item;
  }

  function visCluster(cluster) {
    var colour = cluster.facets.kind ? (state.families[cluster.facets.kind.key] || {}).colour || "#b0b0b0" : "#8aa1b8";
    var item = {
      id: cluster.id, label: clusterName(cluster) + " (" + number(cluster.count) + ")", title: clusterTitle(cluster),
      shape: "dot", value: 3 + Math.sqrt(cluster.count),
      color: { background: colour + "55", border: darker(colour), highlight: { background: colour + "88", border: "#111" } },
      borderWidth: 2.5, shapeProperties: { borderDashes: [6, 4] }, font: { size: 14, bold: true },
      cluster: true, key: cluster.key, openable: cluster.openable, count: cluster.count
    };
    placeItem(item, cluster);
    return item;
  }

  function placeItem(item, data) {
    if (state.params.layout === "geo") {
      item.x = data.x;
      item.y = data.y;
      item.fixed = { x: true, y: true };
      item.physics = false;
    } else if (state.params.layout === "hierarchical") {
      item.level = data.level;
    }
  }

  function pathPairs(view) {
    var pairs = {};
    var nodes = {};
    if (view.path && view.path.paths) {
      view.path.paths.forEach(function (path) {
        path.forEach(function (id, index) {
          nodes[id] = true;
          if (index > 0) {
            pairs[path[index - 1] + "\n" + id] = true;
            pairs[id + "\n" + path[index - 1]] = true;
          }
        });
      });
    }
    return { pairs: pairs, nodes: nodes };
  }

  function visEdge(edge, onPath) {
    if (edge.aggregate) {
      return {
        id: edge.id, from: edge.from, to: edge.to, aggregate: true, count: edge.count, dashes: [4, 4],
        width: Math.min(8, 1 + Math.log2(edge.count)), color: { color: "#9aa5b1", highlight: "#1f5fae" },
        title: t("links-n", { n: number(edge.count) })
      };
    }
    var predicate = pick(state.view.predicates[edge.predicate], edge.predicate);
    var id = edge.from + "|" + edge.predicate + "|" + edge.to;
    // links to the margins (abroad, not placed) would cross the whole map: drawn faint
    var faint = state.marginIds[edge.from] || state.marginIds[edge.to];
    var says = edge.general ? t("general") : (edge.evidence === 1 ? t("quote-1") : t("quotes-n", { n: edge.evidence }));
    return {
      id: id, from: edge.from, to: edge.to, predicate: edge.predicate, onPath: !!onPath,
      arrows: { to: { enabled: true, scaleFactor: 0.45 } }, dashes: !!edge.general,
      width: onPath ? 4 : 1, color: onPath ? { color: PATH_COLOUR, highlight: PATH_COLOUR }
        : { color: faint ? "rgba(150,165,180,0.18)" : "#b5bfca", highlight: "#1f5fae", hover: "#56708f" },
      title: labelOf(edge.from) + " — " + predicate + " → " + labelOf(edge.to) + "\n" + says
    };
  }

  function networkOptions(view) {
    var count = view.nodes.length + view.clusters.length;
    var big = count > 300;
    var options = {
      autoResize: true,
      interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, multiselect: false },
      // sized by connectedness; the labels of well-connected nodes stay readable when zoomed out
      nodes: { font: { size: 12, color: "#1d2733", strokeWidth: 3, strokeColor: "#ffffff" },
        scaling: { min: 7, max: 42, label: { enabled: true, min: 11, max: 24, maxVisible: 30, drawThreshold: 7 } } },
      edges: { smooth: big ? false : { type: "continuous", roundness: 0.2 }, selectionWidth: 2 },
      layout: { randomSeed: 7, improvedLayout: count <= 150 }
    };
    if (view.layout === "geo") {
      options.nodes.scaling.max = 24;  // many share one city: smaller, so they stay apart
    }
    if (view.layout === "force") {
      options.physics = {
        enabled: true, solver: "forceAtlas2Based", minVelocity: 1.5, timestep: 0.5,
        forceAtlas2Based: { gravitationalConstant: -70, springLength: 95, springConstant: 0.06, avoidOverlap: 0.4 },
        stabilization: { enabled: true, iterations: big ? 220 : 450, updateInterval: 50, fit: true }
      };
    } else if (view.layout === "hierarchical") {
      options.layout.hierarchical = { enabled: true, direction: "UD", sortMethod: "directed",
        levelSeparation: big ? 260 : 170, nodeSpacing: big ? 70 : 120, treeSpacing: big ? 80 : 150,
        blockShifting: true, edgeMinimization: count <= 300, parentCentralization: true };
      options.physics = { enabled: false };
    } else {
      options.physics = { enabled: false };
    }
    return options;
  }

  function drawNetwork(view) {
    var marks = pathPairs(view);
    var items = view.nodes.map(function (node) { return visNode(node, marks.nodes[node.id]); })
      .concat(view.clusters.map(visCluster));
    var links = view.edges.map(function (edge) {
      return visEdge(edge, !edge.aggregate && marks.pairs[edge.from + "\n" + edge.to]);
    });
    var layoutKey = view.layout;
    var fresh = !state.network || state.layoutKey !== layoutKey || view.layout === "hierarchical";
    if (fresh) {
      if (state.network) {
        state.network.destroy();
      }
      state.nodes = new vis.DataSet(items);
      state.edges = new vis.DataSet(links);
      state.layoutKey = layoutKey;
      state.waitingForStable = view.layout === "force" && items.length > 0;
      state.network = new vis.Network(byId("map-canvas"), { nodes: state.nodes, edges: state.edges },
        networkOptions(view));
      bindNetwork(state.network);
      if (!state.waitingForStable) {
        state.network.fit();
        readyAfterDrawing();
      }
      return;
    }
    // the same layout: apply the difference, so what stays keeps its place
    var keepNodes = {};
    items.forEach(function (item) { keepNodes[item.id] = true; });
    var goneNodes = state.nodes.getIds().filter(function (id) { return !keepNodes[id]; });
    var keepEdges = {};
    links.forEach(function (link) { keepEdges[link.id] = true; });
    var goneEdges = state.edges.getIds().filter(function (id) { return !keepEdges[id]; });
    var added = items.filter(function (item) { return !state.nodes.get(item.id); });
    if (view.layout === "force") {
      seedPositions(added, links);
    }
    state.edges.remove(goneEdges);
    state.nodes.remove(goneNodes);
    state.nodes.update(items);
    state.edges.update(links);
    state.network.setOptions(networkOptions(view));
    if (view.layout === "force" && (added.length || goneNodes.length)) {
      state.waitingForStable = true;
      state.network.stabilize(added.length > 200 ? 220 : 150);
    } else {
      state.waitingForStable = false;
      if (view.layout === "force") {
        applyPhysicsSwitch();
      }
      readyAfterDrawing();
    }
  }

  function readyAfterDrawing() {
    // drawn: for the geographic layout, with the outline of the Netherlands under the nodes
    var network = state.network;
    var draw = function () {
      if (network === state.network) {
        network.once("afterDrawing", markReady);
        network.redraw();
      }
    };
    if (state.params.layout === "geo") {
      ensureOutline().then(draw, draw);
    } else {
      draw();
    }
  }

  function seedPositions(added, links) {
    // new nodes start next to a neighbour already drawn (an expansion grows from its node)
    if (!added.length) {
      return;
    }
    var positions = state.network.getPositions();
    var addedIds = {};
    added.forEach(function (item) { addedIds[item.id] = item; });
    links.forEach(function (link) {
      var pairs = [[link.from, link.to], [link.to, link.from]];
      pairs.forEach(function (pair) {
        var item = addedIds[pair[0]];
        var anchor = positions[pair[1]];
        if (item && anchor && item.x === undefined) {
          var angle = Math.random() * 2 * Math.PI;
          item.x = anchor.x + 60 * Math.cos(angle);
          item.y = anchor.y + 60 * Math.sin(angle);
        }
      });
    });
  }

  function applyPhysicsSwitch() {
    if (state.network && state.params.layout === "force") {
      state.network.setOptions({ physics: { enabled: state.params.physics !== "off" } });
    }
  }

  function markReady() {
    state.waitingForStable = false;
    app.dataset.nodeCount = String(state.nodes.length);
    app.dataset.edgeCount = String(state.edges.length);
    app.dataset.clusterCount = String(state.view ? state.view.clusters.length : 0);
    app.dataset.viewQuery = state.view ? state.view.query : "";
    byId("map-message").textContent = "";
    setState("ready");
    if (window.performance && window.performance.mark) {
      window.performance.mark("lshkg-map-ready");  // read by bench/map_bench.py
    }
  }

  function bindNetwork(network) {
    network.on("stabilizationIterationsDone", function () {
      if (state.waitingForStable) {
        applyPhysicsSwitch();
        network.fit();
        markReady();
      }
    });
    network.on("stabilized", function () {
      if (state.waitingForStable) {
        applyPhysicsSwitch();
        markReady();
      }
    });
    network.on("click", function (event) {
      if (event.nodes.length) {
        var item = state.nodes.get(event.nodes[0]);
        if (item && item.cluster) {
          openCluster(item);
        } else {
          showNode(event.nodes[0]);
        }
      } else if (event.edges.length) {
        showEdge(event.edges[0]);
      }
    });
    network.on("doubleClick", function (event) {
      var item = event.nodes.length ? state.nodes.get(event.nodes[0]) : null;
      if (item && !item.cluster) {
        toggleExpand(item.id);
      }
    });
    network.on("beforeDrawing", function (ctx) {
      if (state.params.layout === "geo") {
        drawGeography(ctx, network);
      }
    });
  }

  function drawGeography(ctx, network) {
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

  function ensureOutline() {
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

  /* ---------- the page around the map ---------- */

  function render(view) {
    state.nodeIndex = {};
    state.marginIds = {};
    view.nodes.concat(view.clusters).forEach(function (node) {
      state.nodeIndex[node.id] = node;
      if (node.margin) {
        state.marginIds[node.id] = node.margin;
      }
    });
    view.legend.forEach(function (family) { state.families[family.key] = family; });
    if (view.layout === "geo") {
      ensureOutline();
    }
    applyLanguage();
    syncControls();
    renderCounts(view);
    renderChips(view);
    renderLegend(view);
    renderLenses();
    updateExport();
    var shown = byId("map-panel");
    var language = state.renderedLang;
    state.renderedLang = state.params.lang;
    drawNetwork(view);
    if (view.path) {
      renderPath(view.path);
    } else if (shown.dataset.kind === "node" && shown.dataset.node && language !== state.params.lang) {
      showNode(shown.dataset.node);  // the panel in the new language
    } else if (view.focus && !shown.dataset.kind) {
      showNode(view.focus);  // a neighbourhood opens with its centre's details
    }
  }

  function renderCounts(view) {
    var counts = view.counts;
    var text = t("counts", { nodes: number(counts.nodes), edges: number(counts.edges) });
    if (counts.clusters) {
      text += t("counts-clusters", { clusters: number(counts.clusters) });
    }
    if (counts.matched !== counts.nodes) {
      text += t("counts-matched", { matched: number(counts.matched) });
    }
    text += t("counts-total", { total: number(counts.total.nodes) });
    var box = byId("map-counts");
    box.textContent = text;
    box.dataset.nodes = String(counts.nodes);
    box.dataset.matched = String(counts.matched);
    var banner = byId("reduced-banner");
    banner.hidden = !view.reduced;
    banner.textContent = view.reduced ? t("reduced", { matched: number(counts.matched), max: number(view.maxNodes),
      nodes: number(counts.nodes), clusters: number(counts.clusters) }) : "";
  }

  function chip(text, onRemove, extra) {
    var item = el("span", "chip");
    item.appendChild(el("span", null, text));
    (extra || []).forEach(function (node) { item.appendChild(node); });
    var remove = el("button", null, "×");
    remove.type = "button";
    remove.title = t("chip-remove");
    remove.setAttribute("aria-label", t("chip-remove") + ": " + text);
    remove.addEventListener("click", onRemove);
    item.appendChild(remove);
    return item;
  }

  function chosenName(list, id) {
    var found = (list || []).filter(function (item) { return item.id === id; })[0];
    return found ? pick(found.labels, id) : id;
  }

  function removeFrom(name, value) {
    return function () {
      change(function (params) {
        params[name] = params[name].filter(function (item) { return item !== value; });
      });
    };
  }

  function renderChips(view) {
    var box = byId("map-chips");
    clear(box);
    var params = state.params;
    var chosen = view.chosen || {};
    if (params.lens && chosen.lens && chosen.lens.length) {
      box.appendChild(chip(t("chip-lens", { name: pick(chosen.lens[0].labels) }), function () {
        change(function (p) { p.lens = ""; });
      }));
    }
    if (params.focus) {
      var less = el("button", null, "−");
      less.type = "button";
      less.title = t("depth-less");
      less.disabled = params.depth === "1";
      less.addEventListener("click", function () {
        change(function (p) { p.depth = String(Math.max(1, Number(p.depth) - 1)); });
      });
      var more = el("button", null, "+");
      more.type = "button";
      more.title = t("depth-more");
      more.disabled = params.depth === "3";
      more.addEventListener("click", function () {
        change(function (p) { p.depth = String(Math.min(3, Number(p.depth) + 1)); });
      });
      box.appendChild(chip(t("chip-focus", { name: chosenName(chosen.focus, params.focus), depth: params.depth }),
        function () { change(function (p) { p.focus = ""; p.depth = "1"; }); }, [less, more]));
    }
    ["place", "partnership", "area"].forEach(function (name) {
      params[name].forEach(function (id) {
        box.appendChild(chip(t("chip-" + name, { name: chosenName(chosen[name], id) }), removeFrom(name, id)));
      });
    });
    params.kind.forEach(function (kind) {
      var family = state.families[kind];
      box.appendChild(chip(t("chip-kind", { name: family ? pick(family.labels, kind) : kindName(kind) }),
        removeFrom("kind", kind)));
    });
    if (params.year_from || params.year_to) {
      box.appendChild(chip(t("chip-years", { from: params.year_from || "…", to: params.year_to || "…" }), function () {
        change(function (p) { p.year_from = ""; p.year_to = ""; });
      }));
    }
    params.expand.forEach(function (id) {
      box.appendChild(chip(t("chip-expand", { name: chosenName(chosen.expand, id) }), removeFrom("expand", id)));
    });
    params.open.forEach(function (key) {
      box.appendChild(chip(t("chip-open", { name: key }), removeFrom("open", key)));
    });
  }

  function swatch(shape, colour) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("class", "swatch");
    svg.setAttribute("aria-hidden", "true");
    var shapes = {
      dot: ["circle", { cx: 8, cy: 8, r: 6 }], square: ["rect", { x: 2, y: 2, width: 12, height: 12 }],
      diamond: ["polygon", { points: "8,1 15,8 8,15 1,8" }], triangle: ["polygon", { points: "8,2 15,14 1,14" }],
      triangleDown: ["polygon", { points: "1,2 15,2 8,14" }],
      hexagon: ["polygon", { points: "4,2 12,2 15,8 12,14 4,14 1,8" }],
      star: ["polygon", { points: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6" }]
    };
    var spec = shapes[shape] || shapes.dot;
    var node = document.createElementNS(ns, spec[0]);
    Object.keys(spec[1]).forEach(function (name) { node.setAttribute(name, String(spec[1][name])); });
    node.setAttribute("fill", colour);
    node.setAttribute("stroke", darker(colour));
    svg.appendChild(node);
    return svg;
  }

  function renderLegend(view) {
    var list = byId("legend");
    clear(list);
    view.legend.forEach(function (family) {
      var item = el("li", family.shown ? null : "empty");
      item.dataset.family = family.key;
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = state.params.kind.indexOf(family.key) >= 0;
      box.addEventListener("change", function () {
        var checked = box.checked;
        change(function (p) {
          p.kind = p.kind.filter(function (k) { return k !== family.key; });
          if (checked) {
            p.kind.push(family.key);
          }
        });
      });
      label.appendChild(box);
      label.appendChild(swatch(family.shape, family.colour));
      label.appendChild(el("span", "legend-name", pick(family.labels, family.key)));
      var count = el("span", "legend-count", number(family.shown) + " / " + number(family.total));
      count.title = family.shown + " shown, " + family.matched + " in this view, " + family.total + " in the graph";
      label.appendChild(count);
      item.appendChild(label);
      list.appendChild(item);
    });
  }

  function renderLenses() {
    var list = byId("lens-list");
    clear(list);
    state.lenses.forEach(function (lens) {
      var item = el("li");
      var link = el("a", null, pick(lens.labels, lens.id));
      link.href = "?" + lens.query + (state.params.lang !== "en" ? "&lang=" + state.params.lang : "");
      link.title = pick(lens.descriptions);
      link.dataset.lens = lens.id;
      link.setAttribute("aria-current", state.params.lens === lens.id ? "true" : "false");
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var lang = state.params.lang;
        state.params = readParams(lens.query);
        state.params.lang = lang;
        loadView(true);
      });
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  function fillSelect(select, items, current) {
    var keep = select.options[0];
    clear(select);
    select.appendChild(keep);
    var groups = {};
    items.forEach(function (item) {
      var family = state.families[item.family];
      var groupName = family ? pick(family.labels, item.family) : item.family;
      if (!groups[groupName]) {
        groups[groupName] = el("optgroup");
        groups[groupName].label = groupName;
        select.appendChild(groups[groupName]);
      }
      var option = el("option", null, pick(item.labels, item.id) + " (" + number(item.count) + ")");
      option.value = item.id;
      groups[groupName].appendChild(option);
    });
    select.value = current || "";
  }

  function syncControls() {
    var params = state.params;
    if (state.options) {
      fillSelect(byId("filter-place"), state.options.places, params.place[0]);
      fillSelect(byId("filter-partnership"), state.options.partnerships, params.partnership[0]);
      fillSelect(byId("filter-area"), state.options.areas, params.area[0]);
    }
    byId("filter-year-from").value = params.year_from;
    byId("filter-year-to").value = params.year_to;
    document.querySelectorAll("input[name=layout]").forEach(function (radio) {
      radio.checked = radio.value === params.layout;
    });
    byId("physics-toggle").checked = params.physics !== "off";
    byId("physics-toggle").disabled = params.layout !== "force";
    byId("cluster-mode").value = params.cluster;
    byId("colour-mode").value = params.colour;
    byId("path-avoid").checked = params.avoid === null;
  }

  function updateExport() {
    var link = byId("export-link");
    var query = state.view ? state.view.query : "";
    link.href = D.exportApi + "?view=" + encodeURIComponent(query) + "&format=" +
      encodeURIComponent(byId("export-format").value);
  }

  function applyLanguage() {
    document.documentElement.lang = state.params.lang;
    document.querySelectorAll("[data-i18n]").forEach(function (node) {
      node.textContent = t(node.dataset.i18n);
    });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(function (node) {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    });
    document.querySelectorAll(".lang-switch [data-lang]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.dataset.lang === state.params.lang ? "true" : "false");
    });
  }

  /* ---------- the details panel ---------- */

  function panel() {
    var box = byId("map-panel");
    clear(box);
    ["kind", "node", "edge"].forEach(function (key) { delete box.dataset[key]; });
    return box;
  }

  function evidenceList(items) {
    var list = el("div", "evidence-list");
    items.forEach(function (item) {
      if (!item.quote) {
        list.appendChild(el("div", "evidence general", item.source ? t("no-quote") : t("general")));
        return;
      }
      var box = el("div", "evidence");
      var quote = el("blockquote", null, "“" + item.quote + "”");
      if (item.language === "nl" || item.language === "en") {
        quote.setAttribute("lang", item.language);
      }
      box.appendChild(quote);
      if (item.source) {
        var source = el("span", "evidence-source", "— ");
        var link = el("a", null, pick(item.source.labels, item.source.id));
        link.href = entityHref(item.source.id);
        source.appendChild(link);
        source.appendChild(document.createTextNode((item.language ? " (" + item.language + ")" : "") +
          (item.source.file ? " · " + item.source.file : "")));
        box.appendChild(source);
      }
      list.appendChild(box);
    });
    return list;
  }

  function button(text, onClick, className) {
    var node = el("button", "button small" + (className ? " " + className : ""), text);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  function factRow(list, term, value) {
    list.appendChild(el("dt", null, term));
    var cell = el("dd");
    if (value instanceof Node) {
      cell.appendChild(value);
    } else {
      cell.textContent = value;
    }
    list.appendChild(cell);
    return cell;
  }

  function showNode(id) {
    var box = panel();
    box.dataset.node = id;
    box.dataset.kind = "node";
    box.appendChild(el("p", "muted", t("loading-details")));
    return fetchJson(D.nodeApi + encodeURIComponent(id)).then(function (details) {
      if (byId("map-panel").dataset.node === id) {
        renderNode(details);
      }
    }).catch(function (error) {
      var again = panel();
      again.appendChild(el("p", "banner error", error.message || String(error)));
    });
  }

  function renderNode(d) {
    var box = panel();
    box.dataset.node = d.id;
    box.dataset.kind = "node";
    box.appendChild(el("h2", "panel-title", pick(d.labels, d.id)));
    var kind = el("div", "panel-kind");
    var family = state.families[d.family] || {};
    kind.appendChild(swatch(family.shape || "dot", family.colour || "#b0b0b0"));
    kind.appendChild(el("span", "panel-kind-name", pick(d.kindLabels, d.kind)));
    box.appendChild(kind);

    var actions = el("div", "panel-actions");
    if (isOwn(d.id)) {
      var page = el("a", "button small", t("entity-page"));
      page.href = entityHref(d.id);
      actions.appendChild(page);
    }
    var expanded = state.params.expand.indexOf(d.id) >= 0;
    actions.appendChild(button(expanded ? t("collapse") : t("expand"), function () { toggleExpand(d.id); }));
    actions.appendChild(button(t("focus-here"), function () {
      change(function (p) { p.focus = d.id; p.depth = "1"; p.expand = []; p.open = []; });
    }));
    actions.appendChild(button(t("path-from-here"), function () { setPathEnd("from", d.id, pick(d.labels, d.id)); }));
    actions.appendChild(button(t("path-to-here"), function () { setPathEnd("to", d.id, pick(d.labels, d.id)); }));
    box.appendChild(actions);

    var facts = el("dl", "panel-facts");
    if (d.abbreviations.length) {
      factRow(facts, t("abbreviations"), d.abbreviations.join(", "));
    }
    if (d.year) {
      factRow(facts, t("year"), String(d.year));
    }
    if (d.coordinates) {
      var where = d.coordinates.lat.toFixed(4) + ", " + d.coordinates.lon.toFixed(4);
      if (d.coordinates.placedBy) {
        where += " (" + t("placed-by", { name: pick(d.coordinates.placedBy.labels, d.coordinates.placedBy.id) }) + ")";
      }
      factRow(facts, t("coordinates"), where);
    }
    factRow(facts, t("connected"), t("connected-value", { degree: d.degree, rank: number(d.rank), nodes: number(d.nodes) }));
    if (d.community !== null && d.community !== undefined) {
      factRow(facts, t("community"), String(d.community + 1));
    }
    box.appendChild(facts);

    if (d.facts.length) {
      var factSection = el("section", "panel-section panel-facts-section");
      factSection.appendChild(el("h3", null, t("facts")));
      var factList = el("ul", "link-list");
      d.facts.forEach(function (fact) {
        var item = el("li");
        item.appendChild(el("span", "link-predicate", pick(fact.labels, fact.property) + ": "));
        var value = el("span", "fact-value", fact.value);
        if (fact.language === "nl" || fact.language === "en") {
          value.setAttribute("lang", fact.language);
        }
        item.appendChild(value);
        item.appendChild(evidenceList(fact.evidence));
        factList.appendChild(item);
      });
      factSection.appendChild(factList);
      box.appendChild(factSection);
    }

    var linkSection = el("section", "panel-section panel-links");
    linkSection.appendChild(el("h3", null, t("links") + " (" + number(d.links.length) + ")"));
    if (d.neighboursListed < d.neighbours) {
      linkSection.appendChild(el("p", "muted", t("links-more", { shown: d.neighboursListed, total: d.neighbours })));
    }
    var list = el("ul", "link-list");
    d.links.forEach(function (link) {
      var item = el("li");
      item.dataset.predicate = link.predicate;
      item.dataset.other = link.other.id;
      var predicate = pick(link.labels, link.predicate);
      item.appendChild(el("span", "link-predicate", link.direction === "out" ? predicate + " → " : "← " + predicate + ": "));
      var other = el("button", "link-other", pick(link.other.labels, link.other.id));
      other.type = "button";
      other.addEventListener("click", function () { selectEntity(link.other.id); });
      item.appendChild(other);
      link.roles.forEach(function (role) {
        item.appendChild(el("div", "link-role", t("role") + ": " + role));
      });
      item.appendChild(evidenceList(link.evidence));
      list.appendChild(item);
    });
    linkSection.appendChild(list);
    box.appendChild(linkSection);
  }

  function showEdge(edgeId) {
    var item = state.edges.get(edgeId);
    if (!item) {
      return null;
    }
    var box = panel();
    box.dataset.kind = "edge";
    box.dataset.edge = edgeId;
    if (item.aggregate) {
      var ends = [item.from, item.to].map(function (id) {
        var node = state.nodes.get(id);
        return node ? node.label : id;
      });
      box.appendChild(el("h2", null, t("edge-heading")));
      box.appendChild(el("p", null, t("aggregate", { count: number(item.count), a: ends[0], b: ends[1] })));
      box.appendChild(el("p", "muted", t("aggregate-hint")));
      [item.from, item.to].forEach(function (id) {
        var node = state.nodes.get(id);
        if (node && node.cluster && node.openable) {
          box.appendChild(button(t("open-cluster") + ": " + node.label, function () { openCluster(node); }));
        }
      });
      return null;
    }
    box.appendChild(el("p", "muted", t("loading-details")));
    var query = new URLSearchParams({ from: item.from, to: item.to, predicate: item.predicate });
    return fetchJson(D.edgeApi + "?" + query.toString()).then(function (d) {
      var again = panel();
      again.dataset.kind = "edge";
      again.dataset.edge = edgeId;
      again.appendChild(el("h2", null, t("edge-heading")));
      var sentence = el("p", "edge-sentence");
      var from = el("button", "link-other", pick(d.from.labels, d.from.id));
      from.type = "button";
      from.addEventListener("click", function () { selectEntity(d.from.id); });
      var to = el("button", "link-other", pick(d.to.labels, d.to.id));
      to.type = "button";
      to.addEventListener("click", function () { selectEntity(d.to.id); });
      sentence.appendChild(from);
      sentence.appendChild(el("strong", "link-predicate", " " + pick(d.labels, d.predicate) + " "));
      sentence.appendChild(to);
      again.appendChild(sentence);
      d.roles.forEach(function (role) { again.appendChild(el("p", "link-role", t("role") + ": " + role)); });
      var section = el("section", "panel-section");
      section.appendChild(el("h3", null, t("edge-says")));
      section.appendChild(evidenceList(d.evidence));
      again.appendChild(section);
    }).catch(function (error) {
      panel().appendChild(el("p", "banner error", error.message || String(error)));
    });
  }

  function renderPath(path) {
    var box = panel();
    box.dataset.kind = "path";
    var a = labelOf(path.from);
    var b = labelOf(path.to);
    box.appendChild(el("h2", null, t("path-title", { a: a, b: b })));
    if (!path.found) {
      box.appendChild(el("p", "path-none", t("path-none", { a: a, b: b,
        avoid: state.params.avoid === null || state.params.avoid.length ? t("path-none-avoid") : "" })));
      return;
    }
    box.appendChild(el("p", null, t("path-summary", { count: path.paths.length, length: path.length })));
    var list = el("ol", "path-list");
    path.paths.forEach(function (ids) {
      list.appendChild(el("li", "path-item", ids.map(labelOf).join(" → ")));
    });
    box.appendChild(list);
    var section = el("section", "panel-section");
    section.appendChild(el("h3", null, t("path-hops")));
    path.hops.forEach(function (hop) {
      var item = el("div", "path-hop");
      hop.links.forEach(function (link) {
        item.appendChild(el("div", "path-link", labelOf(link.from) + " — " + pick(link.labels, link.predicate) +
          " → " + labelOf(link.to)));
        item.appendChild(evidenceList(link.evidence));
      });
      section.appendChild(item);
    });
    box.appendChild(section);
  }

  /* ---------- actions ---------- */

  function focusNode(id) {
    if (!state.network || !state.nodes.get(id)) {
      return;
    }
    state.network.selectNodes([id]);
    state.network.focus(id, { scale: Math.max(1.1, state.network.getScale()), animation: { duration: 350 } });
    showNode(id);
  }

  function selectEntity(id) {
    if (state.nodes.get(id)) {
      focusNode(id);
      return Promise.resolve();
    }
    // not drawn (filtered out or in a cluster): show it with its neighbours
    return change(function (p) {
      if (p.expand.indexOf(id) < 0) {
        p.expand.push(id);
      }
    }).then(function () {
      whenReady(function () { focusNode(id); });
    });
  }

  function whenReady(fn) {
    if (app.dataset.state === "ready") {
      fn();
      return;
    }
    var observer = new MutationObserver(function () {
      if (app.dataset.state === "ready") {
        observer.disconnect();
        fn();
      }
    });
    observer.observe(app, { attributes: true, attributeFilter: ["data-state"] });
  }

  function toggleExpand(id) {
    return change(function (p) {
      if (p.expand.indexOf(id) >= 0) {
        p.expand = p.expand.filter(function (item) { return item !== id; });
      } else {
        p.expand.push(id);
      }
    }).then(function () {
      whenReady(function () { if (state.nodes.get(id)) { showNode(id); } });
    });
  }

  function openCluster(item) {
    if (!item.openable) {
      return null;
    }
    return change(function (p) {
      if (p.open.indexOf(item.key) < 0) {
        p.open.push(item.key);
      }
    });
  }

  function setPathEnd(which, id, label) {
    state.path[which] = id;
    byId("path-" + which).value = label;
    if (state.path.from && state.path.to) {
      findPath();
    }
  }

  function findPath() {
    if (!state.path.from || !state.path.to) {
      byId("map-message").textContent = t("path-need");
      return;
    }
    var avoid = byId("path-avoid").checked ? null : [];
    change(function (p) { p.from = state.path.from; p.to = state.path.to; p.avoid = avoid; });
  }

  /* ---------- autocomplete (search and path ends) ---------- */

  function autocomplete(input, list, onChoose) {
    var hits = [];
    var active = -1;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      active = -1;
    }

    function mark() {
      Array.prototype.forEach.call(list.children, function (item, index) {
        item.setAttribute("aria-selected", index === active ? "true" : "false");
      });
    }

    function choose(hit) {
      input.value = hit.label;
      close();
      onChoose(idOf(hit.iri), hit.label);
    }

    var run = debounce(function (text) {
      if (!text.trim()) {
        close();
        return;
      }
      var query = new URLSearchParams({ q: text, lang: state.params.lang, limit: "12" });
      fetchJson(D.searchApi + "?" + query.toString()).then(function (answer) {
        if (input.value !== text) {
          return;
        }
        hits = answer.hits.filter(function (hit) { return !state.options || state.kinds[hit.kind]; });
        clear(list);
        hits.forEach(function (hit, index) {
          var item = el("li");
          item.id = list.id + "-" + index;
          item.setAttribute("role", "option");
          item.dataset.id = idOf(hit.iri);
          item.appendChild(el("span", "hit-label", hit.label));
          item.appendChild(el("span", "hit-kind", kindName(hit.kind, "") || hit.kindLabel));
          if (hit.matched && hit.matched !== hit.label) {
            item.appendChild(el("span", "hit-matched", "(" + hit.matched + ")"));
          }
          item.addEventListener("mousedown", function (event) {
            event.preventDefault();
            choose(hit);
          });
          list.appendChild(item);
        });
        active = hits.length ? 0 : -1;
        mark();
        list.hidden = !hits.length;
        input.setAttribute("aria-expanded", hits.length ? "true" : "false");
      }).catch(function () { close(); });
    }, 120);

    input.addEventListener("input", function () { run(input.value); });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) {
        return;
      }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        active = (active + (event.key === "ArrowDown" ? 1 : -1) + hits.length) % hits.length;
        mark();
        input.setAttribute("aria-activedescendant", list.id + "-" + active);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(hits[active]);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  /* ---------- controls ---------- */

  function bindControls() {
    autocomplete(byId("map-search"), byId("map-search-list"), function (id) { selectEntity(id); });
    autocomplete(byId("path-from"), byId("path-from-list"), function (id) { state.path.from = id; });
    autocomplete(byId("path-to"), byId("path-to-list"), function (id) { state.path.to = id; });
    byId("path-find").addEventListener("click", findPath);
    byId("path-clear").addEventListener("click", function () {
      state.path = { from: null, to: null };
      byId("path-from").value = "";
      byId("path-to").value = "";
      change(function (p) { p.from = ""; p.to = ""; p.avoid = null; });
    });
    ["place", "partnership", "area"].forEach(function (name) {
      byId("filter-" + name).addEventListener("change", function (event) {
        var value = event.target.value;
        change(function (p) { p[name] = value ? [value] : []; });
      });
    });
    ["year_from", "year_to"].forEach(function (name) {
      var input = byId(name === "year_from" ? "filter-year-from" : "filter-year-to");
      input.addEventListener("change", function () {
        var value = input.value.trim();
        if (value && !/^\d{4}$/.test(value)) {
          return;
        }
        change(function (p) { p[name] = value; });
      });
    });
    byId("clear-filters").addEventListener("click", function () {
      change(function (p) {
        p.kind = []; p.place = []; p.partnership = []; p.area = []; p.year_from = ""; p.year_to = "";
      });
    });
    document.querySelectorAll("input[name=layout]").forEach(function (radio) {
      radio.addEventListener("change", function () {
        change(function (p) { p.layout = radio.value; });
      });
    });
    byId("physics-toggle").addEventListener("change", function (event) {
      var on = event.target.checked;
      change(function (p) { p.physics = on ? "on" : "off"; });
    });
    byId("cluster-mode").addEventListener("change", function (event) {
      var mode = event.target.value;
      change(function (p) { p.cluster = mode; p.open = []; });
    });
    byId("colour-mode").addEventListener("change", function (event) {
      var mode = event.target.value;
      change(function (p) { p.colour = mode; });
    });
    byId("export-format").addEventListener("change", updateExport);
    document.querySelectorAll(".lang-switch [data-lang]").forEach(function (button) {
      button.addEventListener("click", function () {
        var lang = button.dataset.lang;
        change(function (p) { p.lang = lang; });
      });
    });
    window.addEventListener("popstate", function () {
      state.params = readParams(window.location.search);
      loadView(false);
    });
  }

  function start() {
    bindControls();
    applyLanguage();
    var options = fetchJson(D.optionsApi).then(function (answer) {
      state.options = answer;
      answer.kinds.forEach(function (kind) { state.kinds[kind.kind] = kind; });
      answer.families.forEach(function (family) { state.families[family.key] = family; });
    });
    var lenses = fetchJson(D.lensesApi).then(function (answer) { state.lenses = answer; });
    Promise.all([options, lenses]).then(function () {
      return loadView(false);
    }).catch(showError);
  }

  window.lshkgMap = {
    state: state,
    get network() { return state.network; },
    get nodes() { return state.nodes; },
    get edges() { return state.edges; },
    reload: function () { return loadView(false); }
  };

  start();
}());
