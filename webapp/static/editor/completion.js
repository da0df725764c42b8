/* Completion in YASQE: our prefixes and our ontology's classes and properties (with their labels),
 * never the Linked Open Vocabularies or prefix.cc services that YASQE would otherwise call.
 */

import { Yasqe, state } from "./state.js";
import { pick } from "./texts.js";

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

export function configureCompletion() {
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
