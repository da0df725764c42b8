/* RDF terms of a SELECT answer read as a person reads them: names instead of IRIs (fetched from
 * /api/labels, in the page's language), prefixed names for our vocabulary, numbers formatted, a
 * language tag apart. Plain text only: views put it on the page with textContent.
 */

import { fetchJson } from "./dom.js";
import { BASE_IRI, ENTITY_BASE, LABELS_API, state } from "./state.js";
import { pick } from "./texts.js";

const NUMERIC = /#(integer|decimal|double|float|long|int|short|byte|nonNegativeInteger|positiveInteger|negativeInteger|nonPositiveInteger|unsignedLong|unsignedInt)$/;
const LOCALES = { en: "en-GB", nl: "nl-NL" };
const known = {};  // iri -> {en, nl}, or null when the server has no name for it

export function resultRows(yasr) {
  var results = yasr.results;
  if (!results || !results.getBindings || !results.getVariables) {
    return null;
  }
  var rows = results.getBindings();
  return rows ? { variables: results.getVariables(), rows: rows } : null;
}

export function isNumber(term) {
  return Boolean(term) && term.type !== "uri" && term.type !== "bnode"
    && (NUMERIC.test(term.datatype || "") || (!term.datatype && !term["xml:lang"]
      && /^-?\d+(\.\d+)?$/.test(term.value)));
}

export function numberOf(term) {
  return isNumber(term) ? Number(term.value) : NaN;
}

export function formatNumber(value) {
  return new Intl.NumberFormat(LOCALES[state.lang] || "en-GB", { maximumFractionDigits: 6 }).format(value);
}

export function entityHref(iri) {
  if (BASE_IRI && iri.indexOf(BASE_IRI) === 0 && iri.length > BASE_IRI.length) {
    return ENTITY_BASE + iri.slice(BASE_IRI.length);
  }
  return null;
}

function prefixed(iri) {
  var best = null;
  Object.keys(state.prefixes).forEach(function (prefix) {
    var namespace = state.prefixes[prefix];
    if (iri.indexOf(namespace) === 0 && (!best || namespace.length > state.prefixes[best].length)) {
      best = prefix;
    }
  });
  return best ? best + ":" + iri.slice(state.prefixes[best].length) : iri;
}

export function termText(term) {
  if (!term) {
    return "";
  }
  if (term.type === "uri") {
    return known[term.value] ? pick(known[term.value]) : prefixed(term.value);
  }
  if (term.type === "bnode") {
    return "_:" + term.value;
  }
  return isNumber(term) ? formatNumber(Number(term.value)) : term.value;
}

export function languageOf(term) {
  return term && term["xml:lang"] ? term["xml:lang"] : "";
}

// the names of every IRI in the rows not yet asked for; resolves when they are in
export function loadLabels(rows) {
  var wanted = [];
  rows.forEach(function (row) {
    Object.keys(row).forEach(function (name) {
      var term = row[name];
      if (term.type === "uri" && !(term.value in known) && wanted.indexOf(term.value) < 0) {
        wanted.push(term.value);
      }
    });
  });
  wanted = wanted.slice(0, 1000);
  if (!wanted.length) {
    return Promise.resolve();
  }
  return fetchJson(LABELS_API, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Accept": "application/json" },
    body: JSON.stringify({ iris: wanted })
  }).then(function (labels) {
    wanted.forEach(function (iri) {
      known[iri] = labels && labels[iri] ? labels[iri] : null;
    });
  }, function () {
    wanted.forEach(function (iri) {
      known[iri] = null;  // shown by their prefixed names
    });
  });
}
