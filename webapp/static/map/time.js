/* The network over time: the year slider, the play button and the undated toggle. The server says
 * when each node and link began (the documents' founded, started, opened, joined and deal years) and
 * draws the view as it stood in the year asked (`at=` in the URL, so the export holds the same);
 * this module only moves the year, says what changed since the previous step and which nodes are
 * undated (kept and marked, never given a guessed year).
 */

import { byId } from "./dom.js";
import { state } from "./state.js";
import { t } from "../i18n.js";
import { number } from "./texts.js";
import { change } from "./view.js";

const STEP_MS = 1400;

state.time = { previous: null, playing: false, timer: null };

function axis() {
  return state.view && state.view.time;
}

export function isNew(item) {
  // began after the previous step and by the year shown: what changed, highlighted
  var at = Number(state.params.at);
  var before = state.time.previous;
  return Boolean(state.params.at && before !== null && before < at && item.since > before && item.since <= at);
}

export function isUndated(item) {
  return Boolean(state.params.at) && item.since === undefined && item.until === undefined;
}

function goTo(year, options) {
  var current = state.params.at ? Number(state.params.at) : null;
  state.time.previous = current;
  return change(function (p) { p.at = year === null ? "" : String(year); }, options);
}

function stop() {
  state.time.playing = false;
  clearTimeout(state.time.timer);
  byId("time-play").textContent = t("Play");
  byId("time-play").setAttribute("aria-pressed", "false");
}

function nextYear() {
  var years = axis().years;
  var at = state.params.at ? Number(state.params.at) : null;
  for (var index = 0; index < years.length; index += 1) {
    if (at === null || years[index] > at) {
      return years[index];
    }
  }
  return null;
}

function step() {
  if (!state.time.playing || !axis()) {
    return;
  }
  var year = nextYear();
  if (year === null) {
    stop();
    return;
  }
  goTo(year, { replace: true }).then(function () {
    if (state.time.playing) {
      state.time.timer = setTimeout(step, STEP_MS);
    }
  });
}

function play() {
  if (state.time.playing) {
    stop();
    return;
  }
  var time = axis();
  if (!time) {
    return;
  }
  state.time.playing = true;
  byId("time-play").textContent = t("Pause");
  byId("time-play").setAttribute("aria-pressed", "true");
  if (state.params.at && Number(state.params.at) >= time.max) {
    state.params.at = "";  // played to the end before: start again from the first year
  }
  step();
}

export function renderTime(view) {
  var time = view.time;
  var group = byId("time-group");
  group.hidden = !time;
  if (!time) {
    return;
  }
  var slider = byId("time-slider");
  slider.min = String(time.min);
  slider.max = String(time.max);
  slider.value = String(time.at || time.max);
  byId("time-label").textContent = time.at ? t("As it stood in {year}", { year: time.at }) : t("All years");
  byId("time-undated").checked = time.undatedShown;
  byId("time-undated").disabled = !time.at;  // without a year nothing is left out for having none
  byId("time-clear").disabled = !time.at;
  var status = byId("time-status");
  if (!time.at) {
    status.textContent = t("{dated} entities have a year in the sources, {undated} are undated.", { dated: number(time.dated), undated: number(time.undated) });
    state.time.previous = null;
    return;
  }
  var added = view.nodes.filter(isNew).length;
  var text = t("In {year}: {nodes} nodes.", { year: time.at, nodes: number(view.counts.nodes) });
  if (state.time.previous !== null && state.time.previous < time.at) {
    text += " " + t("{n} new since {previous} (green).", { n: number(added), previous: state.time.previous });
  }
  if (time.undatedShown) {
    text += " " + t("{n} undated, kept (dashed border).", { n: number(time.undatedDrawn) });
  }
  status.textContent = text;
}

export function bindTime() {
  var slider = byId("time-slider");
  slider.addEventListener("change", function () {
    stop();
    goTo(Number(slider.value));
  });
  slider.addEventListener("input", function () {
    byId("time-label").textContent = t("As it stood in {year}", { year: slider.value });
  });
  byId("time-play").addEventListener("click", play);
  byId("time-clear").addEventListener("click", function () {
    stop();
    goTo(null);
  });
  byId("time-undated").addEventListener("change", function (event) {
    var on = event.target.checked;
    state.time.previous = state.params.at ? Number(state.params.at) : null;
    change(function (p) { p.undated = on ? "on" : "off"; });
  });
}
