/* YASQE's and YASR's own words (the editor's buttons, the view buttons, the table's controls and
 * paging, the count above an answer) in the page's language: the libraries write them in English, so
 * each known text is replaced by its message from the catalogues whenever they draw. Only texts that
 * match exactly are touched; data never is.
 */

import { t } from "../i18n.js";

function exact() {
  return {
    "Table": t("Table"), "Response": t("Response"), "Simple view": t("Simple view"),
    "Ellipse": t("Ellipse"), "Page size:": t("Page size:"), "Filter query results": t("Filter query results"),
    "Run query": t("Run query"), "Share query": t("Share query"), "Show all": t("Show all"), "All": t("All"),
    "Download result": t("Download the answer"), "Download Results": t("Download the answer"),
    "Download not supported": t("This view cannot be downloaded"),
    "This plugin doesn't have a help reference yet. Please contact the maintainer to fix this":
      t("This view has no documentation"),
    "pagination": t("Pages"), "First": t("First page"), "Previous": t("Previous page"), "Next": t("Next page"),
    "Last": t("Last page")
  };
}

// texts with numbers in them: the English pattern and the message that says it
function patterns(words) {
  return [
    [/^Shows (.+) view$/, function (m) {  // a view button's name: it must hold the button's text
      return t("Shows the {view} view", { view: words[m[1]] || m[1] });
    }],
    [/^View documentation of (.+)$/, function (m) {
      return t("The documentation of the {view} view", { view: words[m[1]] || m[1] });
    }],
    [/^(.*): Activate to sort$/, function (m) {  // a column's heading: its name is data, kept
      return t("{column}: sort by this column", { column: m[1] });
    }],
    [/^(.*): Activate to (?:invert|reverse) sorting$/, function (m) {
      return t("{column}: sort the other way", { column: m[1] });
    }],
    [/^(.*): Activate to remove sorting$/, function (m) {
      return t("{column}: stop sorting by this column", { column: m[1] });
    }],
    [/^(\d[\d,.]*) results? in ([\d.]+) seconds?$/, function (m) {
      return t("{rows} results in {seconds} s", { rows: m[1], seconds: m[2] });
    }],
    [/^Showing (\d[\d,.]*) to (\d[\d,.]*) of (\d[\d,.]*) (?:entries|results)$/, function (m) {
      return t("Showing {start} to {end} of {total}", { start: m[1], end: m[2], total: m[3] });
    }]
  ];
}

function said(text, words, rules) {
  if (Object.prototype.hasOwnProperty.call(words, text)) {
    return words[text];
  }
  for (var index = 0; index < rules.length; index += 1) {
    var match = rules[index][0].exec(text);
    if (match) {
      return rules[index][1](match);
    }
  }
  return null;
}

export function translateLibrary(root) {
  if (document.documentElement.lang === "en") {
    return;
  }
  var words = exact();
  var rules = patterns(words);
  var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  var changes = [];
  for (var node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement && node.parentElement.closest(".simple-view, table, .CodeMirror, pre")) {
      continue;  // results are data
    }
    var text = node.textContent.trim();
    var replaced = text && said(text, words, rules);
    if (replaced && replaced !== text) {
      changes.push([node, replaced]);
    }
  }
  changes.forEach(function (change) { change[0].textContent = change[1]; });
  root.querySelectorAll("[placeholder], [aria-label], [title]").forEach(function (element) {
    ["placeholder", "aria-label", "title"].forEach(function (name) {
      var value = element.getAttribute(name);
      var replaced = value && said(value, words, rules);
      if (replaced && replaced !== value) {
        element.setAttribute(name, replaced);
      }
    });
  });
}
