/* The network in words beside the map: who is most linked and with how many, who links groups that
 * otherwise stand apart (betweenness), and the groups that work together, named as /overview names
 * them (city, theme, most linked member); and, when the map is coloured by community, the legend of
 * those groups. The server gives names and numbers; the sentences are put together here from the
 * word table in texts.js, as text only.
 */

import { byId, clear, el, fetchJson } from "./dom.js";
import { communityColour } from "./items.js";
import { swatch } from "./legend.js";
import { D, state } from "./state.js";
import { t } from "../i18n.js";
import { number } from "./texts.js";

const TOP_GROUPS = 5;
var loaded = {};

function names(refs, withCount) {
  return refs.map(function (ref) {
    return withCount ? t("{name} ({n} actors linked)", { name: ref.label, n: number(ref.links) }) : ref.label;
  }).join(", ");
}

function groupName(groups, numberOf) {
  var group = groups.filter(function (g) { return g.number === numberOf; })[0];
  return group ? t("group {n}, {name}", { n: group.number, name: group.name }) : "";
}

function tell(words) {
  var body = byId("map-words-body");
  clear(body);
  if (!words.central.length) {
    body.appendChild(el("p", "muted", t("No links between actors.")));
    return;
  }
  body.appendChild(el("p", "words-central", t("Most linked among {actors} actors: {names}.", { names: names(words.central, true),
    actors: number(words.actors) })));
  words.brokers.forEach(function (broker) {
    var groups = broker.groups.map(function (n) { return groupName(words.groups, n); });
    body.appendChild(el("p", "words-broker", t("{name} links groups that otherwise stand apart: {groups}.", { name: broker.label, groups: groups.join(t(" and ")) })));
  });
  var list = el("p", "words-groups", t("{count} groups work together:", { count: number(words.groups.length) }) + " " +
    words.groups.slice(0, TOP_GROUPS).map(function (group) {
      return t("{name}, {n} actors", { name: groupName(words.groups, group.number), n: number(group.size) });
    }).join("; ") + (words.groups.length > TOP_GROUPS ? "; …" : "."));
  body.appendChild(list);
  var more = el("a", "words-more", t("More in the ecosystem overview"));
  more.href = D.overviewUrl + (state.params.lang === "nl" ? "?lang=nl" : "");
  body.appendChild(el("p")).appendChild(more);
}

export function renderWords() {
  var lang = state.params.lang;
  if (!loaded[lang]) {
    loaded[lang] = fetchJson(D.wordsApi + "?lang=" + encodeURIComponent(lang));
  }
  loaded[lang].then(function (words) {
    if (state.params.lang === lang) {
      tell(words);
    }
  }).catch(function () {
    delete loaded[lang];
  });
}

export function renderCommunities(view) {
  var box = byId("community-legend-box");
  var list = byId("community-legend");
  clear(list);
  box.hidden = !view.communities;
  if (view.communities) {
    var brokers = el("li", "legend-broker");
    brokers.appendChild(swatch("dot", "#ffffff"));
    brokers.appendChild(el("span", "legend-name", t("thick dark border: links groups that otherwise stand apart")));
    list.appendChild(brokers);
  }
  (view.communities || []).forEach(function (group) {
    var item = el("li");
    item.dataset.community = String(group.number);
    item.appendChild(swatch("dot", communityColour(group.number)));
    var name = group.number ? t("group {n}, {name}", { n: group.number, name: group.name }) : t("in no group (places, themes, actors without links)");
    item.appendChild(el("span", "legend-name", name));
    item.appendChild(el("span", "legend-count", number(group.shown)));
    list.appendChild(item);
  });
}
