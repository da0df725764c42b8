/* The lsh-kg query editor: YASQE (editor) and YASR (results) from @zazuko/yasgui, over our /sparql.
 *
 * Everything is served by this app; nothing is fetched from another host. Data (query results,
 * gallery texts, network labels) is always put on the page as text (textContent, createTextNode,
 * vis-network string titles), never as HTML.
 */
(function () {
  "use strict";

  var app = document.getElementById("editor-app");
  if (!app || typeof window.Yasgui === "undefined") {
    return;
  }
  var Yasqe = window.Yasgui.Yasqe;
  var Yasr = window.Yasgui.Yasr;

  var ENDPOINT = new URL(app.dataset.endpoint, window.location.href).href;
  var TERMS_API = app.dataset.termsApi;
  var GALLERY_API = app.dataset.galleryApi;
  var NETWORK_API = app.dataset.networkApi;
  var BASE_IRI = app.dataset.baseIri;
  var ENTITY_BASE = app.dataset.entityBase;
  var MAX_GET_URL = parseInt(app.dataset.maxGetUrl, 10) || 2000;
  var TRUNCATED_LINK = "urn:lsh-kg:results-truncated";
  var TRUNCATED_HEADER = "Lshkg-Truncated";
  var GRAPH_FORMS = ["CONSTRUCT", "DESCRIBE"];
  var FORMATS = {
    solutions: [["json", "JSON"], ["xml", "XML"], ["csv", "CSV"], ["tsv", "TSV"]],
    graph: [["ttl", "Turtle"], ["nt", "N-Triples"], ["jsonld", "JSON-LD"], ["rdfxml", "RDF/XML"]]
  };
  var LANGUAGES = ["en", "nl"];

  var TEXT = {
    en: {
      "nav-map": "Map",
      "nav-query": "Query",
      "nav-search": "Search",
      "nav-kinds": "Kinds",
      "gallery-heading": "Examples",
      "gallery-loading": "Loading examples…",
      "gallery-empty": "No examples yet.",
      "gallery-failed": "The examples could not be loaded: {error}",
      "run": "Run query",
      "shortcut": "or Ctrl+Enter",
      "endpoint-link": "SPARQL endpoint",
      "download": "Download results:",
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
      "gallery-heading": "Voorbeelden",
      "gallery-loading": "Voorbeelden laden…",
      "gallery-empty": "Nog geen voorbeelden.",
      "gallery-failed": "De voorbeelden konden niet worden geladen: {error}",
      "run": "Query uitvoeren",
      "shortcut": "of Ctrl+Enter",
      "endpoint-link": "SPARQL-endpoint",
      "download": "Resultaten downloaden:",
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

  var params = new URLSearchParams(window.location.search);
  var state = {
    lang: LANGUAGES.indexOf(params.get("lang")) >= 0 ? params.get("lang") : "en",
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
    lastStatus: null
  };
  var yasqe = null;
  var yasr = null;

  /* ---------- small helpers ---------- */

  function t(key, values) {
    var text = (TEXT[state.lang] && TEXT[state.lang][key]) || TEXT.en[key] || key;
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
      node.textContent = text;
    }
    return node;
  }

  function byId(id) {
    return document.getElementById(id);
  }

  function fetchJson(url, options) {
    return fetch(url, options).then(function (response) {
      return response.text().then(function (body) {
        var data = null;
        try {
          data = body ? JSON.parse(body) : null;
        } catch (error) {
          data = null;
        }
        if (!response.ok) {
          var type = response.headers.get("Content-Type") || "";
          var message = data && data.error ? data.error
            : (type.indexOf("text/plain") === 0 && body ? body : response.statusText);
          throw new Error("HTTP " + response.status + ": " + shorten(String(message).trim(), 500));
        }
        return data;
      });
    });
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fn, ms);
    };
  }

  function pick(texts) {
    if (!texts) {
      return "";
    }
    return texts[state.lang] || texts.en || texts.nl || texts[""] || Object.values(texts)[0] || "";
  }

  function seconds(ms) {
    return (ms / 1000).toFixed(2);
  }

  /* ---------- language ---------- */

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll("[data-i18n]").forEach(function (node) {
      node.textContent = t(node.dataset.i18n);
    });
    document.querySelectorAll(".lang-switch [data-lang]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.dataset.lang === state.lang ? "true" : "false");
    });
    renderGallery();
    if (state.networkData) {
      relabelNetwork();
    }
    if (state.truncation !== null) {
      showTruncation(state.truncation);
    }
    if (state.lastStatus) {
      setStatus(state.lastStatus.key, state.lastStatus.values, state.lastStatus.kind);
    }
    if (yasqe) {
      updateDownloads();
    }
  }

  document.querySelectorAll(".lang-switch [data-lang]").forEach(function (button) {
    button.addEventListener("click", function () {
      state.lang = button.dataset.lang;
      applyLanguage();
      updateUrl();
    });
  });

  /* ---------- the URL keeps the query ---------- */

  function pageUrl(query) {
    var search = new URLSearchParams();
    if (state.lang !== "en") {
      search.set("lang", state.lang);
    }
    if (query) {
      search.set("query", query);
    }
    var text = search.toString();
    return window.location.pathname + (text ? "?" + text : "");
  }

  function updateUrl() {
    if (!yasqe) {
      return;
    }
    var url = pageUrl(yasqe.getValue());
    if (url !== window.location.pathname + window.location.search) {
      window.history.replaceState(null, "", url);
    }
  }

  /* ---------- status, banners ---------- */

  function setStatus(key, values, kind) {
    var status = byId("query-status");
    state.lastStatus = key ? { key: key, values: values, kind: kind } : null;
    status.textContent = key ? t(key, values) : "";
    status.className = "query-status" + (kind ? " " + kind : "");
  }

  function showTruncation(limit) {
    var banner = byId("truncation-banner");
    state.truncation = limit;
    if (limit === null) {
      banner.hidden = true;
      banner.textContent = "";
      delete app.dataset.truncated;
      return;
    }
    banner.textContent = t("truncated", { limit: limit || "?" });
    banner.hidden = false;
    app.dataset.truncated = "true";
  }

  /* ---------- query form and downloads ---------- */

  function queryForm() {
    var type = yasqe ? yasqe.getQueryType() : null;
    return GRAPH_FORMS.indexOf(String(type || "").toUpperCase()) >= 0 ? "graph" : "solutions";
  }

  function downloadUrl(query, format) {
    var search = new URLSearchParams({ query: query, format: format, download: "1" });
    return ENDPOINT + "?" + search.toString();
  }

  function downloadFrame() {
    var frame = byId("download-frame");
    if (!frame) {
      frame = el("iframe");
      frame.id = "download-frame";
      frame.name = "download-frame";
      frame.hidden = true;
      frame.title = "downloads";
      frame.addEventListener("load", function () {
        // a download does not load the frame; an error message (text/plain) does
        var text = "";
        try {
          text = frame.contentDocument && frame.contentDocument.body
            ? frame.contentDocument.body.textContent.trim() : "";
        } catch (error) {
          text = "";
        }
        if (text) {
          setStatus("download-failed", { error: text }, "error");
        }
      });
      document.body.appendChild(frame);
    }
    return frame;
  }

  function postDownload(format) {
    downloadFrame();
    var form = el("form");
    form.method = "post";
    form.action = ENDPOINT;
    form.target = "download-frame";
    form.hidden = true;
    [["query", yasqe.getValue()], ["format", format], ["download", "1"]].forEach(function (pair) {
      var input = el("input");
      input.type = "hidden";
      input.name = pair[0];
      input.value = pair[1];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
    form.remove();
  }

  function updateDownloads() {
    var box = byId("downloads");
    var links = byId("download-links");
    var query = yasqe.getValue();
    var form = queryForm();
    var viaPost = downloadUrl(query, "json").length > MAX_GET_URL;
    links.replaceChildren();
    FORMATS[form].forEach(function (entry) {
      var format = entry[0];
      var node;
      if (viaPost) {
        node = el("button", "download-link download-post", entry[1]);
        node.type = "button";
        node.addEventListener("click", function () {
          postDownload(format);
        });
      } else {
        node = el("a", "download-link", entry[1]);
        node.href = downloadUrl(query, format);
        node.setAttribute("download", "");
      }
      node.dataset.format = format;
      node.title = "format=" + format;
      links.appendChild(node);
    });
    if (viaPost) {
      links.appendChild(el("span", "muted download-note", t("download-post")));
    }
    box.dataset.form = form;
    box.dataset.method = viaPost ? "post" : "get";
    box.classList.toggle("invalid", !yasqe.queryValid);
  }

  /* ---------- result links to the app's entity pages ---------- */

  function entityHref(iri) {
    if (BASE_IRI && iri.indexOf(BASE_IRI) === 0 && iri.length > BASE_IRI.length) {
      return ENTITY_BASE + iri.slice(BASE_IRI.length);
    }
    return null;
  }

  function rewriteLinks(root) {
    root.querySelectorAll("a[href]").forEach(function (link) {
      if (link.dataset.entity) {
        return;
      }
      var iri = link.getAttribute("href");
      var href = entityHref(iri);
      if (href) {
        link.setAttribute("href", href);
        link.removeAttribute("target");
        link.removeAttribute("rel");
        link.dataset.entity = iri;
        link.title = iri;
        link.classList.add("entity-link");
      }
    });
  }

  /* ---------- results ---------- */

  function renderError(error) {
    var box = el("div", "query-error");
    box.appendChild(el("p", "query-error-title", t("error-title")));
    var text = (error && (error.text || error.statusText)) || "";
    if (!text || text === "Failed to fetch") {
      text = t("error-unreachable") + (text ? " (" + text + ")" : "");
    }
    box.appendChild(el("pre", "query-error-message", text.trim()));
    return Promise.resolve(box);
  }

  function truncationOf(response) {
    var header = response.headers && response.headers.get ? response.headers.get(TRUNCATED_HEADER) : null;
    if (header) {
      return header;
    }
    var type = response.headers && response.headers.get ? response.headers.get("Content-Type") || "" : "";
    if (type.indexOf("json") >= 0 && typeof response.content === "string"
        && response.content.indexOf(TRUNCATED_LINK) >= 0) {
      try {
        var head = JSON.parse(response.content).head || {};
        if ((head.link || []).indexOf(TRUNCATED_LINK) >= 0) {
          return "";
        }
      } catch (error) {
        return null;
      }
    }
    return null;
  }

  function onQueryStart() {
    updateUrl();
    updateDownloads();
    showTruncation(null);
    app.dataset.state = "running";
    setStatus("running", null, "busy");
    if (queryForm() === "graph") {
      loadNetwork(yasqe.getValue());
    } else {
      hideNetwork();
    }
  }

  function onQueryResponse(_instance, response, duration) {
    if (response && response.name === "AbortError") {
      return;
    }
    yasr.setResponse(response, duration);
    if (response instanceof Error || !response) {
      app.dataset.state = "error";
      setStatus("failed", null, "error");
      return;
    }
    var limit = truncationOf(response);
    showTruncation(limit);
    var rows = yasr.results && yasr.results.getBindings ? yasr.results.getBindings() : null;
    if (rows && queryForm() !== "graph") {
      setStatus("done-rows", { rows: rows.length, seconds: seconds(duration) }, "ok");
    } else {
      setStatus("done", { seconds: seconds(duration) }, "ok");
    }
    app.dataset.state = "done";
  }

  function run() {
    if (yasqe) {
      yasqe.query().catch(function () { /* shown by YASR */ });
    }
  }

  /* ---------- network of CONSTRUCT / DESCRIBE answers ---------- */

  function hideNetwork() {
    if (state.networkRequest) {
      state.networkRequest.abort();
      state.networkRequest = null;
    }
    if (state.network) {
      state.network.destroy();
      state.network = null;
    }
    state.networkData = null;
    byId("network-panel").hidden = true;
    delete app.dataset.network;
  }

  function setNetworkCount(nodes, edges) {
    var count = byId("network-count");
    count.dataset.nodeCount = String(nodes);
    count.dataset.edgeCount = String(edges);
    count.textContent = t("network-count", { nodes: nodes, edges: edges });
  }

  function loadNetwork(query) {
    hideNetwork();
    var panel = byId("network-panel");
    var status = byId("network-status");
    panel.hidden = false;
    app.dataset.network = "loading";
    byId("network-count").textContent = "";
    byId("network-canvas").replaceChildren();
    resetDetails();
    status.textContent = t("network-loading");
    var controller = new AbortController();
    state.networkRequest = controller;
    fetchJson(NETWORK_API, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ query: query }),
      signal: controller.signal
    }).then(function (data) {
      if (state.networkRequest !== controller) {
        return;
      }
      state.networkRequest = null;
      drawNetwork(data);
    }, function (error) {
      if (state.networkRequest !== controller || error.name === "AbortError") {
        return;
      }
      state.networkRequest = null;
      status.textContent = t("network-failed", { error: error.message });
      app.dataset.network = "error";
    });
  }

  function nodeLabel(node) {
    return pick(node.labels) || node.label;
  }

  function shorten(text, max) {
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  function nodeTooltip(node) {
    var lines = [nodeLabel(node)];
    if (node.iri) {
      lines.push(node.iri);
    }
    node.attributes.slice(0, 12).forEach(function (attribute) {
      lines.push(attribute.label + ": " + shorten(attribute.value, 120)
        + (attribute.language ? " @" + attribute.language : ""));
    });
    if (node.attributes.length > 12) {
      lines.push("… +" + (node.attributes.length - 12));
    }
    return lines.join("\n");
  }

  function visNodes(data) {
    return data.nodes.map(function (node) {
      return { id: node.id, label: shorten(nodeLabel(node), 40), title: nodeTooltip(node), group: node.kind };
    });
  }

  function drawNetwork(data) {
    var status = byId("network-status");
    var canvas = byId("network-canvas");
    state.networkData = data;
    state.networkNodes = {};
    data.nodes.forEach(function (node) {
      state.networkNodes[node.id] = node;
    });
    setNetworkCount(data.nodes.length, data.edges.length);
    status.textContent = data.truncated ? t("network-truncated")
      : (data.nodes.length === 0 ? t("network-empty") : "");
    status.className = data.truncated ? "warning-text" : "muted";
    app.dataset.network = "ready";
    if (data.nodes.length === 0 || typeof window.vis === "undefined") {
      return;
    }
    var many = data.edges.length > 300;
    var edges = data.edges.map(function (edge, index) {
      return {
        id: index, from: edge.from, to: edge.to,
        label: many ? undefined : edge.label, title: edge.label + "\n" + edge.predicate
      };
    });
    var options = {
      autoResize: true,
      layout: { improvedLayout: data.nodes.length <= 150 },
      nodes: { shape: "dot", size: 12, font: { size: 13, face: "system-ui, sans-serif", color: "#1d2733" } },
      edges: {
        arrows: { to: { enabled: true, scaleFactor: 0.6 } },
        color: { color: "#9aa4b1", highlight: "#1f5fae", hover: "#1f5fae" },
        font: { size: 10, face: "system-ui, sans-serif", color: "#4a5563", strokeWidth: 3, align: "middle" },
        smooth: { type: "continuous" }
      },
      groups: {
        entity: { color: { background: "#2f6fb5", border: "#1f4f85", highlight: { background: "#4d8ad0", border: "#1f4f85" } } },
        iri: { shape: "box", color: { background: "#eef1f5", border: "#9aa4b1" }, font: { size: 12 } },
        bnode: { size: 7, color: { background: "#c4c9d0", border: "#8e96a1" } }
      },
      physics: { solver: "forceAtlas2Based", stabilization: { iterations: 200, fit: true } },
      interaction: { hover: true, tooltipDelay: 150, keyboard: false }
    };
    state.network = new window.vis.Network(canvas, { nodes: visNodes(data), edges: edges }, options);
    state.network.once("stabilizationIterationsDone", function () {
      if (state.network) {
        state.network.setOptions({ physics: false });
      }
    });
    state.network.on("click", function (event) {
      if (event.nodes.length) {
        showDetails(event.nodes[0]);
      }
    });
  }

  function relabelNetwork() {
    if (state.network && state.networkData) {
      state.network.body.data.nodes.update(visNodes(state.networkData));
    }
    if (state.networkData) {
      setNetworkCount(state.networkData.nodes.length, state.networkData.edges.length);
    }
  }

  function resetDetails() {
    var details = byId("network-details");
    details.replaceChildren(el("p", "muted", t("network-hint")));
  }

  function showDetails(id) {
    var node = state.networkNodes && state.networkNodes[id];
    if (!node) {
      return;
    }
    var details = byId("network-details");
    details.replaceChildren();
    details.appendChild(el("h3", null, nodeLabel(node)));
    details.appendChild(el("p", "muted", t("network-kind-" + node.kind)));
    if (node.href) {
      var link = el("a", "entity-link", node.prefixed || node.iri);
      link.href = node.href;
      link.title = t("network-open");
      details.appendChild(el("p")).appendChild(link);
    } else if (node.iri) {
      details.appendChild(el("p")).appendChild(el("code", null, node.iri));
    }
    var list = el("dl");
    Object.keys(node.labels).forEach(function (language) {
      list.appendChild(el("dt", null, "label" + (language ? " @" + language : "")));
      list.appendChild(el("dd", null, node.labels[language]));
    });
    node.attributes.forEach(function (attribute) {
      var term = el("dt", null, attribute.label);
      term.title = attribute.predicate;
      list.appendChild(term);
      list.appendChild(el("dd", null, attribute.value + (attribute.language ? " @" + attribute.language : "")));
    });
    if (list.children.length) {
      details.appendChild(list);
    }
  }

  /* ---------- gallery ---------- */

  function renderGallery() {
    var list = byId("gallery-list");
    var status = byId("gallery-status");
    list.replaceChildren();
    if (state.galleryError) {
      status.textContent = t("gallery-failed", { error: state.galleryError });
      status.hidden = false;
      return;
    }
    if (state.examples === null) {
      status.textContent = t("gallery-loading");
      status.hidden = false;
      return;
    }
    if (!state.examples.length) {
      status.textContent = t("gallery-empty");
      status.hidden = false;
      return;
    }
    status.hidden = true;
    state.examples.forEach(function (example) {
      var item = el("li", "example");
      item.dataset.exampleId = example.id;
      if (example.id === state.activeExample) {
        item.classList.add("active");
      }
      var button = el("button", "example-button", pick(example.label) || example.id);
      button.type = "button";
      button.addEventListener("click", function () {
        loadExample(example);
      });
      item.appendChild(button);
      var comment = pick(example.comment);
      if (comment) {
        item.appendChild(el("p", "example-description", comment));
      }
      list.appendChild(item);
    });
  }

  function loadExample(example) {
    state.activeExample = example.id;
    renderGallery();
    if (!yasqe) {
      return;
    }
    yasqe.setValue(example.query);
    updateUrl();
    run();
  }

  function loadGallery() {
    fetchJson(GALLERY_API).then(function (examples) {
      state.examples = Array.isArray(examples) ? examples : [];
      renderGallery();
    }, function (error) {
      state.galleryError = error.message;
      renderGallery();
    });
  }

  /* ---------- completion: our prefixes and our ontology's terms, never LOV ---------- */

  function localName(iri) {
    return iri.replace(/^.*[#/]/, "");
  }

  function matchTerms(kind, token) {
    var typed = ((token && token.autocompletionString) || "").trim();
    if (!typed && !state.explicitCompletion) {
      return [];
    }
    var lower = typed.toLowerCase();
    var fragment = lower.replace(/^.*[#/:]/, "");
    var namespace = (state.prefixes.lsh || "").toLowerCase();
    var bare = !/[:/#]/.test(typed);
    var inOurs = bare || (namespace && lower.indexOf(namespace) === 0);
    var starts = [];
    var contains = [];
    state.terms.forEach(function (term) {
      if (term.kind !== kind) {
        return;
      }
      var iri = term.iri.toLowerCase();
      if (!typed || iri.indexOf(lower) === 0 || localName(iri).indexOf(fragment) === 0) {
        starts.push(term);
      } else if (inOurs && fragment && (localName(iri).indexOf(fragment) >= 0
          || (term.label.en || "").toLowerCase().indexOf(fragment) >= 0
          || (term.label.nl || "").toLowerCase().indexOf(fragment) >= 0)) {
        contains.push(term);
      }
    });
    if (!inOurs) {
      starts = starts.filter(function (term) { return term.iri.toLowerCase().indexOf(lower) === 0; });
    }
    return starts.concat(contains).map(function (term) { return term.iri; });
  }

  function suggestionFor(yasqeInstance, iri) {
    var declared = yasqeInstance.getPrefixesFromQuery();
    for (var prefix in declared) {
      var namespace = declared[prefix];
      if (namespace && iri.indexOf(namespace) === 0 && /^[A-Za-z_][\w-]*$/.test(iri.slice(namespace.length))) {
        return prefix + ":" + iri.slice(namespace.length);
      }
    }
    return "<" + iri + ">";
  }

  function labelHints(yasqeInstance, hints) {
    var declared = yasqeInstance.getPrefixesFromQuery();
    hints.forEach(function (hint) {
      var iri = hint.text.charAt(0) === "<" ? hint.text.slice(1, -1) : null;
      if (!iri) {
        var colon = hint.text.indexOf(":");
        var prefix = hint.text.slice(0, colon);
        iri = declared[prefix] ? declared[prefix] + hint.text.slice(colon + 1) : hint.text;
      }
      var term = state.termsByIri[iri];
      var label = term ? pick(term.label) : "";
      if (label) {
        hint.displayText = hint.text + "  —  " + label;
      }
    });
    return hints;
  }

  function configureCompletion() {
    var lovClass = Yasqe.Autocompleters["class"];
    var lovProperty = Yasqe.Autocompleters.property;
    // the Linked Open Vocabularies completers (an outside service): removed, never called
    Yasqe.defaults.autocompleters = Yasqe.defaults.autocompleters.filter(function (name) {
      return name !== "class" && name !== "property";
    });
    delete Yasqe.Autocompleters["class"];
    delete Yasqe.Autocompleters.property;
    Yasqe.defaults.prefixCcApi = null;
    // prefixes: ours only (the bundled prefix.cc list has e.g. http://schema.org/, not ours)
    Yasqe.registerAutocompleter(Object.assign({}, Yasqe.Autocompleters.prefixes, {
      name: "prefixes",
      persistenceId: null,
      get: function () {
        return Object.keys(state.prefixes).sort().map(function (prefix) {
          return prefix + ": <" + state.prefixes[prefix] + ">";
        });
      }
    }));
    [["class", lovClass, "ontologyClasses"], ["property", lovProperty, "ontologyProperties"]].forEach(function (entry) {
      var kind = entry[0];
      var positions = entry[1];
      Yasqe.registerAutocompleter({
        name: entry[2],
        bulk: false,
        autoShow: true,
        persistenceId: null,
        isValidCompletionPosition: positions.isValidCompletionPosition,
        preProcessToken: positions.preProcessToken,
        postProcessSuggestion: function (yasqeInstance, _token, iri) {
          return suggestionFor(yasqeInstance, iri);
        },
        postprocessHints: labelHints,
        get: function (_yasqeInstance, token) {
          return matchTerms(kind, token);
        }
      });
    });
    var keys = Object.assign({}, Yasqe.defaults.extraKeys);
    keys["Ctrl-Space"] = function (instance) {
      state.explicitCompletion = true;
      try {
        instance.autocomplete();
      } finally {
        state.explicitCompletion = false;
      }
    };
    Yasqe.defaults.extraKeys = keys;
  }

  /* ---------- start ---------- */

  function defaultQuery() {
    var names = Object.keys(state.prefixes).sort(function (a, b) {
      return (a === "lsh" ? -1 : b === "lsh" ? 1 : a.localeCompare(b));
    });
    var declarations = names.map(function (prefix) {
      return "PREFIX " + prefix + ": <" + state.prefixes[prefix] + ">";
    });
    return declarations.join("\n") + (declarations.length ? "\n\n" : "")
      + t("starter-comment") + "\n"
      + "SELECT ?organisation ?name WHERE {\n"
      + "  ?organisation a lsh:Organisation ;\n"
      + "                rdfs:label ?name .\n"
      + "  FILTER(LANG(?name) = \"en\")\n"
      + "}\n"
      + "ORDER BY ?name\n"
      + "LIMIT 100\n";
  }

  function displayPrefixes() {
    var prefixes = Object.assign({}, state.prefixes, yasqe ? yasqe.getPrefixesFromQuery() : {});
    prefixes.lshid = BASE_IRI;
    return prefixes;
  }

  function start(termsData, termsError) {
    state.prefixes = (termsData && termsData.prefixes) || {};
    state.terms = (termsData && termsData.terms) || [];
    state.terms.forEach(function (term) {
      state.termsByIri[term.iri] = term;
    });
    var initial = params.get("query");
    yasqe = new Yasqe(byId("yasqe"), {
      value: initial ? initial : defaultQuery(),
      persistenceId: null,
      consumeShareLink: null,
      createShareableLink: function () {
        return window.location.origin + pageUrl(yasqe.getValue());
      },
      createShortLink: undefined,
      requestConfig: {
        endpoint: ENDPOINT,
        method: "POST",
        acceptHeaderSelect: "application/sparql-results+json",
        acceptHeaderGraph: "text/turtle",
        acceptHeaderUpdate: "text/plain"
      },
      editorHeight: "320px",
      resizeable: true
    });
    yasr = new Yasr(byId("yasr"), {
      persistenceId: null,
      prefixes: displayPrefixes,
      pluginOrder: ["table", "response"],
      defaultPlugin: "table",
      errorRenderers: [renderError],
      getDownloadFileName: function () { return "query-results"; }
    });
    new MutationObserver(function () {
      rewriteLinks(yasr.resultsEl);
    }).observe(yasr.resultsEl, { childList: true, subtree: true });

    var afterEdit = debounce(function () {
      updateUrl();
      updateDownloads();
    }, 250);
    yasqe.on("change", afterEdit);
    yasqe.on("query", onQueryStart);
    yasqe.on("queryResponse", onQueryResponse);
    byId("run-button").addEventListener("click", run);
    byId("run-button").disabled = false;

    window.lshkgEditor = {
      yasqe: yasqe,
      yasr: yasr,
      run: run,
      network: function () { return state.network; }
    };
    updateDownloads();
    app.dataset.state = "ready";
    if (termsError) {
      setStatus("terms-failed", { error: termsError }, "error");
    }
    if (initial) {
      updateUrl();
      run();
    }
  }

  byId("run-button").disabled = true;
  configureCompletion();
  applyLanguage();
  loadGallery();
  fetchJson(TERMS_API).then(function (data) {
    start(data, null);
  }, function (error) {
    start(null, error.message);
  });
})();
